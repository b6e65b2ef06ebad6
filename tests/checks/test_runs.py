"""Running the checks: fail closed, dry run, the command, the schedules and django-q2."""

import datetime
import io

import pytest
from django.core import mail
from django.core.management import CommandError, call_command
from django.utils import timezone
from django_q.brokers import get_broker
from django_q.models import Schedule, Task
from django_q.scheduler import scheduler
from wagtail import hooks
from wagtail.models import PageLogEntry

from tests.checks.conftest import D
from wagtail_govinfo import staleness
from wagtail_govinfo.models import CheckRun, ColumnStatus, TopicNotice, TopicPage, TopicStatus
from wagtail_govinfo.schedules import DAILY_CHECKS, MONTHLY_INTERACTION_CHECK, QUARTERLY_REPORT

pytestmark = pytest.mark.django_db


def command(*args):
    out = io.StringIO()
    call_command("govinfo_check", *args, stdout=out)
    return out.getvalue()


def test_an_erroring_check_is_reported_not_checked_and_the_others_run(topic_site, run, monkeypatch):
    def broken(today, dry_run=False):
        raise RuntimeError("database on fire")

    monkeypatch.setattr(staleness, "check_columns", broken)
    result = run(D(2026, 11, 7))
    assert not result["columns"].ok
    assert "database on fire" in result["columns"].error
    # The topic check ran anyway and did its work.
    assert result["topics"].ok and TopicNotice.objects.count() == 1
    run_record = CheckRun.latest_for("columns")
    assert run_record.status == "not_checked" and "database on fire" in run_record.error
    assert CheckRun.latest_for("topics").status == "ok"
    # Nothing of the failed check was stored as if up to date.
    assert not ColumnStatus.objects.exists()


def test_a_check_failing_half_way_leaves_nothing_half_done(topic_site, run, monkeypatch):
    from wagtail_govinfo.models import ColumnStatus as Model

    def failing_bulk_create(*args, **kwargs):
        raise RuntimeError("disk full")

    monkeypatch.setattr(Model.objects, "bulk_create", failing_bulk_create)
    result = run(D(2026, 11, 3))
    assert result["columns"].status == "not_checked"
    assert not Model.objects.exists()


def test_one_failing_topic_does_not_stop_the_others(topic_site, run, monkeypatch):
    from tests import factories as f
    from tests.checks.conftest import at, travel
    from wagtail_govinfo import lifecycle

    with travel(at(2026, 11, 2)):
        other = f.topic(topic_site.topics, owners=[topic_site.dept], title="另一个专题")
    real = lifecycle.owner_addresses

    def flaky(topic):
        if topic.pk == other.pk:
            raise RuntimeError("mail directory down")
        return real(topic)

    monkeypatch.setattr(lifecycle, "owner_addresses", flaky)
    result = run(D(2026, 11, 7))
    assert result["topics"].status == "not_checked"
    assert "另一个专题" in result["topics"].error
    assert list(TopicNotice.objects.values_list("topic_id", flat=True)) == [topic_site.topic.pk]


def test_a_hook_can_add_a_check(topic_site, run):
    seen = []

    def messages_check(today, dry_run=False):
        seen.append((today, dry_run))
        return {"overdue": 0}

    with hooks.register_temporarily("govinfo_daily_checks", lambda: [("messages", messages_check)]):
        result = run(D(2026, 11, 3))
    assert result["messages"].ok and seen == [(D(2026, 11, 3), False)]
    assert CheckRun.latest_for("messages").summary == {"overdue": 0}


@pytest.mark.usefixtures("english")
def test_dry_run_prints_and_changes_nothing(topic_site, run):
    run(D(2026, 11, 7))  # warned
    before = (
        TopicNotice.objects.count(), PageLogEntry.objects.count(), CheckRun.objects.count(),
        list(ColumnStatus.objects.values_list("pk", "stale_on", "changed_at")), len(mail.outbox),
    )
    output = command("--dry-run", "--today", "2026-11-09")
    assert "Dry run" in output
    assert "revoke: 2026年防汛专题" in output
    after = (
        TopicNotice.objects.count(), PageLogEntry.objects.count(), CheckRun.objects.count(),
        list(ColumnStatus.objects.values_list("pk", "stale_on", "changed_at")), len(mail.outbox),
    )
    assert after == before
    topic = TopicPage.objects.get(pk=topic_site.topic.pk)
    assert topic.live and topic.status == TopicStatus.ACTIVE


