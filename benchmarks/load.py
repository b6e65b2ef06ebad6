"""Load benchmark of the production stack: gunicorn + qcluster on PostgreSQL and Redis.

Builds a site of N information pages (default 10,000) under one column, and as many
minimal pages of plain Wagtail (``wagtailcore.Page``) under another, starts the example
site in production (DEBUG off, ``--web-workers`` gunicorn workers, a qcluster) on
loopback, and measures at concurrency 1, 10 and 50:

* ``listing``: ``/api/v2/pages/?child_of=<column>`` (the package's pages endpoint);
* ``plain``: ``/api/plain/pages/?child_of=<parent>`` (plain Wagtail's, same page count):
  the anchor, measured in the same run, interleaved with ours; the ratio is ours / plain;
* ``disclosure``: ``/api/v2/disclosure/?year=2026`` (a filtered disclosure listing);
* ``message``: ``POST /api/govinfo/messages/`` (a citizen message).

It reports throughput (requests/s), p50 and p99 latency and the database queries per
request (counted in-process on a warm worker at 1,000 pages and at N, to show they do not
grow), and checks that every message the API accepted (201) is in the database.

A built site is kept as a PostgreSQL template database (``<name>_tpl_<key>_<pages>``, the
key a hash of every migration on disk and of the page builder) and copied into a fresh
run database each time: only the first run after a migration migrates and builds.

    .venv/bin/python benchmarks/load.py            # 10,000 pages, 10,000 messages at c=50
    .venv/bin/python benchmarks/load.py --quick    # < 2 minutes; exits 1 if a message is lost

The last line is ``stored/accepted <stored>/<accepted> listing ratio <ours/plain>``.
Needs PostgreSQL and Redis (``--database-url``, ``--redis-url``) and the ``prod`` extra.
See docs/explanation/load-performance.md.
"""

import argparse
import hashlib
import http.client
import inspect
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
STATIC_COLLECTED = "static files collected"


def parse_args():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--quick", action="store_true", help="1,000 pages, fewer requests: under 2 minutes.")
    parser.add_argument("--pages", type=int, help="Pages of each kind (default 10,000; 1,000 with --quick).")
    parser.add_argument("--messages", type=int, help="Message POSTs at c=50 (default 10,000; 300 with --quick).")
    parser.add_argument("--database-url", default="postgres://postgres@127.0.0.1:5432/govinfo_load",
                        help="The run's database (recreated each run); the built sites are kept as "
                             "<name>_tpl_<key>_<pages> template databases next to it.")
    parser.add_argument("--redis-url", default="redis://127.0.0.1:6379/6")
    parser.add_argument("--port", type=int, default=8391)
    parser.add_argument("--web-workers", type=int, default=4)
    parser.add_argument("--fresh", action="store_true", help="Rebuild the cached sites (template databases).")
    parser.add_argument("--json", help="Also write the figures to this file.")
    parser.add_argument("--django", choices=["populate", "queries"], help=argparse.SUPPRESS)
    parser.add_argument("--databases", nargs="*", default=[], help=argparse.SUPPRESS)
    return parser.parse_args()


def database_url(args, name):
    """The benchmark's database URL with another database name."""
    from urllib.parse import urlsplit, urlunsplit

    return urlunsplit(urlsplit(args.database_url)._replace(path="/" + name))


def database_name(args):
    from urllib.parse import urlsplit

    return urlsplit(args.database_url).path.lstrip("/")


def environment(args, database=None):
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "load_settings",
        "PYTHONPATH": os.pathsep.join(PATHS),
        "DEBUG": "0",
        "HTTPS": "0",
        "SECRET_KEY": SECRET,
        "DATABASE_URL": database_url(args, database) if database else args.database_url,
        "REDIS_URL": args.redis_url,
        "ALLOWED_HOSTS": "127.0.0.1,localhost,testserver",
        "Q_CLUSTER_NAME": "govinfo-load",
        "Q_WORKERS": "2",
        "EMAIL_BACKEND": "django.core.mail.backends.locmem.EmailBackend",
    }
    return env


