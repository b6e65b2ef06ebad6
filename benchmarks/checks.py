"""Benchmark of the daily checks: queries and seconds per run on sites of growing size.

Builds sites of 100, 1,000 and 10,000 columns and as many topics, with realistic page
trees, and runs the daily checks (topics of 第二十一条, stale and empty columns) on each:

* columns: top-level columns of every kind, each with sub-columns two levels deep;
  three information pages under most columns, published at random over the last 400
  days; one column in ten is empty;
* topics: under topic columns (up to 100 topics each), each topic holding three
  information pages and a sub-column with two more; all updated in the last three days
  except five, quiet for six days (so every size has the same five warnings to send).

Pages are inserted in bulk (rows cloned from one page of each type made the normal
way), which is what makes 10,000 of each quick to build; the checks then read them like
any site. Each size gets a fresh database copied from one migrated template. Two runs
per size: the first writes every column's status and sends the five warnings; the
second is a steady day (nothing changed since).

Run from the repository root::

    .venv/bin/python benchmarks/checks.py                     # SQLite in a temporary folder
    .venv/bin/python benchmarks/checks.py --sizes 100 1000
    .venv/bin/python benchmarks/checks.py --postgres postgres://postgres@127.0.0.1:5432/postgres
"""

import argparse
import datetime
import os
import platform
import random
import shutil
import sys
import tempfile
import time
import uuid

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
sys.path[:0] = [ROOT, os.path.join(ROOT, "example_site")]

SEED = 20261101
TODAY = datetime.date(2026, 11, 20)
ALPHABET = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ"
COLUMN_KINDS = ["news", "notice", "policy", "city_profile", "interaction", "services", "other"]
QUIET_TOPICS = 5


def parse_args():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[100, 1000, 10000])
    parser.add_argument(
        "--postgres", metavar="URL",
        help="A PostgreSQL server (the URL of any database on it): each size gets its own database.",
    )
    return parser.parse_args()


def step(number):
    """A treebeard path step (4 characters of base 36)."""
    text = ""
    for _ in range(4):
        number, digit = divmod(number, 36)
        text = ALPHABET[digit] + text
    return text


