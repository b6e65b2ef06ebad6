"""第十八条: simple consultations are answered within 5 working days of the Chinese
official calendar; the overdue flag, and the figures given to the monthly check."""

import datetime

import pytest
from django.test import override_settings
from django.utils import timezone

from wagtail_govinfo import reporting
from wagtail_govinfo.interaction import handling
from wagtail_govinfo.interaction.models import CitizenMessage, MessageKind

from .conftest import advance

pytestmark = pytest.mark.django_db


def at(text):
    return datetime.datetime.fromisoformat(text)


def received(when, **fields):
    values = dict(kind=MessageKind.CONSULTATION, subject="咨询", body="正文", sender_name="张三",
                  sender_contact="13912345678", received_at=at(when))
    values.update(fields)
    return CitizenMessage.objects.create(**values)


def test_due_date_skips_the_national_day_holiday_and_counts_the_tiaoxiu_saturday():
    # 2026: 国庆 and 中秋 from Thu 1 to Wed 7 October; Saturday 10 October is a working day (调休).
    message = received("2026-09-30T10:00+08:00")
    # Working days after 30 Sep: 8, 9, 10 (Sat, 调休), 12, 13 October.
    assert message.due_date == datetime.date(2026, 10, 13)


def test_due_date_counts_from_the_local_day_of_receipt():
    # 00:30 in Beijing on 30 September is still 29 September in UTC.
    message = received("2026-09-29T16:30+00:00")
    assert message.received_on == datetime.date(2026, 9, 30)
    assert message.due_date == datetime.date(2026, 10, 13)
    assert received("2026-09-29T10:00+08:00").due_date == datetime.date(2026, 10, 12)


def test_a_weekend_message_is_due_five_working_days_after():
    # Saturday 14 November 2026: due Friday 20 November.
    assert received("2026-11-14T09:00+08:00").due_date == datetime.date(2026, 11, 20)


@override_settings(WAGTAIL_GOVINFO={"MESSAGE_REPLY_WORKING_DAYS": 3})
def test_the_number_of_working_days_is_a_setting():
    assert received("2026-11-16T09:00+08:00").due_date == datetime.date(2026, 11, 19)


@pytest.mark.parametrize("kind", [MessageKind.COMPLAINT, MessageKind.SUGGESTION, MessageKind.OTHER])
def test_only_consultations_have_a_due_date(kind):
    message = received("2026-11-02T09:00+08:00", kind=kind)
    assert message.due_date is None
    assert not message.is_overdue(datetime.date(2027, 1, 1))


def test_overdue_is_computed_from_today(time_machine, people, dept):
    time_machine.move_to(at("2026-09-30T10:00+08:00"))
    message = handling.receive(kind="consultation", subject="咨询", body="正文", sender_name="张三",
                               sender_contact="x")
    assert message.due_date == datetime.date(2026, 10, 13)
    assert not message.is_overdue(datetime.date(2026, 10, 13))
    assert message.is_overdue(datetime.date(2026, 10, 14))
    assert list(CitizenMessage.objects.overdue(datetime.date(2026, 10, 14))) == [message]
    assert list(CitizenMessage.objects.overdue(datetime.date(2026, 10, 13))) == []

    # Answered (approved) on the due day: never overdue, not late.
    time_machine.move_to(at("2026-10-13T17:00+08:00"))
    advance(message, people, dept, "reply_approved")
    assert not message.is_overdue(datetime.date(2026, 12, 1))
    assert not message.was_answered_late()
    assert list(CitizenMessage.objects.overdue(datetime.date(2026, 12, 1))) == []
    assert list(CitizenMessage.objects.answered_late()) == []
    assert message.working_days_taken() == 5


def test_a_late_answer_is_recorded_as_such(time_machine, people, dept):
    time_machine.move_to(at("2026-09-30T10:00+08:00"))
    message = handling.receive(kind="consultation", subject="咨询", body="正文", sender_name="张三",
                               sender_contact="x")
    time_machine.move_to(at("2026-10-14T09:00+08:00"))
    advance(message, people, dept, "reply_approved")
    assert message.was_answered_late()
    assert list(CitizenMessage.objects.answered_late()) == [message]
    assert message.working_days_taken() == 6


def test_a_rejected_consultation_is_not_overdue(people):
    message = received("2026-09-01T10:00+08:00")
    handling.reject(message, people.operator, reason="重复留言")
    assert not message.is_overdue(datetime.date(2026, 12, 1))
    assert CitizenMessage.objects.overdue(datetime.date(2026, 12, 1)).count() == 0


def test_monthly_check_gets_consultations_due_in_the_month_and_not_answered_in_time(time_machine, people, dept):
    time_machine.move_to(at("2026-09-30T10:00+08:00"))
    late = handling.receive(kind="consultation", subject="答复晚了", body="x", sender_name="a", sender_contact="b")
    on_time = handling.receive(kind="consultation", subject="按时答复", body="x", sender_name="a", sender_contact="b")
    unanswered = handling.receive(kind="consultation", subject="身份证220302198506123419", body="x",
                                  sender_name="a", sender_contact="b")
    handling.receive(kind="complaint", subject="投诉不计时限", body="x", sender_name="a", sender_contact="b")
    time_machine.move_to(at("2026-10-13T10:00+08:00"))
    advance(on_time, people, dept, "reply_approved")
    time_machine.move_to(at("2026-10-20T10:00+08:00"))
    advance(late, people, dept, "reply_approved")
    # Received on 28 October, due on 3 November: not part of October's check.
    time_machine.move_to(at("2026-10-28T10:00+08:00"))
    handling.receive(kind="consultation", subject="十一月到期", body="x", sender_name="a", sender_contact="b")

    period = reporting.month(2026, 10)
    stats = reporting.interaction_stats(period.start, period.end, datetime.date(2026, 11, 1))
    rows = stats["overdue_consultations"]
    assert [r["reference"] for r in rows] == [late.reference, unanswered.reference]
    late_row, unanswered_row = rows
    assert late_row["department"] == "市发改委"
    assert late_row["due_on"] == datetime.date(2026, 10, 13)
    assert late_row["answered_at"] == CitizenMessage.objects.get(pk=late.pk).answered_at
    assert late_row["working_days"] == 10
    assert unanswered_row["answered_at"] is None and unanswered_row["department"] == ""
    assert unanswered_row["title"] == "身份证******************"  # masked in the report
    assert unanswered_row["working_days"] == working_days_until(datetime.date(2026, 11, 1))
    assert timezone.is_aware(unanswered_row["received_at"])


def working_days_until(day):
    from wagtail_govinfo.calendar import working_days_between

    return working_days_between(datetime.date(2026, 9, 30), day)