def in_django(args, command, *extra, database=None):
    """Run this script's Django part in a child process with the server's settings."""
    result = subprocess.run(
        [sys.executable, __file__, "--django", command, *extra],
        env=environment(args, database), capture_output=True, text=True,
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
        from django.core.management import call_command

        # The server's static files first (the parent starts it on this line), so one
        # Django start-up fewer on the way to the load.
        call_command("collectstatic", interactive=False, verbosity=0)
        print(STATIC_COLLECTED, flush=True)
        print(json.dumps(count_queries(args.databases)))


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


def count_queries(databases):
    """Queries per request of each endpoint, in each database (one child process for all).

    Each endpoint is requested twice and the second request counted: the steady state of
    a running worker (the first fills per-process caches: the locale, content types).
    """
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext
    from wagtail.models import Page

    from wagtail_govinfo.models import ColumnPage

    counts = {}
    for database in databases:
        connection.close()
        connection.settings_dict["NAME"] = database
        column = ColumnPage.objects.get(title="负载测试栏目")
        plain = Page.objects.get(title="plain-wagtail-parent")
        size = ColumnPage.objects.get(pk=column.pk).get_children().count()
        client = Client()
        found = {}
        for name, url in endpoints(column.pk, plain.pk).items():
            for _ in range(2):
                with CaptureQueriesContext(connection) as queries:
                    response = client.get(url, HTTP_HOST="127.0.0.1")
            assert response.status_code == 200, (url, response.status_code)
            found[name] = len(queries)
        for n in range(2):
            with CaptureQueriesContext(connection) as queries:
                response = client.post(
                    "/api/govinfo/messages/", data=json.dumps(message_body("count", n)),
                    content_type="application/json", HTTP_HOST="127.0.0.1",
                )
            assert response.status_code == 201, response.content
        found["message"] = len(queries)
        counts[size] = found
    connection.close()
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


def combine(runs):
    """(requests per second, latencies, statuses) of one or more ``hammer`` runs."""
    seconds = sum(run[0] for run in runs)
    latencies = [value for run in runs for value in run[1]]
    statuses = [value for run in runs for value in run[2]]
    return len(statuses) / seconds, latencies, statuses


def percentile(values, fraction):
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(fraction * (len(ordered) - 1))))]


def start_stack(args):
    """The qcluster and gunicorn on the run's database (not waited for)."""
    env = environment(args)
    os.makedirs(os.path.join(BENCH, ".load"), exist_ok=True)
    log = open(os.path.join(BENCH, ".load", "server.log"), "w")
    manage = os.path.join(ROOT, "example_site", "manage.py")
    cluster = subprocess.Popen([sys.executable, manage, "qcluster"], env=env, stdout=log, stderr=log,
                               start_new_session=True)
    gunicorn = os.path.join(os.path.dirname(sys.executable), "gunicorn")
    web = subprocess.Popen(
        [gunicorn, "example_site.wsgi:application", "--bind", f"127.0.0.1:{args.port}",
         "--workers", str(args.web_workers), "--worker-class", "sync", "--timeout", "60",
         "--log-level", "warning"],
        env=env, stdout=log, stderr=log, start_new_session=True,
    )
    return [web, cluster]


def wait_for_server(args, processes):
    deadline = time.time() + 90
    while time.time() < deadline:
        if any(process.poll() is not None for process in processes):
            break
        try:
            conn = http.client.HTTPConnection("127.0.0.1", args.port, timeout=5)
            conn.request("GET", "/api/v2/pages/?limit=1")
            if conn.getresponse().status == 200:
                return
        except OSError:
            pass
        time.sleep(0.3)
    stop_stack(processes)
    sys.exit("the server did not start; see benchmarks/.load/server.log")


def stop_stack(processes):
    """Stop the qcluster (SIGTERM: it finishes and acknowledges its tasks) and gunicorn (SIGINT,
    its quick stop), then kill what is left in their process groups. Everything measured has
    been answered and counted by then; a gunicorn worker here takes several seconds just to
    tear down its interpreter, so gunicorn gets 3 s."""
    import signal

    for process in processes:
        if process.poll() is None:
            gunicorn = os.path.basename(process.args[0]) == "gunicorn"
            process.send_signal(signal.SIGINT if gunicorn else signal.SIGTERM)
    for process in processes:
        gunicorn = os.path.basename(process.args[0]) == "gunicorn"
        try:
            process.wait(timeout=3 if gunicorn else 30)
        except subprocess.TimeoutExpired:
            pass
        try:
            os.killpg(process.pid, signal.SIGKILL)
        except ProcessLookupError:
            pass
        process.wait()


# ---------------------------------------------------------------------------
# The site, built once and kept as PostgreSQL template databases


def site_key():
    """What a built site depends on: every migration on disk, the setup command, the builder.

    A change to any of them gives another key, so another (freshly built) template.
    """
    import sysconfig

    digest = hashlib.sha256()
    files = []
    for base in (os.path.join(ROOT, "wagtail_govinfo"), sysconfig.get_paths()["purelib"]):
        for folder, dirs, names in os.walk(base):
            dirs[:] = [d for d in dirs if d != "__pycache__"]
            if os.path.basename(folder) == "migrations":
                files += [os.path.join(folder, n) for n in names if n.endswith(".py")]
    files += [os.path.join(ROOT, "wagtail_govinfo", "management", "commands", "govinfo_setup.py"),
              os.path.join(BENCH, "checks.py"), os.path.join(ROOT, "tests", "factories.py")]
    for path in sorted(files):
        digest.update(os.path.relpath(path, ROOT).encode())
        with open(path, "rb") as handle:
            digest.update(handle.read())
    digest.update(inspect.getsource(populate).encode())
    return digest.hexdigest()[:10]


