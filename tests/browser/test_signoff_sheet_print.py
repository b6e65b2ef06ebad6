"""The 审核签字单 prints on one A4 page (issue 10), checked with Chromium's print-to-PDF."""

import datetime
import io

import pytest
from django.utils import timezone

from tests import factories as f
from tests.browser.conftest import login
from tests.ledger.conftest import CHECKLIST_KEYS
from wagtail_govinfo import signals
from wagtail_govinfo.ledger.models import SubmissionLedgerEntry
from wagtail_govinfo.ledger.setup import setup_ledgers

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

FINDINGS = [
    {
        "kind": "mobile", "label": "手机号码", "text": "*******0000", "blocking": True, "count": 2,
        "places": ["摘要", "正文 · 富文本 1"], "resolution": "overridden",
        "reason": "市民服务热线，已在市政府门户网站公开",
    },
    {
        "kind": "mobile", "label": "手机号码", "text": "*******5678", "blocking": True, "count": 1,
        "places": ["正文 · 表格 2 · 第 2 行第 2 列"], "resolution": "masked", "reason": "",
    },
    {
        "kind": "id_number", "label": "身份证号码", "text": "**************002X", "blocking": True, "count": 1,
        "places": ["正文 · 富文本 3"], "resolution": "removed", "reason": "",
    },
    {
        "kind": "typo", "label": "疑似错别字", "text": "按装", "blocking": False, "count": 1,
        "places": ["正文 · 富文本 1"], "resolution": "accepted", "reason": "", "suggestion": "安装",
    },
]


def signed_entry(setup_roles):
    setup_ledgers()
    fgw = f.department("fgw", name="市发改委")
    column = f.column(departments=[fgw], title="通知公告")
    page = f.info_page(
        column, department=fgw, live=False,
        title="市发展和改革委员会关于2026年第四季度重点项目价格举报处理情况的通报",
    )
    editor = f.editor(fgw, first_name="信息", last_name="李")
    reviewer = f.reviewer(fgw, first_name="保密", last_name="王")
    leader = f.leader(fgw, first_name="分管", last_name="赵")
    signed_at = timezone.now()
    signals.submission_signed_off.send(
        sender=object, page=page, revision=page.save_revision(user=editor), submitter=editor,
        reviewer=reviewer, leader=leader, reviewed_at=signed_at - datetime.timedelta(hours=2),
        signed_at=signed_at, checklist={key: True for key in CHECKLIST_KEYS}, findings=FINDINGS,
        review_comment="已逐项审核第十七条所列内容；表格中的个人手机号码已屏蔽，服务热线为公开号码，同意报送。",
        comment="同意发布。", department=fgw,
    )
    return SubmissionLedgerEntry.objects.get(page_key=page.pk)


def test_the_sign_off_sheet_prints_on_one_a4_page(live_server, new_page, artifacts, setup_roles):
    pypdf = pytest.importorskip("pypdf")
    entry = signed_entry(setup_roles)
    f.user("auditor1", auditor=True)
    page = new_page
    login(page, live_server, "auditor1")
    page.goto(f"{live_server.url}/admin/wagtail_govinfo_ledger/submissionledgerentry/inspect/{entry.pk}/")
    page.wait_for_load_state("networkidle")
    text = page.locator("main").inner_text()
    for expected in (
        "市民服务热线，已在市政府门户网站公开", "已覆盖", "已屏蔽", "已删除", "正文 · 表格 2 · 第 2 行第 2 列",
        "服务热线为公开号码", "同意发布。", "王保密", "赵分管", entry.entry_hash,
    ):
        assert expected in text, expected

    page.emulate_media(media="print")
    pdf = page.pdf(format="A4", print_background=False, prefer_css_page_size=True)
    (artifacts / "signoff-sheet.pdf").write_bytes(pdf)
    reader = pypdf.PdfReader(io.BytesIO(pdf))
    assert len(reader.pages) == 1, f"the sign-off sheet prints on {len(reader.pages)} pages"
    box = reader.pages[0].mediabox
    assert (round(float(box.width) * 25.4 / 72), round(float(box.height) * 25.4 / 72)) == (210, 297)
    printed = reader.pages[0].extract_text()
    assert "审核签字单" in printed.replace(" ", "") or "签字单" in printed.replace(" ", "")
