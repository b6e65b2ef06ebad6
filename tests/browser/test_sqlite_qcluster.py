"""Issue 10, done when: "a browser test submits pages while a qcluster runs on the same
SQLite file and gets no 500".

The example site runs as the demo runs it, on a real SQLite file (not the test database,
which is in memory): ``runserver`` in one process, ``manage.py qcluster`` in another,
and a third process that keeps the cluster busy by queueing the scheduled daily checks
and the outbox flush every fraction of a second (a running cluster only looks at its
schedules every 30 s). An editor in Chromium writes and submits several pages in a row;
none may answer 500, 503 or "database is locked", and every page is saved with its
summary and body and is in review.
"""

import json
import os
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest
from playwright.sync_api import expect

from tests.browser.test_review_journey import footer_action

ROOT = Path(__file__).resolve().parents[2]
MANAGE = ROOT / "example_site" / "manage.py"

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(
        bool(os.environ.get("DATABASE_URL")),
        reason="SQLite only: the suite runs on another database (DATABASE_URL is set)",
    ),
]

PAGES = 5

# Run in the site's own process (manage.py shell): the people, a column and its workflow.
SETUP = """
from tests import factories as f
dept = f.department("fgw", "市发改委")
column = f.column(departments=[dept], title="动态要闻")
f.editor(dept, username="editor", first_name="信息", last_name="李")
f.reviewer(dept, username="reviewer", first_name="保密", last_name="王")
f.leader(dept, username="leader", first_name="分管", last_name="赵")
print(column.pk)
"""

# The scheduled jobs, queued back to back for the cluster while the editor works.
FEED = """
import time
from django_q.tasks import async_task
while True:
    async_task("wagtail_govinfo.tasks.run_daily_checks")
    async_task("wagtail_govinfo.outbox.flush")
    time.sleep(0.3)
"""

# What the pages ask after the test: each page's title, summary, body, workflow status.
REPORT = """
import json
from wagtail_govinfo.models import InfoPage
from django_q.models import Success, Failure
from wagtail_govinfo.models import CheckRun
rows = []
for page in InfoPage.objects.order_by("pk"):
    latest = page.get_latest_revision_as_object()
    state = page.current_workflow_state
    rows.append({"title": page.title, "summary": latest.summary, "body": str(latest.body),
                 "workflow": state.status if state else None})
print(json.dumps({"pages": rows, "succeeded": Success.objects.count(), "failed": Failure.objects.count(),
                  "checkruns": CheckRun.objects.count()}, ensure_ascii=False))
"""


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class ExampleSite:
    """The example site on ``directory/db.sqlite3``: its server, its cluster, the feed."""

    def __init__(self, directory):
        self.directory = directory
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        (directory / "mail").mkdir()
        self.env = {
            **os.environ,
            "DJANGO_SETTINGS_MODULE": "example_site.settings",
            "PYTHONPATH": os.pathsep.join([str(ROOT), str(ROOT / "example_site")]),
            "DEBUG": "1",
            "DATABASE_URL": f"sqlite:///{directory / 'db.sqlite3'}",
            "WAGTAILADMIN_BASE_URL": self.url,
            "EMAIL_BACKEND": "django.core.mail.backends.filebased.EmailBackend",
            "EMAIL_FILE_PATH": str(directory / "mail"),
            "Q_WORKERS": "2",
            "LOG_LEVEL": "WARNING",
        }
        self.env.pop("REDIS_URL", None)  # the ORM broker, on the same SQLite file
        self.processes = []

    def manage(self, *args, stdin=None):
        result = subprocess.run(
            [sys.executable, str(MANAGE), *args], env=self.env, cwd=ROOT, input=stdin,
            capture_output=True, text=True, timeout=600,
        )
        assert result.returncode == 0, f"manage.py {' '.join(args)} failed:\n{result.stdout}\n{result.stderr}"
        return result.stdout

    def start(self, name, *args):
        log = open(self.directory / f"{name}.log", "w")
        process = subprocess.Popen(
            [sys.executable, str(MANAGE), *args], env=self.env, cwd=ROOT,
            stdout=log, stderr=subprocess.STDOUT, start_new_session=True,
        )
        self.processes.append((process, log))
        return process

    def log(self, name):
        return (self.directory / f"{name}.log").read_text(encoding="utf-8", errors="replace")

    def wait_until_served(self, timeout=60):
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            try:
                urllib.request.urlopen(f"{self.url}/admin/login/", timeout=5)
                return
            except OSError:
                time.sleep(0.5)
        raise AssertionError(f"the server did not answer within {timeout}s:\n{self.log('server')}")

    def stop(self):
        for process, log in self.processes:
            if process.poll() is None:
                process.terminate()
                try:
                    process.wait(timeout=10)
                except subprocess.TimeoutExpired:
                    process.kill()
                    process.wait()
            log.close()


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    site = ExampleSite(tmp_path_factory.mktemp("sqlite-site"))
    site.manage("migrate", "--noinput", "-v", "0")
    site.manage("govinfo_setup")
    site.column = int(site.manage("shell", "-c", SETUP).strip().splitlines()[-1])
    site.start("server", "runserver", "--noreload", f"127.0.0.1:{site.port}")
    site.start("qcluster", "qcluster")
    site.start("feed", "shell", "-c", FEED)
    try:
        site.wait_until_served()
        yield site
    finally:
        site.stop()


