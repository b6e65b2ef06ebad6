"""The daily overdue notice, its schedule, the dashboard panel and the demo messages."""

import datetime
import io

import pytest
from django.core import mail
from django.core.management import call_command
from django.db import OperationalError, transaction
from django.test import RequestFactory
from django_q.models import Schedule
from wagtail.models import ModelLogEntry

from wagtail_govinfo import outbox
from wagtail_govinfo.interaction import handling, tasks
from wagtail_govinfo.interaction.models import CitizenMessage, MessageStatus
from wagtail_govinfo.interaction.panels import CitizenMessagesPanel, construct_panels
from wagtail_govinfo.interaction.schedules import OVERDUE_MESSAGES
from wagtail_govinfo.models import CheckRun, OutboundEmail

from .conftest import advance

pytestmark = pytest.mark.django_db

RECEIVED = datetime.datetime.fromisoformat("2026-09-30T10:00+08:00")  # due 13 October 2026
AFTER_DUE = "2026-10-14"


@pytest.fixture
def notify(django_capture_on_commit_callbacks):
    """Run the overdue job as a worker would: its e-mails leave when its transaction commits."""

    def run(*args, **kwargs):
        with django_capture_on_commit_callbacks(execute=True):
            return tasks.notify_overdue_messages(*args, **kwargs)

    return run


def consultation(subject="咨询", **fields):
    values = dict(kind="consultation", subject=subject, body="正文", sender_name="张三",
                  sender_contact="13912345678", received_at=RECEIVED)
    values.update(fields)
    return CitizenMessage.objects.create(**values)


def test_overdue_consultations_are_notified_to_their_department_once(people, dept, notify):
    overdue = advance(consultation("逾期咨询一"), people, dept, "assigned")
    also = advance(consultation("逾期咨询二"), people, dept, "reply_drafted")
    answered = advance(consultation("已答复"), people, dept, "reply_approved")
    complaint = advance(consultation("投诉", kind="complaint"), people, dept, "assigned")

    assert notify("2026-10-13")["notified"] == 0  # due today: not yet
    assert mail.outbox == []

    summary = notify(AFTER_DUE)
    assert summary["notified"] == 2 and summary["overdue"] == 2
    assert len(mail.outbox) == 1
    email = mail.outbox[0]
    assert set(email.to) == {u.email for u in (people.editor, people.editor2, people.reviewer, people.leader, people.both)}
    assert "逾期咨询一" in email.body and "逾期咨询二" in email.body
    assert f"/admin/govinfo_messages/{overdue.pk}/" in email.body
    assert "已答复" not in email.body and "投诉" not in email.body
    assert "13912345678" not in email.body
    for message in (overdue, also):
        message.refresh_from_db()
        assert message.overdue_notified_at is not None
        assert ModelLogEntry.objects.for_instance(message).filter(action=handling.LOG_OVERDUE_NOTIFIED).count() == 1
    for message in (answered, complaint):
        message.refresh_from_db()
        assert message.overdue_notified_at is None

    # Idempotent: run again (same day, next day) → nothing more.
    assert notify(AFTER_DUE)["notified"] == 0
    assert notify("2026-10-15")["notified"] == 0
    assert len(mail.outbox) == 1
    assert ModelLogEntry.objects.filter(action=handling.LOG_OVERDUE_NOTIFIED).count() == 2


def test_unassigned_overdue_consultations_go_to_the_operator(people, notify):
    consultation("未分办")
    notify(AFTER_DUE)
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == [people.operator.email]


def test_dry_run_sends_and_changes_nothing(people, dept, notify):
    message = advance(consultation(), people, dept, "assigned")
    summary = notify(AFTER_DUE, dry_run=True)
    assert summary["to_notify"] == 1 and summary["notified"] == 0
    assert "市发改委" in summary["details"][0]
    assert mail.outbox == []
    message.refresh_from_db()
    assert message.overdue_notified_at is None


def test_a_failed_email_stays_in_the_outbox_and_leaves_once_later(people, dept, monkeypatch, notify):
    message = advance(consultation(), people, dept, "assigned")

    def broken(self, messages):
        raise ConnectionRefusedError("SMTP down")

    monkeypatch.setattr("django.core.mail.backends.locmem.EmailBackend.send_messages", broken)
    assert notify(AFTER_DUE)["notified"] == 1  # claimed and stored, not lost
    message.refresh_from_db()
    assert message.overdue_notified_at is not None
    stored = OutboundEmail.objects.get()
    assert stored.sent_at is None and "SMTP down" in stored.last_error and stored.attempts == 1
    assert mail.outbox == []

    monkeypatch.undo()
    assert notify(AFTER_DUE)["notified"] == 0  # the check does not claim it twice
    assert outbox.flush() == 1
    assert outbox.flush() == 0
    assert len(mail.outbox) == 1
    assert mail.outbox[0].extra_headers["Message-ID"] == outbox.message_id(stored.key)
    assert OutboundEmail.objects.get().sent_at is not None


def test_a_check_that_dies_before_committing_has_claimed_and_sent_nothing(people, dept, notify):
    message = advance(consultation(), people, dept, "assigned")
    # The job's transaction never commits (the worker is killed, the connection drops).
    with pytest.raises(OperationalError), transaction.atomic():
        assert tasks.notify_overdue_messages(AFTER_DUE)["notified"] == 1
        raise OperationalError("server closed the connection unexpectedly")
    assert mail.outbox == [] and not OutboundEmail.objects.exists()
    message.refresh_from_db()
    assert message.overdue_notified_at is None

    assert notify(AFTER_DUE)["notified"] == 1
    assert notify(AFTER_DUE)["notified"] == 0
    assert len(mail.outbox) == 1


