#!/usr/bin/env bash
# Build the wheel, install it into a fresh virtualenv (not the source tree) and run the example
# site from it: migrate, set up, load the demo, serve, and fetch the admin and the API.
set -euo pipefail
cd "$(dirname "$0")/.."
work=$(mktemp -d)
trap 'kill "${server:-0}" 2>/dev/null || true; rm -rf "$work"' EXIT

python3 -m pip wheel -q --no-deps -w "$work/dist" . 2>&1 | grep -v -i warning || true
python3 -m venv "$work/venv"
"$work/venv/bin/pip" install -q "$work"/dist/wagtail_govinfo-*.whl dj-database-url 2>&1 | grep -v -i warning || true
cp -r example_site "$work/site"
rm -f "$work/site/db.sqlite3"
cd "$work/site"
py="$work/venv/bin/python"
export DEBUG=1  # the demo configuration; production needs SECRET_KEY (docs/integrators/production.md)
"$py" -c "import wagtail_govinfo, sys; assert '$work' in wagtail_govinfo.__file__, wagtail_govinfo.__file__"
"$py" manage.py check --fail-level WARNING
"$py" manage.py migrate -v0 --noinput
"$py" manage.py govinfo_setup >/dev/null
"$py" manage.py govinfo_demo >/dev/null
"$py" manage.py compilemessages --help >/dev/null
"$py" manage.py runserver 127.0.0.1:8765 --noreload >"$work/server.log" 2>&1 &
server=$!
for _ in $(seq 1 50); do curl -fsS -o /dev/null http://127.0.0.1:8765/admin/login/ 2>/dev/null && break; sleep 0.2; done
curl -fsS http://127.0.0.1:8765/admin/login/ | grep -q '登录' || { echo "admin login page is not in Chinese"; exit 1; }
curl -fsS 'http://127.0.0.1:8765/api/v2/pages/?type=wagtail_govinfo.PolicyDocumentPage&fields=*' | grep -q interpretations
echo "wheel check: the example site runs from the installed wheel"
