"""The reports of 第二十八条: right counts, opened with openpyxl; the command; the schedule."""

import datetime
import io

import openpyxl
import pytest
from django.apps import apps
from django.core.management import CommandError, call_command
from django.utils import timezone
from wagtail import hooks

from tests.checks.conftest import at
from wagtail_govinfo import reporting
from wagtail_govinfo.models import Report, TopicPage, TopicStatus
from wagtail_govinfo.reports import build_and_store, build_workbook, months_before

pytestmark = pytest.mark.django_db
D = datetime.date

needs_ledger = pytest.mark.skipif(
    not apps.is_installed("wagtail_govinfo.ledger"), reason="the ledger app is not installed"
)


def sheet_rows(content, index):
    book = openpyxl.load_workbook(io.BytesIO(content), read_only=True)
    return [list(row) for row in book.worksheets[index].iter_rows(values_only=True)]


def row_for(rows, first_cell):
    return next(row for row in rows if row and row[0] == first_cell)


@needs_ledger
def test_quarterly_report_counts(report_site):
    assert TopicPage.objects.get(pk=report_site.topic.pk).status == TopicStatus.REVOKED
    period, content, summary = build_workbook("quarterly", "2026Q3", today=D(2026, 10, 1))
    assert period.label == "2026Q3"
    rows = sheet_rows(content, 0)
    # Department, submitted, published, rejected, revoked, median hours, columns, stale, empty.
    # Published: 第一条 (08-03), 第二条 (09-02) and 互动答复 (07-01); 第三条 was signed off
    # in Q2 and published in Q4. 互动答复 went online through the review too (the gate):
    # 3 submissions in Q3, publications 6 h, 24 h and 0 h after their sign-off → median 6.
    assert row_for(rows, "市发改委")[1:9] == [3, 3, 1, 0, 6, 2, 0, 0]
    assert row_for(rows, "市发改委")[9:11] == [0, 0]  # no emergency publications
    # The topic names 市水利局 as its submitting department, so it went online signed
    # (09-01, at once: 0 h) and was revoked on 09-08; two empty columns: 水利公告, and 专题
    # now that its only topic is revoked.
    assert row_for(rows, "市水利局")[1:9] == [1, 1, 0, 1, 0, 2, 0, 2]
    assert summary["submitted"] == 4 and summary["revoked"] == 1 and summary["ledger"] is True
    # In the site's language (zh-hans), headers and sheet names are Chinese.
    assert ["部门", "报送数", "发布数", "退回数", "撤销数"] in [row[:5] for row in rows]
    book = openpyxl.load_workbook(io.BytesIO(content), read_only=True)
    assert book.sheetnames == ["各部门", "栏目", "超范围发布申请"]


@needs_ledger
def test_quarterly_report_columns_sheet(report_site):
    # Column figures describe the columns on the day the report is built.
    _period, content, _summary = build_workbook("quarterly", "2026Q3", today=D(2026, 10, 9))
    rows = sheet_rows(content, 1)
    news = row_for(rows, "发改动态")
    assert news[3] == "市发改委"
    assert news[4] == "2026-10-08 09:00"  # 第三条, the latest publication under it
    assert news[5] == 14
    empty = row_for(rows, "水利公告")
    assert empty[4] in ("", None) and empty[6]  # a status, never blank


def test_quarterly_report_without_ledger_says_so(report_site, monkeypatch):
    monkeypatch.setattr(reporting, "_provider", lambda name: None)
    _period, content, summary = build_workbook("quarterly", "2026Q3", today=D(2026, 10, 1))
    rows = sheet_rows(content, 0)
    assert row_for(rows, "市发改委")[1:5] == [None, None, 1, None]  # rejections are Wagtail's
    assert any(row[0] and "ledger" in str(row[0]).lower() or "台账" in str(row[0]) for row in rows[:4])
    assert summary["ledger"] is False


def test_monthly_check_without_interaction_module_says_so(report_site, monkeypatch):
    monkeypatch.setattr(reporting, "_provider", lambda name: None)
    _period, content, summary = build_workbook("monthly", "2026-10", today=D(2026, 11, 1))
    consultations = sheet_rows(content, 0)
    assert any("interaction" in str(row[0]).lower() or "互动" in str(row[0]) for row in consultations[:4])
    assert summary["interaction_module"] is False and summary["overdue_consultations"] is None
    # The interaction column last updated 07-01 is more than three months old on 11-01.
    columns = sheet_rows(content, 1)
    assert row_for(columns, "政民互动")[1] == "市发改委"
    assert summary["stale_interaction_columns"] == 1


def test_monthly_check_reads_the_interaction_provider(report_site):
    calls = []

    def provider(start, end, today):
        calls.append((start, end, today))
        return {
            "overdue_consultations": [
                {
                    "reference": "LY2026100001", "title": "供暖咨询", "department": "市发改委",
                    "received_at": at(2026, 10, 9), "due_on": D(2026, 10, 16),
                    "answered_at": None, "working_days": 16,
                }
            ]
        }

    with hooks.register_temporarily("govinfo_interaction_stats", provider):
        _period, content, summary = build_workbook("monthly", "2026-10", today=D(2026, 11, 1))
    start, end, today = calls[0]
    assert (timezone.localdate(start), timezone.localdate(end), today) == (
        D(2026, 10, 1), D(2026, 11, 1), D(2026, 11, 1),
    )
    row = row_for(sheet_rows(content, 0), "LY2026100001")
    assert row[1:5] == ["供暖咨询", "市发改委", "2026-10-09 10:00", "2026-10-16"]
    assert row[6] == 16
    assert summary["overdue_consultations"] == 1


