"""Load benchmark of the production stack: gunicorn + qcluster on PostgreSQL and Redis.

Builds a site of N information pages (default 10,000) under one column, and as many
minimal pages of plain Wagtail (``wagtailcore.Page``) under another, starts the example
site in production (DEBUG off, ``WEB_WORKERS`` gunicorn workers, a qcluster) on
loopback, and measures at concurrency 1, 10 and 50:

* ``listing``: ``/api/v2/pages/?child_of=<column>`` (the package's pages endpoint);
* ``plain``: ``/api/plain/pages/?child_of=<parent>`` (plain Wagtail's, same page count):
  the anchor, measured in the same run; the ratio is ours / plain;
* ``disclosure``: ``/api/v2/disclosure/?year=2026`` (a filtered disclosure listing);
* ``message``: ``POST /api/govinfo/messages/`` (a citizen message).

It reports throughput (requests/s), p50 and p99 latency and the database queries per
request (counted in-process at 1,000 pages and at N, to show they do not grow), and
checks that every message the API accepted (201) is in the database.

    .venv/bin/python benchmarks/load.py            # 10,000 pages, 10,000 messages at c=50
    .venv/bin/python benchmarks/load.py --quick    # < 2 minutes; exits 1 if a message is lost

The last line is ``stored/accepted <stored>/<accepted> listing ratio <ours/plain>``.
Needs PostgreSQL and Redis (``--database-url``, ``--redis-url``) and the ``prod`` extra.
"""

import argparse
import http.client
import json
import os
import platform
import random
import statistics
import subprocess
import sys
import threading
import time
import uuid

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
BENCH = os.path.join(ROOT, "benchmarks")
PATHS = [ROOT, os.path.join(ROOT, "example_site"), BENCH]
SECRET = "load-benchmark-secret-" + "k" * 40


def parse_args():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--quick", action="store_true", help="1,000 pages, fewer requests: under 2 minutes.")
    parser.add_argument("--pages", type=int, help="Pages of each kind (default 10,000; 1,000 with --quick).")
    parser.add_argument("--messages", type=int, help="Message POSTs at c=50 (default 10,000; 1,000 with --quick).")
    parser.add_argument("--database-url", default="postgres://postgres@127.0.0.1:5432/govinfo_load")
    parser.add_argument("--redis-url", default="redis://127.0.0.1:6379/6")
    parser.add_argument("--port", type=int, default=8391)
    parser.add_argument("--web-workers", type=int, default=4)
    parser.add_argument("--fresh", action="store_true", help="Drop and recreate the database first.")
    parser.add_argument("--json", help="Also write the figures to this file.")
    parser.add_argument("--django", choices=["populate", "queries", "count"], help=argparse.SUPPRESS)
    parser.add_argument("--tag", help=argparse.SUPPRESS)
    return parser.parse_args()


def environment(args):
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "load_settings",
        "PYTHONPATH": os.pathsep.join(PATHS),
        "DEBUG": "0",
        "HTTPS": "0",
        "SECRET_KEY": SECRET,
        "DATABASE_URL": args.database_url,
        "REDIS_URL": args.redis_url,
        "ALLOWED_HOSTS": "127.0.0.1,localhost,testserver",
        "Q_CLUSTER_NAME": "govinfo-load",
        "Q_WORKERS": "2",
        "EMAIL_BACKEND": "django.core.mail.backends.locmem.EmailBackend",
    }
    return env


def in_django(args, command, *extra):
    """Run this script's Django part in a child process with the server's settings."""
    result = subprocess.run(
        [sys.executable, __file__, "--django", command, *extra,
         "--database-url", args.database_url, "--redis-url", args.redis_url],
        env=environment(args), capture_output=True, text=True,
    )
    if result.returncode != 0:
        sys.exit(f"{command} failed:\n{result.stdout}\n{result.stderr}")
    return json.loads(result.stdout.strip().splitlines()[-1])


# ---------------------------------------------------------------------------
# Inside Django (child processes)


