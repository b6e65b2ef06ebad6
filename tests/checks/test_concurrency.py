"""Two workers running the daily checks at the same moment do what one would (PostgreSQL).

Run with ``DATABASE_URL=postgres://…``; on SQLite the test is skipped (it serialises
writers anyway). The second run of the same day is covered on every database by
``test_topics.py``.
"""

import threading

import pytest
from django.apps import apps
from django.core import mail
from django.db import connection
from wagtail.models import PageLogEntry

from tests.checks.conftest import D
from wagtail_govinfo.checkruns import run_checks
from wagtail_govinfo.models import CheckRun, ColumnStatus, TopicNotice, TopicPage, TopicStatus

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]


@pytest.fixture(autouse=True)
def postgresql_only():
    if connection.vendor != "postgresql":
        pytest.skip("concurrent workers need PostgreSQL (set DATABASE_URL)")


def run_at_once(day, workers=2):
    barrier = threading.Barrier(workers)
    errors = []

    def worker():
        try:
            barrier.wait(timeout=30)
            results = run_checks(day)
            errors.extend(r.error for r in results if not r.ok)
        except Exception as exc:  # pragma: no cover - reported below
            errors.append(repr(exc))
        finally:
            connection.close()

    threads = [threading.Thread(target=worker) for _ in range(workers)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    return errors


def test_two_workers_warn_and_revoke_once(topic_site):
    owners = sorted([topic_site.editor.email, topic_site.leader.email])

    assert run_at_once(D(2026, 11, 7)) == []
    assert TopicNotice.objects.filter(kind="warning").count() == 1
    assert sorted(a for m in mail.outbox for a in m.to) == owners
    assert PageLogEntry.objects.filter(action="wagtail_govinfo.topic_warned").count() == 1

    mail.outbox.clear()
    assert run_at_once(D(2026, 11, 9), workers=3) == []
    assert TopicNotice.objects.filter(kind="revocation").count() == 1
    assert TopicPage.objects.get(pk=topic_site.topic.pk).status == TopicStatus.REVOKED
    assert PageLogEntry.objects.filter(action="wagtail_govinfo.topic_revoked").count() == 1
    assert PageLogEntry.objects.filter(page=topic_site.topic, action="wagtail.unpublish").count() == 1
    assert sorted(a for m in mail.outbox for a in m.to) == owners
    if apps.is_installed("wagtail_govinfo.ledger"):
        Entry = apps.get_model("wagtail_govinfo_ledger", "PublicationLedgerEntry")
        assert Entry.objects.filter(kind="revoke", page_key=topic_site.topic.pk).count() == 1
    # Every run was recorded as checked: none lost to the race.
    assert CheckRun.objects.filter(check_name="columns", status="ok").count() == 5
    assert ColumnStatus.objects.count() == 1
