"""The monthly interaction check (第二十八条) as the core writes it, fed by this module:
overdue consultations, and interaction columns not updated for three months, where a
published reply counts as an update of its department's interaction columns."""

import datetime
import io

import openpyxl
import pytest
from django.core.management import call_command

from tests import factories
from wagtail_govinfo.interaction import handling
from wagtail_govinfo.interaction.stats import stale_interaction_columns
from wagtail_govinfo.models import ColumnKind

from .conftest import advance

pytestmark = pytest.mark.django_db


def at(text):
    return datetime.datetime.fromisoformat(text)


def receive(subject):
    return handling.receive(kind="consultation", subject=subject, body="正文", sender_name="张三", sender_contact="x")


def test_a_published_reply_keeps_its_departments_interaction_column_fresh(time_machine, people, dept, other_dept):
    time_machine.move_to(at("2026-06-01T10:00+08:00"))
    ours = factories.column(kind=ColumnKind.INTERACTION, departments=[dept], title="咨询投诉")
    theirs = factories.column(kind=ColumnKind.INTERACTION, departments=[other_dept], title="教育留言")
    factories.column(kind=ColumnKind.NEWS, departments=[other_dept], title="新闻")  # not an interaction column
    time_machine.move_to(at("2026-10-20T10:00+08:00"))
    advance(receive("咨询"), people, dept, "published")

    rows = stale_interaction_columns(datetime.date(2026, 11, 2))
    assert [r["title"] for r in rows] == [theirs.title]
    assert rows[0]["department"] == "市教育局" and rows[0]["last_update"] is None

    # Four months later our column is stale too, dated by its last reply.
    rows = stale_interaction_columns(datetime.date(2027, 2, 25))
    assert {r["title"] for r in rows} == {ours.title, theirs.title}
    ours_row = next(r for r in rows if r["title"] == ours.title)
    assert ours_row["last_update"].date() == datetime.date(2026, 10, 20)


def test_govinfo_report_monthly_lists_the_overdue_consultations(time_machine, people, dept, tmp_path):
    time_machine.move_to(at("2026-09-30T10:00+08:00"))
    late = receive("答复晚了")
    on_time = receive("按时答复")
    never = receive("一直未答复")
    time_machine.move_to(at("2026-10-13T10:00+08:00"))
    advance(on_time, people, dept, "reply_approved")
    time_machine.move_to(at("2026-10-21T10:00+08:00"))
    advance(late, people, dept, "published")
    time_machine.move_to(at("2026-11-02T09:00+08:00"))

    output = tmp_path / "monthly.xlsx"
    call_command("govinfo_report", "monthly", "--period", "2026-10", "-o", str(output), stdout=io.StringIO())
    book = openpyxl.load_workbook(output)
    consultations = book.worksheets[0]
    cells = [str(c.value) for row in consultations.iter_rows() for c in row if c.value is not None]
    assert late.reference in cells and never.reference in cells
    assert on_time.reference not in cells
    assert "答复晚了" in cells and "一直未答复" in cells