def django_part(args):
    import django

    sys.path[:0] = PATHS
    django.setup()
    if args.django == "populate":
        print(json.dumps(populate(args.pages)))
    elif args.django == "queries":
        print(json.dumps(count_queries()))
    elif args.django == "count":
        from wagtail_govinfo.interaction.models import CitizenMessage

        print(json.dumps(CitizenMessage.objects.filter(subject__startswith=args.tag).count()))


def populate(pages):
    """Grow the site to ``pages`` information pages and ``pages`` plain pages (idempotent)."""
    import datetime

    from django.contrib.contenttypes.models import ContentType
    from django.db import connection, transaction
    from django.utils import timezone
    from wagtail.models import Page

    from checks import Builder  # benchmarks/checks.py: bulk page trees
    from wagtail_govinfo.models import ColumnKind, ColumnPage, InfoCategory, InfoPage

    rng = random.Random(20261201)
    with transaction.atomic():
        builder = Builder(rng, timezone.now())
        builder.kinds = []
        column = ColumnPage.objects.filter(title="负载测试栏目").first()
        plain = Page.objects.filter(title="plain-wagtail-parent").first()
        if column is None:
            column = builder.add(builder.home, ColumnPage, "负载测试栏目", timezone.now())
            builder.kinds.append((column, ColumnKind.NEWS))
            builder.content_types[Page] = ContentType.objects.get_for_model(Page).pk
            plain = builder.add(builder.home, Page, "plain-wagtail-parent", timezone.now())
            builder.flush()
            builder.set_kinds()
            column = ColumnPage.objects.get(pk=column.pk)
            plain = Page.objects.get(pk=plain.pk)
        builder.content_types[Page] = ContentType.objects.get_for_model(Page).pk
        def children(parent):
            return Page.objects.filter(path__startswith=parent.path, depth=parent.depth + 1).count()

        for parent, model, have in ((column, InfoPage, children(column)), (plain, Page, children(plain))):
            builder.children[parent.path] = have
            for n in range(have, pages):
                published = timezone.now() - datetime.timedelta(days=rng.uniform(0, 700))
                builder.add(parent, model, f"负载测试信息{n}" if model is InfoPage else f"plain {n}", published)
            added = [page.pk for _, page in builder.rows]
            builder.flush()
            Page.objects.filter(pk=parent.pk).update(numchild=builder.children[parent.path])
            if model is InfoPage and added:
                for start in range(0, len(added), 900):
                    chunk = added[start:start + 900]
                    InfoPage.objects.filter(pk__in=chunk[::2]).update(category=InfoCategory.PROACTIVE_DISCLOSURE)
        Page.objects.filter(pk=builder.home.pk).update(numchild=builder.home.get_children().count())
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")
    return {"column": column.pk, "plain": plain.pk, "pages": children(column), "plain_pages": children(plain)}


def count_queries():
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext
    from wagtail.models import Page

    from wagtail_govinfo.models import ColumnPage

    column = ColumnPage.objects.get(title="负载测试栏目")
    plain = Page.objects.get(title="plain-wagtail-parent")
    client = Client()
    counts = {}
    for name, url in endpoints(column.pk, plain.pk).items():
        with CaptureQueriesContext(connection) as queries:
            response = client.get(url, HTTP_HOST="127.0.0.1")
        assert response.status_code == 200, (url, response.status_code)
        counts[name] = len(queries)
    with CaptureQueriesContext(connection) as queries:
        response = client.post(
            "/api/govinfo/messages/", data=json.dumps(message_body("count", 0)),
            content_type="application/json", HTTP_HOST="127.0.0.1",
        )
    assert response.status_code == 201, response.content
    counts["message"] = len(queries)
    return counts


# ---------------------------------------------------------------------------
# The load


def endpoints(column, plain):
    return {
        "listing": f"/api/v2/pages/?child_of={column}&limit=20",
        "plain": f"/api/plain/pages/?child_of={plain}&limit=20",
        "disclosure": "/api/v2/disclosure/?year=2026&limit=20",
    }