class Builder:
    """Inserts page trees in bulk under the site's home page."""

    def __init__(self, rng, now):
        from django.contrib.contenttypes.models import ContentType
        from wagtail.models import Locale, Page, Site

        from tests import factories as f
        from wagtail_govinfo.models import ColumnKind, ColumnPage, Department, InfoPage, TopicPage

        self.Page, self.ColumnPage, self.InfoPage, self.TopicPage = Page, ColumnPage, InfoPage, TopicPage
        self.rng, self.now = rng, now
        self.home = Site.objects.get(is_default_site=True).root_page
        self.locale_id = Locale.get_default().pk
        self.departments = [
            Department.objects.get_or_create(code=f"b{i}", defaults={"name": f"基准部门{i}"})[0]
            for i in range(20)
        ]
        # One page of each type made the normal way: its table rows are cloned. A site
        # grown a second time (benchmarks/load.py) reuses the ones it already has.
        template_column = ColumnPage.objects.filter(title="模板栏目").first()
        if template_column is None:
            template_column = f.column(kind=ColumnKind.NEWS, title="模板栏目")
            f.info_page(template_column, title="模板信息")
            f.topic(template_column, title="模板专题")
        self.templates = {
            ColumnPage: template_column.pk,
            InfoPage: InfoPage.objects.get(title="模板信息").pk,
            TopicPage: TopicPage.objects.get(title="模板专题").pk,
        }
        self.content_types = {
            model: ContentType.objects.get_for_model(model).pk for model in self.templates
        }
        self.children = {}  # path -> number of children so far
        self.home.refresh_from_db()  # numchild changed with the templates
        last_child = self.home.get_children().order_by("-path").first()
        self.children[self.home.path] = int(last_child.path[-4:], 36) if last_child else 0
        self.rows = []  # (model, Page)

    def add(self, parent, model, title, published=None, live=True):
        index = self.children.get(parent.path, 0) + 1
        self.children[parent.path] = index
        slug = f"p{uuid.uuid4().hex[:12]}"
        page = self.Page(
            title=title, draft_title=title, slug=slug, content_type_id=self.content_types[model],
            path=parent.path + step(index), depth=parent.depth + 1, numchild=0,
            url_path=f"{parent.url_path}{slug}/", live=live, has_unpublished_changes=False,
            first_published_at=published, last_published_at=published, locale_id=self.locale_id,
            translation_key=uuid.uuid4(),
        )
        self.rows.append((model, page))
        return page

    def flush(self):
        from django.db import connection

        pages = [page for _, page in self.rows]
        for page in pages:
            page.numchild = self.children.get(page.path, 0)
        self.Page.objects.bulk_create(pages, batch_size=500)
        with connection.cursor() as cursor:
            for model, template_pk in self.templates.items():
                new = [page.pk for m, page in self.rows if m is model]
                if not new:
                    continue
                table = connection.ops.quote_name(model._meta.db_table)
                columns = ", ".join(
                    connection.ops.quote_name(field.column)
                    for field in model._meta.local_concrete_fields
                    if field.column != "page_ptr_id"
                )
                cursor.executemany(
                    f"INSERT INTO {table} (page_ptr_id, {columns}) "
                    f"SELECT %s, {columns} FROM {table} WHERE page_ptr_id = %s",
                    [(pk, template_pk) for pk in new],
                )
        through = self.ColumnPage.responsible_departments.through
        through.objects.bulk_create(
            [
                through(columnpage_id=page.pk, department_id=self.rng.choice(self.departments).pk)
                for model, page in self.rows
                if model is self.ColumnPage
            ],
            batch_size=500,
        )
        self.Page.objects.filter(pk=self.home.pk).update(numchild=self.children[self.home.path])
        count = len(self.rows)
        self.rows = []
        return count

    def ago(self, low_days, high_days):
        return self.now - datetime.timedelta(seconds=self.rng.uniform(low_days, high_days) * 86400)

    def column(self, parent, title, kind, published=None):
        page = self.add(parent, self.ColumnPage, title, published)
        self.kinds.append((page, kind))
        return page

    def content(self, parent, count, published):
        for n in range(count):
            self.add(parent, self.InfoPage, f"{parent.title}-信息{n}", published or self.ago(0, 400))

    def build(self, size):
        """About ``size`` content columns and exactly ``size`` topics."""
        self.kinds = []
        columns = 0
        while columns < size:
            kind = COLUMN_KINDS[columns % len(COLUMN_KINDS)]
            top = self.column(self.home, f"栏目{columns}", kind)
            columns += 1
            for _ in range(min(9, size - columns)):
                sub = self.column(top, f"子栏目{columns}", kind)
                columns += 1
                if columns % 3 == 0 and columns < size:  # a third level here and there
                    leaf = self.column(sub, f"三级栏目{columns}", kind)
                    columns += 1
                    self.content(leaf, 3, None)
                if self.rng.random() >= 0.1:  # one column in ten stays empty
                    self.content(sub, 3, None)
        topics = 0
        while topics < size:
            topic_column = self.column(self.home, f"专题栏目{topics}", "topic")
            for _ in range(min(100, size - topics)):
                quiet = topics < QUIET_TOPICS
                when = self.ago(6.2, 6.8) if quiet else self.ago(0, 3)
                topic = self.add(topic_column, self.TopicPage, f"专题{topics}", when)
                self.content(topic, 3, when)
                sub = self.column(topic, f"专题子栏目{topics}", "news", when)
                self.content(sub, 2, when)
                topics += 1

    def set_kinds(self):
        by_kind = {}
        for page, kind in self.kinds:
            by_kind.setdefault(kind, []).append(page.pk)
        for kind, pks in by_kind.items():
            for chunk in range(0, len(pks), 900):
                self.ColumnPage.objects.filter(pk__in=pks[chunk:chunk + 900]).update(column_kind=kind)


