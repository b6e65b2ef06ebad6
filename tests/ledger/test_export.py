"""Excel exports of the ledgers, opened with openpyxl as an auditor's tool would."""

import datetime
import io

import openpyxl
import pytest
from django.core.management import CommandError, call_command
from django.urls import reverse
from wagtail.models import ModelLogEntry

from tests import factories as f
from wagtail_govinfo import signals
from wagtail_govinfo.ledger.models import LedgerChain, PublicationLedgerEntry, SubmissionLedgerEntry
from wagtail_govinfo.ledger.resources import PublicationLedgerResource, SubmissionLedgerResource

from .conftest import sign_off

pytestmark = pytest.mark.django_db

BEIJING = datetime.timezone(datetime.timedelta(hours=8))
SUBMISSION_HEADERS = ["序号", "信息名称", "信息来源（作者）", "写作时间", "保密审核人", "分管负责人", "报送时间", "信息类型", "备注"]
PUBLICATION_HEADERS = ["序号", "信息名称", "栏目", "发布单位", "发布人", "发布时间", "保密审核人", "分管负责人", "页面地址", "操作", "备注"]


def url(model, action="index"):
    opts = model._meta
    return reverse(f"{opts.app_label}_{opts.model_name}_modeladmin_{action}")


def workbook(content):
    return openpyxl.load_workbook(io.BytesIO(content))


def rows_by_header(sheet):
    rows = list(sheet.iter_rows(values_only=True))
    return [dict(zip(rows[0], row)) for row in rows[1:]]


@pytest.fixture
def ledger(signed):
    """fgw: a formula-like title and two dates; jyj: one entry."""
    w = signed
    tricky = f.info_page(
        w["fgw_column"], department=w["fgw"], live=False, title='=HYPERLINK("http://evil.example","点此")',
        remarks="@所有人 -请核对",
    )
    tricky.source_author = "+86 市发改委"  # saved with the revision that is signed off
    sign_off(tricky, reviewer=w["reviewer"], leader=w["leader"], submitter=w["editor"],
             signed_at=datetime.datetime(2026, 3, 1, 23, 30, tzinfo=BEIJING))
    return w


def export_from_admin(client, model=SubmissionLedgerEntry, **params):
    response = client.get(url(model), {**params, "export": "xlsx"})
    assert response.status_code == 200, response.content[:300]
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    assert "attachment" in response["Content-Disposition"]
    return workbook(b"".join(response.streaming_content))


def test_auditor_exports_exactly_the_filtered_rows(ledger, client):
    w = ledger
    client.force_login(w["auditor"])
    received = []
    signals.ledger_exported.connect(lambda **kw: received.append(kw), weak=False, dispatch_uid="t-export")
    try:
        book = export_from_admin(client, department="fgw", date_from="2026-03-01", date_to="2026-03-31")
    finally:
        signals.ledger_exported.disconnect(dispatch_uid="t-export")

    sheet = book.worksheets[0]
    assert sheet.title == "信息报送台账"
    headers = [c.value for c in sheet[1]]
    assert headers[:9] == SUBMISSION_HEADERS
    assert sheet.freeze_panes == "A2"
    rows = rows_by_header(sheet)
    assert len(rows) == 1  # the March fgw entry only, not the jyj one, not the November one
    row = rows[0]
    entry = SubmissionLedgerEntry.objects.get(submitted_at__month=3)
    assert row["序号"] == entry.number and isinstance(row["序号"], int)
    # Real dates, in Beijing time: 23:30 on 1 March there is 15:30 UTC.
    assert row["报送时间"] == datetime.datetime(2026, 3, 1, 23, 30)
    assert isinstance(row["写作时间"], datetime.datetime) and row["写作时间"].date() == datetime.date(2026, 11, 1)
    assert sheet.cell(row=2, column=headers.index("报送时间") + 1).is_date
    assert (row["保密审核人"], row["分管负责人"], row["信息类型"]) == ("王保密", "赵分管", "文")
    assert (row["报送单位"], row["栏目"], row["本条哈希"]) == ("市发改委", "发改动态", entry.entry_hash)
    # Formula-safe: stored as text, neutralised at the start, never a formula.
    for header, original in (
        ("信息名称", '=HYPERLINK("http://evil.example","点此")'),
        ("信息来源（作者）", "+86 市发改委"),
        ("备注", "@所有人 -请核对"),
    ):
        cell = sheet.cell(row=2, column=headers.index(header) + 1)
        assert cell.data_type == "s" and cell.value == "'" + original, header
    # Column widths fit their content (CJK characters count double).
    title_column = sheet.column_dimensions[openpyxl.utils.get_column_letter(headers.index("信息名称") + 1)]
    assert title_column.width >= 40

    # The second sheet and the properties: when, who, filters, chain head.
    chain = LedgerChain.objects.get(ledger="submission")
    about = {row[0]: row[1] for row in book.worksheets[1].iter_rows(values_only=True)}
    assert chain.head_hash in about.values()
    assert any("市发改委" in str(v) and "2026-03-01" in str(v) for v in about.values())
    assert 1 in about.values()  # rows
    assert book.properties.title == "信息报送台账"
    assert chain.head_hash in (book.properties.description or "")

    # Recorded in the audit log with who exported what, and announced.
    log = ModelLogEntry.objects.get(action="wagtail_govinfo.ledger_exported")
    assert log.user == w["auditor"] and log.object_id == str(chain.pk)
    assert log.data["rows"] == 1 and log.data["head_hash"] == chain.head_hash
    assert log.data["ledger"] == "submission" and "市发改委" in log.data["filters"].values()
    assert received and received[0]["user"] == w["auditor"] and received[0]["rows"] == 1
    assert received[0]["head_hash"] == chain.head_hash

    # The auditor finds it in Wagtail's site history, linked from the ledger listing.
    listing = client.get(url(SubmissionLedgerEntry)).content.decode()
    history_url = reverse("wagtailadmin_reports:site_history") + "?action=wagtail_govinfo.ledger_exported"
    assert history_url in listing
    history = client.get(history_url)
    assert history.status_code == 200
    assert "导出 1 条记录到 Excel" in history.content.decode()