def login(page, site, username):
    page.goto(f"{site.url}/admin/login/")
    page.fill("input[name=username]", username)
    page.fill("input[name=password]", "pw")
    page.click("button[type=submit]")
    page.wait_for_url(f"{site.url}/admin/**")


def add_rich_text(page, text):
    """Add a rich text block to the page's body and type ``text`` into it."""
    page.locator("[data-contentpath='body'] button.c-sf-add-button").first.click()
    page.get_by_role("option", name="富文本").click()
    editor = page.locator("[data-contentpath='body'] .Draftail-Editor [contenteditable=true]").last
    editor.wait_for()
    editor.click()
    page.keyboard.type(text)
    expect(editor).to_contain_text(text)
    # Draftail writes its content to the form at most every 250 ms: leave it the time to.
    page.wait_for_timeout(600)


def test_an_editor_submits_pages_while_the_qcluster_runs_on_the_same_sqlite_file(new_page, site, artifacts):
    page = new_page
    statuses = []
    page.on("response", lambda response: statuses.append((response.status, response.request.method, response.url)))
    login(page, site, "editor")
    titles = [f"价格监测信息第{n}期" for n in range(1, PAGES + 1)]
    for n, title in enumerate(titles, start=1):
        page.goto(f"{site.url}/admin/pages/add/wagtail_govinfo/infopage/{site.column}/")
        page.fill("#id_title", title)
        page.fill("#id_source_author", "市发改委 李信息")
        page.fill("#id_written_on", "2026-11-02")
        page.fill("#id_summary", f"第{n}期摘要：本周主要农产品价格总体平稳。")
        add_rich_text(page, f"第{n}期正文：猪肉价格环比下降百分之二。")
        footer_action(page, "action-submit")
        try:
            page.wait_for_url(f"{site.url}/admin/pages/{site.column}/**")
        except Exception:
            page.screenshot(path=str(artifacts / "sqlite-qcluster-failed-submit.png"), full_page=True)
            raise AssertionError(
                f"page {n} was not submitted: {[s for s in statuses if s[0] >= 400]}\n"
                f"{page.locator('body').inner_text()[:2000]}\n{site.log('server')[-3000:]}"
            ) from None
        text = page.locator("body").inner_text()
        assert "database is locked" not in text and "OperationalError" not in text
    page.screenshot(path=str(artifacts / "sqlite-qcluster-after-submits.png"), full_page=True)

    failures = [entry for entry in statuses if entry[0] >= 500]
    assert failures == [], failures
    server_log = site.log("server")
    assert "database is locked" not in server_log, server_log
    assert "database is locked" not in site.log("qcluster"), site.log("qcluster")

    report = json.loads(site.manage("shell", "-c", REPORT).strip().splitlines()[-1])
    pages = {row["title"]: row for row in report["pages"]}
    for n, title in enumerate(titles, start=1):
        row = pages[title]
        assert row["summary"] == f"第{n}期摘要：本周主要农产品价格总体平稳。"
        assert f"第{n}期正文：猪肉价格环比下降百分之二。" in row["body"]
        assert row["workflow"] == "in_progress"
    assert len(report["pages"]) == PAGES  # no empty draft left behind
    # The cluster really worked beside the server: jobs ran and none failed.
    assert report["succeeded"] >= 3 and report["failed"] == 0, report
