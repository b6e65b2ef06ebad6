"""Faults a production site meets, against PostgreSQL and Redis (``.ci/run`` runs them).

* a qcluster worker SIGKILLed in the middle of a check;
* a database connection terminated by PostgreSQL (``pg_terminate_backend``) during a job
  and during a request.

Each must end in the state of one clean run: every notice sent once, nothing claimed
twice, no duplicate ledger entry. The jobs run in a real ``qcluster`` (the example
site's settings, the acknowledged Redis broker, a short ``retry``), with a small app
(``tests/faults/killapp``) that injects the fault once, inside the job's transaction.
"""

import datetime
import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from django.db import connection
from django_q.tasks import async_task

from tests.checks.conftest import D, topic_site  # noqa: F401 (fixture)
from tests.interaction.conftest import advance, dept, other_dept, people  # noqa: F401 (fixtures)
from wagtail_govinfo.interaction import handling
from wagtail_govinfo.interaction.models import CitizenMessage
from wagtail_govinfo.models import OutboundEmail

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]

ROOT = Path(__file__).resolve().parents[2]
RECEIVED = datetime.datetime.fromisoformat("2026-09-30T10:00+08:00")  # due 13 October 2026
AFTER_DUE = "2026-10-14"
RETRY = 6  # seconds before an unacknowledged task is handed out again (timeout 4)


@pytest.fixture(autouse=True)
def postgres_and_redis():
    if connection.vendor != "postgresql" or not os.environ.get("REDIS_URL"):
        pytest.skip("fault tests need PostgreSQL and Redis: set DATABASE_URL=postgres://… and REDIS_URL=redis://…")


def database_url():
    db = connection.settings_dict
    auth = db["USER"] or "postgres"
    if db.get("PASSWORD"):
        auth += f":{db['PASSWORD']}"
    return f"postgres://{auth}@{db['HOST'] or '127.0.0.1'}:{db['PORT'] or 5432}/{db['NAME']}"


class Cluster:
    """A real qcluster on the test database, with its own queue and a mail directory."""

    def __init__(self, tmp_path, fault=None, action=None):
        self.name = f"govinfo-fault-{os.getpid()}-{time.monotonic_ns()}"
        self.mail = tmp_path / "mail"
        self.mail.mkdir()
        self.marker = tmp_path / "fault-injected"
        self.log = open(tmp_path / "qcluster.log", "w")
        env = {
            **os.environ,
            "DJANGO_SETTINGS_MODULE": "tests.faults.settings",
            "PYTHONPATH": os.pathsep.join([str(ROOT), str(ROOT / "example_site")]),
            "DEBUG": "1",
            "DATABASE_URL": database_url(),
            "Q_CLUSTER_NAME": self.name,
            "Q_WORKERS": "1",
            "Q_TIMEOUT": str(RETRY - 2),
            "Q_RETRY": str(RETRY),
            "Q_MAX_ATTEMPTS": "3",
            "EMAIL_BACKEND": "django.core.mail.backends.filebased.EmailBackend",
            "EMAIL_FILE_PATH": str(self.mail),
            "GOVINFO_FAULT": fault or "",
            "GOVINFO_FAULT_ACTION": action or "",
            "GOVINFO_FAULT_MARKER": str(self.marker),
            "LOG_LEVEL": "INFO",
        }
        self.process = subprocess.Popen(
            [sys.executable, str(ROOT / "example_site" / "manage.py"), "qcluster"],
            env=env, cwd=ROOT, stdout=self.log, stderr=subprocess.STDOUT, start_new_session=True,
        )
        from wagtail_govinfo.queue_broker import AcknowledgedRedis

        self.broker = AcknowledgedRedis(list_key=self.name)

    def run(self, func, *args):
        return async_task(func, *args, sync=False, broker=self.broker, cluster=self.name)

    def sent(self):
        """Every e-mail the cluster delivered: (Message-ID, recipients)."""
        found = []
        for path in self.mail.iterdir():
            for block in path.read_text(encoding="utf-8").split("-" * 79):
                headers = dict(
                    line.split(": ", 1) for line in block.strip().splitlines() if ": " in line and not line.startswith(" ")
                )
                if "Message-ID" in headers:
                    found.append((headers["Message-ID"], headers.get("To")))
        return found

    def stop(self):
        if self.process.poll() is None:
            os.killpg(self.process.pid, signal.SIGKILL)  # the test is over: no need to be gentle
            self.process.wait()
        self.broker.delete_queue()
        self.log.close()


@pytest.fixture
def cluster_factory(tmp_path):
    clusters = []

    def start(**kwargs):
        path = tmp_path / f"cluster{len(clusters)}"
        path.mkdir()
        cluster = Cluster(path, **kwargs)
        clusters.append(cluster)
        return cluster

    yield start
    for cluster in clusters:
        cluster.stop()


def wait_for(condition, timeout=60, what="the condition"):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if condition():
            return
        time.sleep(0.3)
    raise AssertionError(f"timed out after {timeout}s waiting for {what}")


def overdue_consultations(people, dept):
    messages = []
    for subject in ("逾期咨询一", "逾期咨询二"):
        message = CitizenMessage.objects.create(
            kind="consultation", subject=subject, body="正文", sender_name="张三",
            sender_contact="13912345678", received_at=RECEIVED,
        )
        messages.append(advance(message, people, dept, "assigned"))
    return messages


def assert_notified_once(cluster, messages, people):
    from wagtail.models import ModelLogEntry

    for message in messages:
        message.refresh_from_db()
        assert message.overdue_notified_at is not None
        claims = ModelLogEntry.objects.for_instance(message).filter(action=handling.LOG_OVERDUE_NOTIFIED)
        assert claims.count() == 1
    emails = cluster.sent()
    assert len(emails) == 1, emails  # one e-mail to the department, once
    assert OutboundEmail.objects.count() == 1 and OutboundEmail.objects.get().sent_at is not None


