#!/usr/bin/env bash
# The example site as a production stack on this machine (`make prod`):
# PostgreSQL + Redis + gunicorn (WEB_WORKERS) + a django-q2 cluster (Q_WORKERS), DEBUG off.
#
#   DATABASE_URL   default postgres://postgres@127.0.0.1:5432/govinfo_prod (created if missing)
#   REDIS_URL      default redis://127.0.0.1:6379/1 (cache and broker)
#   SECRET_KEY     default: generated once into example_site/.secret_key (mode 600)
#   HOST, PORT     where gunicorn listens (default 127.0.0.1:8000)
#   HTTPS          default 0 here (plain HTTP on loopback); 1 behind a TLS proxy
#   (no media variable: gunicorn answers /media/, serving an image only once a published page
#    uses it or to staff; a web server in front must not serve MEDIA_ROOT itself)
#   PROD_DEMO      default 1: load the demo content (govinfo_demo) after setup
#   PROD_SETUP     default 1: migrate, collectstatic, govinfo_setup before serving
# Ctrl-C (or SIGTERM) stops gunicorn and the cluster.
set -euo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)
VENV=${VENV:-.venv}
py="$root/$VENV/bin/python"

export DEBUG=0
export DATABASE_URL=${DATABASE_URL:-postgres://postgres@127.0.0.1:5432/govinfo_prod}
export REDIS_URL=${REDIS_URL:-redis://127.0.0.1:6379/1}
export HOST=${HOST:-127.0.0.1}
export PORT=${PORT:-8000}
export HTTPS=${HTTPS:-0}
export ALLOWED_HOSTS=${ALLOWED_HOSTS:-$HOST,localhost,127.0.0.1}
export WAGTAILADMIN_BASE_URL=${WAGTAILADMIN_BASE_URL:-http://$HOST:$PORT}
WEB_WORKERS=${WEB_WORKERS:-4}
export Q_WORKERS=${Q_WORKERS:-4}
if [ -z "${SECRET_KEY:-}" ]; then
    keyfile="$root/example_site/.secret_key"
    if [ ! -s "$keyfile" ]; then
        (umask 077; "$py" -c 'import secrets; print(secrets.token_urlsafe(50))' >"$keyfile")
    fi
    SECRET_KEY=$(cat "$keyfile")
    export SECRET_KEY
fi

# The database named by DATABASE_URL, created when missing (local PostgreSQL, trust auth).
"$py" - <<'PY'
import os, dj_database_url, psycopg
cfg = dj_database_url.parse(os.environ["DATABASE_URL"])
if cfg["ENGINE"].endswith("postgresql"):
    admin = dict(host=cfg["HOST"] or "127.0.0.1", port=cfg["PORT"] or 5432, user=cfg["USER"] or "postgres",
                 password=cfg["PASSWORD"] or None, dbname="postgres", autocommit=True)
    with psycopg.connect(**{k: v for k, v in admin.items() if v is not None}) as conn:
        if not conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", [cfg["NAME"]]).fetchone():
            conn.execute(f'CREATE DATABASE "{cfg["NAME"]}"')
            print(f"Created database {cfg['NAME']}")
PY

cd example_site
if [ "${PROD_SETUP:-1}" = 1 ]; then
    "$py" manage.py migrate --noinput -v0
    "$py" manage.py collectstatic --noinput -v0
    "$py" manage.py govinfo_setup >/dev/null
    if [ "${PROD_DEMO:-1}" = 1 ]; then "$py" manage.py govinfo_demo >/dev/null; fi
    "$py" manage.py check --deploy --fail-level ERROR
fi

"$py" manage.py qcluster &
cluster=$!
"$root/$VENV/bin/gunicorn" example_site.wsgi:application \
    --bind "$HOST:$PORT" --workers "$WEB_WORKERS" --worker-class sync \
    --timeout 60 --graceful-timeout 20 --access-logfile - --log-level warning &
web=$!
stop() { kill -TERM "$web" "$cluster" 2>/dev/null || true; wait "$web" "$cluster" 2>/dev/null || true; }
trap 'stop; exit 0' INT TERM
trap stop EXIT
echo "Production stack: http://$HOST:$PORT/admin/  API http://$HOST:$PORT/api/v2/pages/"
echo "gunicorn pid $web ($WEB_WORKERS workers), qcluster pid $cluster ($Q_WORKERS workers); Ctrl-C stops both."
wait -n "$web" "$cluster"
