"""The outbox: e-mails leave after the commit, once per key, and are never lost."""

import pytest
from django.core import mail
from django.db import transaction

from wagtail_govinfo import outbox
from wagtail_govinfo.models import OutboundEmail

pytestmark = pytest.mark.django_db


def test_an_email_leaves_only_when_the_transaction_commits(django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        outbox.queue_email("event:1", "主题", "正文", ["a@example.cn"])
        assert mail.outbox == []  # stored, not sent, while the transaction is open
    assert len(callbacks) == 1
    assert [m.to for m in mail.outbox] == [["a@example.cn"]]
    assert OutboundEmail.objects.get().sent_at is not None


def test_a_rolled_back_transaction_sends_nothing(django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        with pytest.raises(RuntimeError), transaction.atomic():
            outbox.queue_email("event:1", "主题", "正文", ["a@example.cn"])
            raise RuntimeError("the job fails after deciding to send")
    assert mail.outbox == [] and not OutboundEmail.objects.exists()


def test_the_same_key_is_sent_once_however_often_it_is_queued_or_delivered(django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        first = outbox.queue_email("event:1", "主题", "正文", ["a@example.cn"])
        again = outbox.queue_email("event:1", "主题", "正文", ["a@example.cn"])
    assert first.pk == again.pk
    assert outbox.deliver(first.pk) is False  # a retried delivery
    assert outbox.flush() == 0
    assert len(mail.outbox) == 1
    assert mail.outbox[0].extra_headers["Message-ID"] == outbox.message_id("event:1")


def test_nobody_to_tell_stores_nothing():
    assert outbox.queue_email("event:1", "主题", "正文", ["", None]) is None
    assert not OutboundEmail.objects.exists()


def test_an_undelivered_email_is_flushed_later_and_given_up_after_the_attempts(monkeypatch, settings):
    settings.WAGTAIL_GOVINFO = {"OUTBOX_MAX_ATTEMPTS": 2}
    email = outbox.queue_email("event:1", "主题", "正文", ["a@example.cn"])  # never committed: not queued

    def broken(self, messages):
        raise ConnectionRefusedError("SMTP down")

    monkeypatch.setattr("django.core.mail.backends.locmem.EmailBackend.send_messages", broken)
    assert outbox.flush() == 0
    assert outbox.flush() == 0
    assert outbox.flush() == 0  # two attempts, then it waits for an operator
    email.refresh_from_db()
    assert email.attempts == 2 and "SMTP down" in email.last_error and email.sent_at is None
    monkeypatch.undo()
    settings.WAGTAIL_GOVINFO = {"OUTBOX_MAX_ATTEMPTS": 3}
    assert outbox.flush() == 1
    assert len(mail.outbox) == 1


def test_a_very_long_key_is_shortened_without_losing_uniqueness():
    one = outbox.queue_email("k" * 300 + "1", "s", "b", ["a@example.cn"])
    two = outbox.queue_email("k" * 300 + "2", "s", "b", ["a@example.cn"])
    assert one.pk != two.pk and len(one.key) <= 255


def test_setup_schedules_the_flush(db):
    import io

    from django.core.management import call_command
    from django_q.models import Schedule

    from wagtail_govinfo.schedules import OUTBOX_FLUSH

    call_command("govinfo_setup", stdout=io.StringIO())
    schedule = Schedule.objects.get(name=OUTBOX_FLUSH)
    assert schedule.func == "wagtail_govinfo.outbox.flush" and schedule.cron == "*/5 * * * *"