def run_size(size, rng):
    from django.db import connection, transaction
    from django.test.utils import CaptureQueriesContext
    from django.utils import timezone

    from wagtail_govinfo.checkruns import run_checks
    from wagtail_govinfo.models import ColumnPage, TopicPage
    from wagtail_govinfo.setup import setup_roles

    setup_roles()
    now = timezone.make_aware(datetime.datetime.combine(TODAY, datetime.time(1)))
    started = time.perf_counter()
    with transaction.atomic():
        builder = Builder(rng, now)
        builder.build(size)
        pages = builder.flush()
        builder.set_kinds()
    build_seconds = time.perf_counter() - started
    counts = {
        "pages": pages,
        "columns": ColumnPage.objects.live().count(),
        "topics": TopicPage.objects.live().count(),
    }
    runs = []
    for _ in range(2):
        with CaptureQueriesContext(connection) as queries:
            started = time.perf_counter()
            results = run_checks(TODAY)
            seconds = time.perf_counter() - started
        assert all(r.ok for r in results), [r.error for r in results if not r.ok]
        topics = next(r for r in results if r.name == "topics").summary
        runs.append((len(queries), seconds, len(topics["warned"])))
    return counts, build_seconds, runs


def main():
    args = parse_args()
    workdir = tempfile.mkdtemp(prefix="govinfo-bench-")
    if args.postgres:
        base = args.postgres.rsplit("/", 1)[0]
        template = "govinfo_bench_template"
        os.environ["DATABASE_URL"] = f"{base}/{template}"
    else:
        template = os.path.join(workdir, "template.sqlite3")
        os.environ["DATABASE_URL"] = f"sqlite:///{template}"
    os.environ["EMAIL_BACKEND"] = "django.core.mail.backends.locmem.EmailBackend"
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "example_site.settings")

    import psycopg  # noqa: F401  (only needed with --postgres)
    import django
    from django.core.management import call_command
    from django.db import connection

    if args.postgres:
        with psycopg.connect(args.postgres, autocommit=True) as admin:
            admin.execute(f"DROP DATABASE IF EXISTS {template}")
            admin.execute(f"CREATE DATABASE {template}")
    django.setup()
    call_command("migrate", verbosity=0)
    connection.close()

    print(f"Daily checks benchmark, {platform.python_implementation()} {platform.python_version()}, "
          f"{connection.vendor}, {os.cpu_count()} CPUs, checks as of {TODAY}")
    header = (f"{'size':>6} {'pages':>7} {'columns':>8} {'topics':>7} {'build s':>8} | "
              f"{'1st run: queries':>16} {'s':>6} {'warned':>6} | {'steady run: queries':>19} {'s':>6}")
    print(header)
    print("-" * len(header))
    for size in args.sizes:
        rng = random.Random(SEED + size)
        if args.postgres:
            name = f"govinfo_bench_{size}"
            with psycopg.connect(args.postgres, autocommit=True) as admin:
                admin.execute(f"DROP DATABASE IF EXISTS {name}")
                admin.execute(f"CREATE DATABASE {name} TEMPLATE {template}")
        else:
            name = os.path.join(workdir, f"size{size}.sqlite3")
            shutil.copyfile(template, name)
        connection.close()
        connection.settings_dict["NAME"] = name
        counts, build_seconds, runs = run_size(size, rng)
        (q1, s1, warned1), (q2, s2, _warned2) = runs
        print(f"{size:>6} {counts['pages']:>7} {counts['columns']:>8} {counts['topics']:>7} "
              f"{build_seconds:>8.1f} | {q1:>16} {s1:>6.2f} {warned1:>6} | {q2:>19} {s2:>6.2f}")
        connection.close()
        if args.postgres:
            with psycopg.connect(args.postgres, autocommit=True) as admin:
                admin.execute(f"DROP DATABASE IF EXISTS {name}")
    if args.postgres:
        with psycopg.connect(args.postgres, autocommit=True) as admin:
            admin.execute(f"DROP DATABASE IF EXISTS {template}")
    shutil.rmtree(workdir, ignore_errors=True)


if __name__ == "__main__":
    main()