def test_export_follows_the_search_and_all_pages(ledger, client):
    w = ledger
    for i in range(55):  # more than one listing page (50)
        sign_off(w["jyj_page"], reviewer=w["jyj_reviewer"], leader=w["jyj_leader"])
    client.force_login(w["auditor"])
    rows = rows_by_header(export_from_admin(client, q="秋季开学").worksheets[0])
    assert len(rows) == 56 and {r["信息名称"] for r in rows} == {"市教育局部署秋季开学工作"}
    assert [r["序号"] for r in rows] == sorted(r["序号"] for r in rows)  # in ledger order


def test_a_leader_exports_only_their_department(ledger, client):
    client.force_login(ledger["jyj_leader"])
    rows = rows_by_header(export_from_admin(client).worksheets[0])
    assert [r["报送单位"] for r in rows] == ["市教育局"]


def test_publication_ledger_export(signed, client):
    w = signed
    w["fgw_revision"].publish()
    client.force_login(w["operator"])
    sheet = export_from_admin(client, PublicationLedgerEntry).worksheets[0]
    headers = [c.value for c in sheet[1]]
    assert headers[:11] == PUBLICATION_HEADERS
    [row] = rows_by_header(sheet)
    assert (row["操作"], row["保密审核人"], row["栏目"]) == ("发布", "王保密", "发改动态")
    assert isinstance(row["发布时间"], datetime.datetime)


def test_the_resources_define_the_columns_and_also_export_plainly(ledger):
    """The plain django-import-export path gives the same headers and values."""
    dataset = SubmissionLedgerResource().export(SubmissionLedgerEntry.objects.order_by("year", "number"))
    assert dataset.headers[:9] == SUBMISSION_HEADERS
    book = workbook(dataset.export("xlsx"))
    assert [c.value for c in book.worksheets[0][1]][:9] == SUBMISSION_HEADERS
    assert PublicationLedgerResource().get_export_headers()[:11] == PUBLICATION_HEADERS


def run_export(*args):
    out = io.StringIO()
    call_command("govinfo_export_ledger", *args, stdout=out)
    return out.getvalue()


def test_export_command(ledger, tmp_path):
    target = tmp_path / "报送台账.xlsx"
    out = run_export("submission", "-o", str(target), "--from", "2026-03-01", "--to", "2026-03-31", "--department", "fgw")
    assert str(target) in out
    rows = rows_by_header(openpyxl.load_workbook(target).worksheets[0])
    assert [r["信息名称"] for r in rows] == ["'=HYPERLINK(\"http://evil.example\",\"点此\")"]
    log = ModelLogEntry.objects.get(action="wagtail_govinfo.ledger_exported")
    assert log.user is None and log.data["via"] == "command" and log.data["rows"] == 1

    run_export("publication", "-o", str(tmp_path / "发布台账.xlsx"))
    assert openpyxl.load_workbook(tmp_path / "发布台账.xlsx").worksheets[0]["A1"].value == "序号"


@pytest.mark.parametrize(
    "args",
    [
        ["submission", "-o", "{tmp}/x.xlsx", "--from", "2026-02-30"],
        ["submission", "-o", "{tmp}/x.xlsx", "--from", "0001-01-01"],
        ["submission", "-o", "{tmp}/x.xlsx", "--to", "9999-12-31"],
        ["publication", "-o", "{tmp}/x.xlsx", "--from", "0001-01-01", "--to", "9999-12-31"],
        ["submission", "-o", "{tmp}/x.xlsx", "--from", "2026-05-01", "--to", "2026-04-01"],
        ["submission", "-o", "{tmp}/x.xlsx", "--department", "nosuch"],
        ["submission", "-o", "{tmp}/missing/dir/x.xlsx"],
        ["submission", "-o", "{tmp}/x.csv"],
        ["everything", "-o", "{tmp}/x.xlsx"],
    ],
)
def test_export_command_bad_arguments(ledger, tmp_path, args):
    args = [a.format(tmp=tmp_path) for a in args]
    with pytest.raises(CommandError) as error:
        run_export(*args)
    assert "\n" not in str(error.value).strip()
    assert not (tmp_path / "x.xlsx").exists()
    assert not ModelLogEntry.objects.filter(action="wagtail_govinfo.ledger_exported").exists()


def test_a_control_character_in_a_title_never_breaks_the_export(signed, client):
    w = signed
    page = f.info_page(w["fgw_column"], department=w["fgw"], live=False, title="市发改委\u0001通知\u0007")
    sign_off(page, reviewer=w["reviewer"], leader=w["leader"], submitter=w["editor"])
    client.force_login(w["auditor"])
    rows = rows_by_header(export_from_admin(client).worksheets[0])
    assert "市发改委通知" in [r["信息名称"] for r in rows]
