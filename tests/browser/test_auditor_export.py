"""The demo auditor filters the submission ledger by department and exports it to Excel,
in headless Chromium; the downloaded workbook holds exactly the filtered rows."""

import io

import openpyxl
import pytest
from django.core.management import call_command

from tests import factories as f
from tests.browser.conftest import login
from tests.ledger.conftest import sign_off
from wagtail_govinfo.demo import DEFAULT_PASSWORD
from wagtail_govinfo.ledger.models import SubmissionLedgerEntry
from wagtail_govinfo.models import Department, InfoPage

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

HEADERS = ["序号", "信息名称", "信息来源（作者）", "写作时间", "保密审核人", "分管负责人", "报送时间", "信息类型", "备注"]


def test_auditor_filters_by_department_and_exports(live_server, new_page, artifacts):
    quiet = io.StringIO()
    call_command("govinfo_setup", stdout=quiet)
    call_command("govinfo_demo", stdout=quiet)
    # The demo's sign-offs are 市发改委's; add one of 市政府办公室 so the filter has work to do.
    office = Department.objects.get(code="szfb")
    meeting = InfoPage.objects.get(slug="executive-meeting")
    sign_off(meeting, reviewer=f.reviewer(office, first_name="审核", last_name="周"),
             leader=f.leader(office, first_name="秘书长", last_name="郑"))
    fgw_titles = sorted(SubmissionLedgerEntry.objects.filter(department_code="fgw").values_list("title", flat=True))
    assert fgw_titles and SubmissionLedgerEntry.objects.exclude(department_code="fgw").exists()

    page = new_page
    login(page, live_server, "auditor", DEFAULT_PASSWORD)
    page.get_by_role("button", name="台账").click()
    page.get_by_role("link", name="信息报送台账").click()
    page.wait_for_url("**/admin/wagtail_govinfo_ledger/submissionledgerentry/")
    page.locator(".changelist-filter").get_by_role("link", name="市发改委", exact=True).click()
    page.wait_for_url("**department=fgw**")
    assert page.get_by_text("市政府召开第十二次常务会议").count() == 0
    page.screenshot(path=str(artifacts / "ledger-auditor-filtered.png"), full_page=True)

    with page.expect_download() as download_info:
        page.get_by_role("link", name="导出 Excel").click()
    download = download_info.value
    assert download.suggested_filename.startswith("信息报送台账-") and download.suggested_filename.endswith(".xlsx")
    path = artifacts / "ledger-auditor-export.xlsx"
    download.save_as(str(path))

    book = openpyxl.load_workbook(path)
    sheet = book.worksheets[0]
    rows = list(sheet.iter_rows(values_only=True))
    assert list(rows[0][:9]) == HEADERS
    exported = [dict(zip(rows[0], row)) for row in rows[1:]]
    assert sorted(r["信息名称"] for r in exported) == fgw_titles
    assert {r["报送单位"] for r in exported} == {"市发改委"}
    assert all(r["保密审核人"] and r["分管负责人"] for r in exported)
    about = " ".join(str(v) for row in book.worksheets[1].iter_rows(values_only=True) for v in row)
    assert "市发改委" in about and "吴审计" in about  # the filter and who exported