class Databases:
    """The server's databases: templates of built sites, copied for each run."""

    def __init__(self, args):
        import psycopg
        from urllib.parse import urlsplit

        url = urlsplit(args.database_url)
        admin = {"host": url.hostname or "127.0.0.1", "port": url.port or 5432,
                 "user": url.username or "postgres", "dbname": "postgres", "autocommit": True}
        if url.password:
            admin["password"] = url.password
        self.args = args
        self.name = database_name(args)
        self.conn = psycopg.connect(**admin)
        self.key = site_key()

    def exists(self, name):
        return self.conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name]).fetchone() is not None

    def drop(self, name):
        self.conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')

    def copy(self, template, name):
        self.drop(name)
        self.conn.execute(f'CREATE DATABASE "{name}" TEMPLATE "{template}"')

    def template(self, pages, base=None):
        """The template database of a site with ``pages`` pages of each kind: built if missing
        (migrate, govinfo_setup, the bulk page builder; from ``base``'s smaller site if given)."""
        name = f"{self.name}_tpl_{self.key}_{pages}"
        if self.args.fresh:
            self.drop(name)
        if self.exists(name):
            return name, False
        building = f"{self.name}_building"
        if base:
            self.copy(base, building)
        else:
            self.drop(building)
            self.conn.execute(f'CREATE DATABASE "{building}"')
            env = environment(self.args, building)
            manage = os.path.join(ROOT, "example_site", "manage.py")
            subprocess.run([sys.executable, manage, "migrate", "--noinput", "-v0"], env=env, check=True)
            subprocess.run([sys.executable, manage, "govinfo_setup"], env=env, check=True,
                           stdout=subprocess.DEVNULL)
        in_django(self.args, "populate", "--pages", str(pages), database=building)
        self.conn.execute(f'ALTER DATABASE "{building}" RENAME TO "{name}"')
        return name, True

    def drop_stale(self):
        """Templates of an older key (other migrations or builder): never used again."""
        pattern = self.name.replace("_", r"\_") + r"\_tpl\_%"
        current = f"{self.name}_tpl_{self.key}_"
        for (name,) in self.conn.execute("SELECT datname FROM pg_database WHERE datname LIKE %s",
                                         [pattern]).fetchall():
            if not name.startswith(current):
                self.drop(name)

    def query(self, name, sql, params):
        import psycopg

        info = self.conn.info
        with psycopg.connect(host=info.host, port=info.port, user=info.user, password=info.password or None,
                             dbname=name) as conn:
            return conn.execute(sql, params).fetchall()

    def site_pages(self, name):
        """The ids of the column of information pages and of the plain pages' parent."""
        return [self.query(name, "SELECT id FROM wagtailcore_page WHERE title = %s", [title])[0][0]
                for title in ("负载测试栏目", "plain-wagtail-parent")]

    def count_messages(self, name, tag):
        # CitizenMessage's table (wagtail_govinfo.interaction): every accepted POST is a row.
        return self.query(name, "SELECT count(*) FROM wagtail_govinfo_interaction_citizenmessage "
                                "WHERE subject LIKE %s", [tag + "-%"])[0][0]