def test_the_monthly_check_writes_citizen_text_safely(report_site):
    def provider(start, end, today):
        return {
            "overdue_consultations": [
                {
                    "reference": reference, "title": title, "department": "市发改委",
                    "received_at": at(2026, 10, 9), "due_on": D(2026, 10, 16),
                    "answered_at": None, "working_days": 16,
                }
                for reference, title in (
                    ("LY1", '=HYPERLINK("http://evil.example","点此")'),
                    ("LY2", "+cmd|' /C calc'!A0"),
                    ("LY3", "@SUM(1+1)"),
                    ("LY4", "供暖\u0001咨询"),
                )
            ]
        }

    with hooks.register_temporarily("govinfo_interaction_stats", provider):
        _period, content, _summary = build_workbook("monthly", "2026-10", today=D(2026, 11, 1))
    rows = sheet_rows(content, 0)
    assert row_for(rows, "LY1")[1] == "'=HYPERLINK(\"http://evil.example\",\"点此\")"
    assert row_for(rows, "LY2")[1] == "'+cmd|' /C calc'!A0"
    assert row_for(rows, "LY3")[1] == "'@SUM(1+1)"
    assert row_for(rows, "LY4")[1] == "供暖咨询"
    book = openpyxl.load_workbook(io.BytesIO(content))
    assert all(cell.data_type != "f" for sheet in book.worksheets for row in sheet.iter_rows() for cell in row)


def test_months_before():
    assert months_before(D(2026, 11, 1), 3) == D(2026, 8, 1)
    assert months_before(D(2026, 5, 31), 3) == D(2026, 2, 28)
    assert months_before(D(2026, 2, 15), 3) == D(2025, 11, 15)


@pytest.mark.parametrize(
    "kind, period, message",
    [
        ("quarterly", "2026Q5", "2026Q3"),
        ("quarterly", "2026-10", "2026Q3"),
        ("monthly", "2026-13", "2026-10"),
        ("monthly", "2026Q3", "2026-10"),
        ("quarterly", "2099Q1", "2099Q1"),  # "has not started yet", in the site language
        ("quarterly", "0000Q1", "1900"),
        ("quarterly", "0001Q1", "1900"),
        ("quarterly", "9999Q4", "2100"),
        ("monthly", "0001-01", "1900"),
        ("monthly", "0000-12", "1900"),
    ],
)
def test_bad_periods_are_refused(db, tmp_path, kind, period, message):
    target = tmp_path / "r.xlsx"
    with pytest.raises(CommandError, match=message):
        call_command("govinfo_report", kind, "--period", period, "-o", str(target), stdout=io.StringIO())
    assert not target.exists()


@pytest.mark.usefixtures("english")
def test_bad_output_is_refused(db, tmp_path):
    with pytest.raises(CommandError, match=".xlsx"):
        call_command("govinfo_report", "monthly", "-o", str(tmp_path / "r.csv"), stdout=io.StringIO())
    with pytest.raises(CommandError, match="does not exist"):
        call_command("govinfo_report", "monthly", "-o", str(tmp_path / "no" / "r.xlsx"), stdout=io.StringIO())


def test_the_command_writes_the_same_file_as_the_schedule(report_site, tmp_path):
    target = tmp_path / "q.xlsx"
    call_command("govinfo_report", "quarterly", "--period", "2026Q3", "-o", str(target), stdout=io.StringIO())
    report = build_and_store("quarterly", "2026Q3")
    with report.file.open("rb") as stored:
        content = stored.read()
    stored_rows = [sheet_rows(content, i) for i in (0, 1)]
    written_rows = [sheet_rows(target.read_bytes(), i) for i in (0, 1)]
    assert written_rows == stored_rows


def test_default_period_is_the_last_complete_one(db):
    assert reporting.previous_period("quarterly", D(2026, 10, 1)).label == "2026Q3"
    assert reporting.previous_period("quarterly", D(2026, 2, 1)).label == "2025Q4"
    assert reporting.previous_period("monthly", D(2026, 1, 1)).label == "2025-12"
    assert reporting.previous_period("monthly", D(2026, 11, 1)).label == "2026-10"


def test_storing_twice_keeps_one_record_per_period(report_site):
    first = build_and_store("monthly", "2026-10")
    second = build_and_store("monthly", "2026-10")
    assert first.pk == second.pk and Report.objects.count() == 1
    assert second.file.storage.exists(second.file.name)
    if first.file.name != second.file.name:
        assert not first.file.storage.exists(first.file.name)


def test_the_quarterly_schedule_task_stores_the_previous_quarter(report_site):
    from wagtail_govinfo.tasks import build_report

    import time_machine

    with time_machine.travel(at(2026, 10, 1, 1, 30), tick=False):
        report_id = build_report("quarterly")
    report = Report.objects.get(pk=report_id)
    assert (report.kind, report.period) == ("quarterly", "2026Q3")