def test_govinfo_check_runs_the_overdue_check_and_records_it(people, dept, django_capture_on_commit_callbacks):
    advance(consultation(), people, dept, "assigned")
    out = io.StringIO()
    call_command("govinfo_check", "--today", AFTER_DUE, "--dry-run", stdout=out)
    assert "逾期网民留言" in out.getvalue()
    assert mail.outbox == []
    with django_capture_on_commit_callbacks(execute=True):
        call_command("govinfo_check", "--today", AFTER_DUE, stdout=io.StringIO())
        call_command("govinfo_check", "--today", AFTER_DUE, stdout=io.StringIO())
    assert len(mail.outbox) == 1
    runs = CheckRun.objects.filter(check_name="interaction_overdue").order_by("pk")
    assert [r.summary["notified"] for r in runs] == [1, 0]


def test_govinfo_setup_schedules_the_job_once(govinfo_setup):
    schedule = Schedule.objects.get(name=OVERDUE_MESSAGES)
    assert schedule.func == "wagtail_govinfo.interaction.tasks.notify_overdue_messages"
    assert schedule.schedule_type == Schedule.CRON and schedule.next_run is not None
    next_run = schedule.next_run
    call_command("govinfo_setup", stdout=io.StringIO())
    assert Schedule.objects.filter(name=OVERDUE_MESSAGES).count() == 1
    assert Schedule.objects.get(name=OVERDUE_MESSAGES).next_run == next_run


def test_the_scheduled_job_runs_through_django_q(people, dept, govinfo_setup, django_capture_on_commit_callbacks):
    from django_q.tasks import async_task

    advance(consultation(), people, dept, "assigned")
    with django_capture_on_commit_callbacks(execute=True):
        async_task("wagtail_govinfo.interaction.tasks.notify_overdue_messages", AFTER_DUE)  # sync in tests
    assert len(mail.outbox) == 1


# ---------------------------------------------------------------------------
# Dashboard


def panel_context(user, today=datetime.date(2026, 10, 14)):
    return CitizenMessagesPanel(user, today=today).get_context_data({})


def test_panel_shows_overdue_messages_of_my_departments(people, dept, other_dept):
    mine = advance(consultation("本部门逾期"), people, dept, "assigned")
    theirs = consultation("他部门逾期")
    handling.accept(theirs, people.operator, public_subject="x", public_body="y", department=other_dept)

    assert panel_context(people.editor)["overdue"] == [mine]
    assert panel_context(people.outsider)["overdue"] == [theirs]
    assert set(panel_context(people.operator)["overdue"]) == {mine, theirs}
    assert panel_context(people.editor, today=datetime.date(2026, 10, 13))["overdue"] == []


def test_panel_lists_what_waits_for_me(people, dept):
    to_moderate = consultation("待审核")
    to_reply = advance(consultation("待答复"), people, dept, "assigned")
    to_review = advance(consultation("待审核答复"), people, dept, "reply_drafted")
    assert set(panel_context(people.operator)["waiting"]) == {to_moderate}
    assert panel_context(people.editor)["waiting"] == [to_reply]
    assert panel_context(people.reviewer)["waiting"] == [to_review]
    assert panel_context(people.editor)["waiting_count"] == 1


def test_panel_renders_and_is_added_for_role_holders(people, dept, rf=RequestFactory()):
    advance(consultation("本部门逾期"), people, dept, "assigned")
    html = CitizenMessagesPanel(people.editor, today=datetime.date(2026, 10, 14)).render_html({})
    assert "本部门逾期" in html and "/admin/govinfo_messages/" in html
    for user, shown in ((people.editor, True), (people.operator, True), (people.auditor, False)):
        request = rf.get("/admin/")
        request.user = user
        panels = []
        construct_panels(request, panels)
        assert bool(panels) is shown


# ---------------------------------------------------------------------------
# Demo


def test_demo_loads_messages_in_every_state_and_twice_changes_nothing(db):
    call_command("govinfo_setup", stdout=io.StringIO())
    call_command("govinfo_demo", stdout=io.StringIO())
    statuses = dict(CitizenMessage.objects.values_list("tracking_code", "status"))
    assert set(statuses.values()) >= {
        MessageStatus.RECEIVED, MessageStatus.REJECTED, MessageStatus.ASSIGNED,
        MessageStatus.REPLY_DRAFTED, MessageStatus.PUBLISHED,
    }
    assert CitizenMessage.objects.overdue().exists()
    published = CitizenMessage.objects.get(status=MessageStatus.PUBLISHED)
    assert published.reply and not published.was_answered_late()
    received = CitizenMessage.objects.get(status=MessageStatus.RECEIVED)
    assert "220302198506123419" in received.body  # for the moderation demo: masked on acceptance

    before = (
        list(CitizenMessage.objects.order_by("pk").values()),
        ModelLogEntry.objects.count(),
    )
    call_command("govinfo_demo", stdout=io.StringIO())
    after = (list(CitizenMessage.objects.order_by("pk").values()), ModelLogEntry.objects.count())
    assert after == before