def message_body(tag, n):
    return {
        "kind": "consultation",
        "subject": f"{tag}-{n}",
        "body": "请问今年医保缴费从什么时候开始？",
        "sender_name": "张三",
        "sender_contact": "13912345678",
    }


def hammer(port, concurrency, total, request):
    """Send ``total`` requests from ``concurrency`` threads; (seconds, latencies, statuses)."""
    latencies, statuses = [], []
    lock = threading.Lock()
    counter = iter(range(total))

    def worker():
        while True:
            with lock:
                n = next(counter, None)
            if n is None:
                return
            method, url, body = request(n)
            started = time.perf_counter()
            try:
                conn = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
                headers = {"Content-Type": "application/json"} if body else {}
                conn.request(method, url, body=body, headers=headers)
                response = conn.getresponse()
                response.read()
                status = response.status
                conn.close()
            except OSError:
                status = 0
            elapsed = time.perf_counter() - started
            with lock:
                latencies.append(elapsed)
                statuses.append(status)

    threads = [threading.Thread(target=worker) for _ in range(concurrency)]
    started = time.perf_counter()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return time.perf_counter() - started, latencies, statuses


def percentile(values, fraction):
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(fraction * (len(ordered) - 1))))]


def start_stack(args):
    env = environment(args)
    os.makedirs(os.path.join(BENCH, ".load"), exist_ok=True)
    log = open(os.path.join(BENCH, ".load", "server.log"), "w")
    manage = os.path.join(ROOT, "example_site", "manage.py")
    subprocess.run([sys.executable, manage, "collectstatic", "--noinput", "-v0"], env=env, check=True)
    cluster = subprocess.Popen([sys.executable, manage, "qcluster"], env=env, stdout=log, stderr=log,
                               start_new_session=True)
    gunicorn = os.path.join(os.path.dirname(sys.executable), "gunicorn")
    web = subprocess.Popen(
        [gunicorn, "example_site.wsgi:application", "--bind", f"127.0.0.1:{args.port}",
         "--workers", str(args.web_workers), "--log-level", "warning"],
        env=env, stdout=log, stderr=log, start_new_session=True,
    )
    deadline = time.time() + 60
    while time.time() < deadline:
        try:
            conn = http.client.HTTPConnection("127.0.0.1", args.port, timeout=5)
            conn.request("GET", "/api/v2/pages/?limit=1")
            if conn.getresponse().status == 200:
                break
        except OSError:
            time.sleep(0.3)
    else:
        sys.exit("the server did not start; see benchmarks/.load/server.log")
    return web, cluster


def stop_stack(processes):
    import signal

    for process in processes:
        if process.poll() is None:
            os.killpg(process.pid, signal.SIGTERM)
    for process in processes:
        try:
            process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)


def prepare_database(args):
    import dj_database_url
    import psycopg

    cfg = dj_database_url.parse(args.database_url)
    admin = {"host": cfg["HOST"] or "127.0.0.1", "port": cfg["PORT"] or 5432,
             "user": cfg["USER"] or "postgres", "dbname": "postgres", "autocommit": True}
    if cfg["PASSWORD"]:
        admin["password"] = cfg["PASSWORD"]
    with psycopg.connect(**admin) as conn:
        exists = conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", [cfg["NAME"]]).fetchone()
        if exists and args.fresh:
            conn.execute(f'DROP DATABASE "{cfg["NAME"]}" WITH (FORCE)')
            exists = None
        if not exists:
            conn.execute(f'CREATE DATABASE "{cfg["NAME"]}"')
    env = environment(args)
    manage = os.path.join(ROOT, "example_site", "manage.py")
    subprocess.run([sys.executable, manage, "migrate", "--noinput", "-v0"], env=env, check=True)
    subprocess.run([sys.executable, manage, "govinfo_setup"], env=env, check=True, stdout=subprocess.DEVNULL)