def main():
    args = parse_args()
    if args.django:
        args.pages = args.pages or 0
        return django_part(args)
    pages = args.pages or (1000 if args.quick else 10000)
    messages = args.messages or (300 if args.quick else 10000)
    per_level = {1: 20, 10: 40, 50: 100} if args.quick else {1: 100, 10: 400, 50: 1000}
    began = time.time()
    phases = {}

    def phase(name, since):
        phases[name] = time.time() - since
        return time.time()

    mark = time.time()
    databases = Databases(args)
    databases.drop_stale()
    small = min(1000, pages)
    template, built = databases.template(small)
    built_any = built
    if pages > small:
        template_small, template = template, None
        template, built = databases.template(pages, base=template_small)
        built_any = built_any or built
        databases.copy(template_small, databases.name + "_small")
    databases.copy(template, databases.name)
    mark = phase("site built (cached as a template)" if built_any else "site copied from its template", mark)

    # One child process collects the static files, then counts the queries per request
    # while the server starts.
    counted = [databases.name + "_small"] if pages > small else []
    child = subprocess.Popen(
        [sys.executable, __file__, "--django", "queries", "--databases", *counted, databases.name],
        env=environment(args), stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
    )
    processes = []
    if child.stdout.readline().strip() == STATIC_COLLECTED:
        processes = start_stack(args)
    output, errors = child.communicate()
    if child.returncode != 0:
        stop_stack(processes)
        sys.exit(f"queries failed:\n{output}\n{errors}")
    queries = {int(size): found for size, found in json.loads(output.strip().splitlines()[-1]).items()}
    wait_for_server(args, processes)
    if pages > small:
        databases.drop(databases.name + "_small")
    mark = phase("queries counted, server started", mark)
    print(f"Site: {pages:,} information pages, {pages:,} plain pages; setup {time.time() - began:.0f} s",
          flush=True)

    results = {}
    tag = f"load-{uuid.uuid4().hex[:8]}"
    accepted = 0
    try:
        urls = endpoints(*databases.site_pages(databases.name))
        # Warm-up: every worker serves every endpoint before anything is measured.
        for url in urls.values():
            hammer(args.port, args.web_workers, 4 * args.web_workers, lambda n, url=url: ("GET", url, None))
        mark = phase("warm-up", mark)
        for concurrency, total in per_level.items():
            # Ours and plain Wagtail alternate (A B B A, half the requests each time), so a
            # neighbour's burst on this shared machine falls on both alike.
            halves = {"listing": [], "plain": []}
            for name in ("listing", "plain", "plain", "listing"):
                half = total // 2
                halves[name].append(hammer(args.port, concurrency, half,
                                           lambda n, url=urls[name]: ("GET", url, None)))
            for name, runs in halves.items():
                results[(name, concurrency)] = combine(runs)
            results[("disclosure", concurrency)] = combine([hammer(
                args.port, concurrency, total, lambda n, url=urls["disclosure"]: ("GET", url, None))])
        mark = phase("GET load", mark)
        for concurrency in (1, 10, 50):
            total = messages if concurrency == 50 else per_level[concurrency]
            offset = concurrency * 1_000_000

            def post(n, offset=offset):
                return "POST", "/api/govinfo/messages/", json.dumps(message_body(tag, offset + n)).encode()

            run = hammer(args.port, concurrency, total, post)
            results[("message", concurrency)] = combine([run])
            accepted += run[2].count(201)
        mark = phase("message POSTs", mark)
    finally:
        stored = databases.count_messages(databases.name, tag)
        stop_stack(processes)
    mark = phase("messages counted, server stopped", mark)

    print(f"Machine: {platform.processor() or platform.machine()}, {os.cpu_count()} CPUs, "
          f"Python {platform.python_version()}; gunicorn {args.web_workers} workers (sync), "
          f"PostgreSQL and Redis on the same machine; client threads in this process.")
    print("Time: " + ", ".join(f"{name} {seconds:.0f} s" for name, seconds in phases.items()))
    header = f"{'endpoint':<11} {'c':>3} {'req/s':>8} {'p50 ms':>8} {'p99 ms':>8} {'errors':>7} {'queries':>14}"
    print(header)
    figures = []
    for (name, concurrency), (rate, latencies, statuses) in results.items():
        errors = sum(1 for s in statuses if s not in (200, 201))
        q = "/".join(str(queries[size].get(name, "?")) for size in sorted(queries))
        print(f"{name:<11} {concurrency:>3} {rate:>8.1f} {percentile(latencies, 0.5) * 1000:>8.1f} "
              f"{percentile(latencies, 0.99) * 1000:>8.1f} {errors:>7} {q:>14}")
        figures.append({"endpoint": name, "concurrency": concurrency, "requests": len(statuses), "rps": rate,
                        "p50_ms": percentile(latencies, 0.5) * 1000, "p99_ms": percentile(latencies, 0.99) * 1000,
                        "errors": errors})
    print(f"(queries per request at {' / '.join(f'{s:,}' for s in sorted(queries))} pages, "
          "counted in-process on a warm worker)")
    ratios = [results[("plain", c)][0] / results[("listing", c)][0] for c in (1, 10, 50)]
    ratio = statistics.median(ratios)
    print("listing time / plain Wagtail time (median over c=1,10,50): "
          + ", ".join(f"c={c}: {r:.2f}" for c, r in zip((1, 10, 50), ratios)))
    if args.json:
        with open(args.json, "w") as handle:
            json.dump({"pages": pages, "queries": queries, "figures": figures, "stored": stored,
                       "accepted": accepted, "ratio": ratio, "ratios": ratios, "phases": phases}, handle, indent=1)
    print(f"Total {time.time() - began:.0f} s")
    print(f"stored/accepted {stored}/{accepted} listing ratio {ratio:.2f}")
    return 0 if stored == accepted and accepted > 0 else 1


if __name__ == "__main__":
    sys.exit(main())