@pytest.mark.usefixtures("english")
def test_the_command_runs_every_check(topic_site, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        output = command("--today", "2026-11-07")
    assert "topics: checked" in output and "columns: checked" in output
    assert "warn: 2026年防汛专题" in output
    assert TopicNotice.objects.count() == 1 and len(mail.outbox) == 2


@pytest.mark.usefixtures("english")
def test_the_command_refuses_a_bad_date_and_fails_when_a_check_fails(topic_site, monkeypatch):
    with pytest.raises(CommandError, match="YYYY-MM-DD"):
        command("--today", "2026-13-01")
    monkeypatch.setattr(staleness, "check_columns", lambda today, dry_run=False: 1 / 0)
    with pytest.raises(CommandError, match="Not checked: columns"):
        command("--today", "2026-11-03")
    assert CheckRun.latest_for("topics").status == "ok"


def test_setup_registers_the_schedules_once(db):
    out = io.StringIO()
    call_command("govinfo_setup", stdout=out)
    schedules = {s.name: s for s in Schedule.objects.all()}
    assert set(schedules) >= {DAILY_CHECKS, MONTHLY_INTERACTION_CHECK, QUARTERLY_REPORT}
    daily = schedules[DAILY_CHECKS]
    assert daily.func == "wagtail_govinfo.tasks.run_daily_checks"
    assert daily.schedule_type == Schedule.CRON and daily.cron == "0 1 * * *"
    assert timezone.localtime(daily.next_run).hour == 1
    assert schedules[MONTHLY_INTERACTION_CHECK].cron == "15 1 1 * *"
    assert schedules[QUARTERLY_REPORT].cron == "30 1 1 1,4,7,10 *"
    assert schedules[QUARTERLY_REPORT].args == "'quarterly'"
    rows = list(Schedule.objects.order_by("pk").values())
    call_command("govinfo_setup", stdout=out)
    assert list(Schedule.objects.order_by("pk").values()) == rows  # not even next_run moved


def test_setup_corrects_a_changed_hour_and_removes_duplicates(db, settings):
    from wagtail_govinfo.schedules import register_schedules

    register_schedules()
    Schedule.objects.create(name=DAILY_CHECKS, func="wagtail_govinfo.tasks.run_daily_checks")
    settings.WAGTAIL_GOVINFO = {"DAILY_CHECK_HOUR": 3}
    register_schedules()
    daily = Schedule.objects.get(name=DAILY_CHECKS)
    assert daily.cron == "0 3 * * *" and timezone.localtime(daily.next_run).hour == 3
    assert Schedule.objects.filter(name=DAILY_CHECKS).count() == 1


def test_the_scheduler_runs_the_due_daily_check(topic_site, django_capture_on_commit_callbacks):
    from wagtail_govinfo.schedules import register_schedules

    register_schedules()
    Schedule.objects.filter(name=DAILY_CHECKS).update(
        next_run=timezone.now() - datetime.timedelta(minutes=1),
        kwargs="{'today': '2026-11-07'}",
    )
    with django_capture_on_commit_callbacks(execute=True):
        scheduler(broker=get_broker())
    task = Task.objects.get(group=DAILY_CHECKS)
    assert task.success, task.result
    assert task.result["topics"] == task.result["columns"] == "ok"
    assert set(task.result.values()) == {"ok"}  # and the sub-apps' checks, if any
    assert TopicNotice.objects.filter(topic=topic_site.topic, kind="warning").count() == 1
    assert len(mail.outbox) == 2
    # The schedule moved to the next day at 01:00.
    daily = Schedule.objects.get(name=DAILY_CHECKS)
    assert daily.next_run > timezone.now() and timezone.localtime(daily.next_run).hour == 1


def test_a_daily_check_hour_out_of_range_is_a_system_check_error(settings):
    from wagtail_govinfo.checks import check_settings

    settings.WAGTAIL_GOVINFO = {"DAILY_CHECK_HOUR": 24}
    errors = check_settings(None)
    assert [e.id for e in errors] == ["wagtail_govinfo.E003"]
    assert "DAILY_CHECK_HOUR" in errors[0].msg and "0 to 23" in errors[0].msg
    settings.WAGTAIL_GOVINFO = {"DAILY_CHECK_HOUR": 23}
    assert check_settings(None) == []


@pytest.mark.parametrize("today", ["0001-01-01", "9999-12-31", "2026-02-30", "tomorrow"])
def test_a_bad_today_is_one_command_error_line(db, today):
    with pytest.raises(CommandError) as error:
        call_command("govinfo_check", "--today", today, stdout=io.StringIO())
    assert str(error.value).strip() and "\n" not in str(error.value).strip()