def main():
    args = parse_args()
    if args.django:
        args.pages = args.pages or 0
        return django_part(args)
    pages = args.pages or (1000 if args.quick else 10000)
    messages = args.messages or (300 if args.quick else 10000)
    per_level = {1: 10, 10: 40, 50: 100} if args.quick else {1: 100, 10: 400, 50: 1000}
    began = time.time()

    prepare_database(args)
    small = min(1000, pages)
    site = in_django(args, "populate", "--pages", str(small))
    queries = {small: in_django(args, "queries")}
    if pages > small:
        site = in_django(args, "populate", "--pages", str(pages))
        queries[pages] = in_django(args, "queries")
    print(f"Site: {site['pages']} information pages, {site['plain_pages']} plain pages; setup {time.time() - began:.0f} s")

    processes = start_stack(args)
    results = {}
    tag = f"load-{uuid.uuid4().hex[:8]}"
    accepted = 0
    try:
        urls = endpoints(site["column"], site["plain"])
        for concurrency, total in per_level.items():
            for name, url in urls.items():
                if not args.quick:  # warm up
                    hammer(args.port, concurrency, min(total, 2 * concurrency), lambda n, url=url: ("GET", url, None))
                seconds, latencies, statuses = hammer(
                    args.port, concurrency, total, lambda n, url=url: ("GET", url, None)
                )
                results[(name, concurrency)] = (total / seconds, latencies, statuses)
        for concurrency in (1, 10, 50):
            total = messages if concurrency == 50 else per_level[concurrency]
            offset = concurrency * 1_000_000

            def post(n, offset=offset):
                return "POST", "/api/govinfo/messages/", json.dumps(message_body(tag, offset + n)).encode()

            seconds, latencies, statuses = hammer(args.port, concurrency, total, post)
            results[("message", concurrency)] = (total / seconds, latencies, statuses)
            accepted += statuses.count(201)
    finally:
        stop_stack(processes)
    stored = in_django(args, "count", "--tag", tag)

    print(f"Machine: {platform.processor() or platform.machine()}, {os.cpu_count()} CPUs, "
          f"Python {platform.python_version()}; gunicorn {args.web_workers} workers (sync), "
          f"PostgreSQL and Redis on the same machine; client threads in this process.")
    header = f"{'endpoint':<11} {'c':>3} {'req/s':>8} {'p50 ms':>8} {'p99 ms':>8} {'errors':>7} {'queries':>14}"
    print(header)
    figures = []
    for (name, concurrency), (rate, latencies, statuses) in results.items():
        errors = sum(1 for s in statuses if s not in (200, 201))
        q = "/".join(str(queries[size].get(name, "?")) for size in sorted(queries))
        print(f"{name:<11} {concurrency:>3} {rate:>8.1f} {percentile(latencies, 0.5) * 1000:>8.1f} "
              f"{percentile(latencies, 0.99) * 1000:>8.1f} {errors:>7} {q:>14}")
        figures.append({"endpoint": name, "concurrency": concurrency, "rps": rate,
                        "p50_ms": percentile(latencies, 0.5) * 1000, "p99_ms": percentile(latencies, 0.99) * 1000,
                        "errors": errors})
    print(f"(queries per request at {' / '.join(f'{s:,}' for s in sorted(queries))} pages)")
    ratios = [results[("plain", c)][0] / results[("listing", c)][0] for c in (1, 10, 50)]
    ratio = statistics.median(ratios)
    print("listing time / plain Wagtail time (median over c=1,10,50): "
          + ", ".join(f"c={c}: {r:.2f}" for c, r in zip((1, 10, 50), ratios)))
    if args.json:
        with open(args.json, "w") as handle:
            json.dump({"pages": pages, "queries": queries, "figures": figures, "stored": stored,
                       "accepted": accepted, "ratio": ratio}, handle, indent=1)
    print(f"Total {time.time() - began:.0f} s")
    print(f"stored/accepted {stored}/{accepted} listing ratio {ratio:.2f}")
    return 0 if stored == accepted and accepted > 0 else 1


if __name__ == "__main__":
    sys.exit(main())