def test_a_worker_killed_in_the_middle_of_the_overdue_check_ends_as_one_clean_run(people, dept, cluster_factory):
    messages = overdue_consultations(people, dept)
    cluster = cluster_factory(fault="kill", action=handling.LOG_OVERDUE_NOTIFIED)
    cluster.run("wagtail_govinfo.interaction.tasks.notify_overdue_messages", AFTER_DUE)

    wait_for(cluster.marker.exists, what="the worker to be killed")
    # Killed inside the check's transaction: nothing claimed, nothing sent.
    wait_for(lambda: cluster.broker.lock_size() == 1, what="the task to wait for its acknowledgement")
    assert not CitizenMessage.objects.filter(overdue_notified_at__isnull=False).exists()
    assert cluster.sent() == []
    # The broker hands the task out again after `retry`; the new worker completes it.
    wait_for(lambda: OutboundEmail.objects.filter(sent_at__isnull=False).exists(), what="the notice to be sent")
    assert_notified_once(cluster, messages, people)

    # A second run of the same job finds nothing left to do.
    cluster.run("wagtail_govinfo.interaction.tasks.notify_overdue_messages", AFTER_DUE)
    wait_for(lambda: cluster.broker.queue_size() == 0 and cluster.broker.lock_size() == 0, what="the second run")
    time.sleep(1)
    assert_notified_once(cluster, messages, people)


def test_a_database_connection_terminated_during_the_check_ends_as_one_clean_run(people, dept, cluster_factory):
    messages = overdue_consultations(people, dept)
    cluster = cluster_factory(fault="terminate", action=handling.LOG_OVERDUE_NOTIFIED)
    cluster.run("wagtail_govinfo.interaction.tasks.notify_overdue_messages", AFTER_DUE)

    wait_for(cluster.marker.exists, what="the connection to be terminated")
    wait_for(lambda: OutboundEmail.objects.filter(sent_at__isnull=False).exists(), what="the notice to be sent")
    assert_notified_once(cluster, messages, people)
    log = (cluster.log.name and Path(cluster.log.name).read_text(encoding="utf-8"))
    assert "terminating connection" in log or "server closed the connection" in log or "OperationalError" in log


def test_a_worker_killed_in_the_middle_of_a_revocation_revokes_and_records_once(topic_site, cluster_factory):
    from wagtail.models import PageLogEntry

    from wagtail_govinfo.checkruns import run_checks
    from wagtail_govinfo.ledger.models import PublicationLedgerEntry
    from wagtail_govinfo.ledger.verification import verify
    from wagtail_govinfo.models import TopicNotice, TopicPage, TopicStatus

    run_checks(D(2026, 11, 7))  # the warning, on an earlier day
    assert TopicNotice.objects.filter(kind="warning").count() == 1
    owners = sorted([topic_site.editor.email, topic_site.leader.email])
    cluster = cluster_factory(fault="kill", action="wagtail_govinfo.topic_revoked")
    cluster.run("wagtail_govinfo.tasks.run_daily_checks", "2026-11-09")

    wait_for(cluster.marker.exists, what="the worker to be killed")
    wait_for(lambda: len(cluster.sent()) == len(owners), what="the revocation notices")
    time.sleep(1)
    topic = topic_site.topic
    assert TopicPage.objects.get(pk=topic.pk).status == TopicStatus.REVOKED
    assert TopicNotice.objects.filter(kind="revocation").count() == 1
    assert PageLogEntry.objects.filter(page=topic, action="wagtail_govinfo.topic_revoked").count() == 1
    assert PageLogEntry.objects.filter(page=topic, action="wagtail.unpublish").count() == 1
    assert PublicationLedgerEntry.objects.filter(kind="revoke", page_key=topic.pk).count() == 1
    assert sorted(to for _id, to in cluster.sent()) == owners
    assert verify("publication").ok


class TerminateAt:
    """PostgreSQL terminates this request's connection just before its ``at``-th query."""

    def __init__(self, at=1):
        self.at = at
        self.seen = 0
        self.done = False

    def __call__(self, execute, sql, params, many, context):
        self.seen += 1
        if self.seen == self.at and not self.done:
            self.done = True
            import psycopg

            pid = connection.connection.info.backend_pid
            db = connection.settings_dict
            with psycopg.connect(
                host=db["HOST"] or "127.0.0.1", port=db["PORT"] or 5432, user=db["USER"] or "postgres",
                password=db.get("PASSWORD") or None, dbname=db["NAME"], autocommit=True,
            ) as other:
                other.execute("SELECT pg_terminate_backend(%s)", [pid])
        return execute(sql, params, many, context)


def test_a_database_connection_terminated_during_a_request_gives_a_503_and_the_retry_stores_once(client):
    payload = {
        "kind": "consultation",
        "subject": "医保缴费时间咨询",
        "body": "请问什么时候缴费？",
        "sender_name": "张三",
        "sender_contact": "13912345678",
    }
    url = "/api/govinfo/messages/"
    connection.ensure_connection()
    with connection.execute_wrapper(TerminateAt(at=1)):
        response = client.post(url, data=json.dumps(payload), content_type="application/json")
    assert response.status_code == 503
    assert response["Content-Type"] == "application/json" and "detail" in response.json()
    assert CitizenMessage.objects.count() == 0  # nothing half-stored

    response = client.post(url, data=json.dumps(payload), content_type="application/json")
    assert response.status_code == 201, response.content
    assert CitizenMessage.objects.count() == 1
    assert client.get("/api/v2/pages/").status_code == 200
