"""The review screen (issues 8 and 9): each source screened on its own, one row per
distinct finding, overrides with a reason, unreadable sources confirmed by hand, and the
content the signers sign shown to them, safely."""

import datetime

import openpyxl
import pytest
from django.urls import reverse
from wagtail import hooks
from wagtail.models import TaskState, WorkflowState
from wagtail.rich_text import RichText

from tests import factories as f
from wagtail_govinfo import screening as screening_package
from wagtail_govinfo.ledger.models import SubmissionLedgerEntry
from wagtail_govinfo.models import InfoPage, PolicyDocumentPage
from wagtail_govinfo.screening import Finding, FindingKind
from wagtail_govinfo.screening.sources import SCREENING_SOURCES_HOOK, ScreeningSource
from wagtail_govinfo.workflows import findings as findings_module
from wagtail_govinfo.workflows.findings import (
    RevisionScreening,
    fallback_visible_text,
    group_key,
    screen_html_source,
    sources_of,
)
from wagtail_govinfo.workflows.models import ConfidentialityReviewTaskState

from .conftest import (
    approve_review,
    current_state,
    open_action,
    post_action,
    reject,
    sign_off,
    task_name,
)

pytestmark = pytest.mark.django_db

HOTLINE = "13905910000"  # a published service hotline (mobile-shaped)
MOBILE = "13812345678"  # a citizen's mobile number in a table cell


def body_with_table(hotline=HOTLINE, mobile=MOBILE):
    return [
        ("rich_text", RichText(f"<p>咨询服务热线：{hotline}</p><p>2026年起实施。</p>")),
        (
            "table",
            {
                "data": [["2023", "2024", "2025", "2026"], ["张某", mobile, "已办结", ""]],
                "first_row_is_table_header": True,
            },
        ),
    ]


def make_page(flow, body=None, title="市发改委关于价格举报处理情况的通报", **fields):
    page = InfoPage(
        title=title,
        slug=f"p{abs(hash(title)) % 100000}",
        source_author="市发改委",
        written_on=datetime.date(2026, 11, 2),
        submitting_department=flow.department,
        summary=fields.pop("summary", "举报处理情况。"),
        body=body if body is not None else body_with_table(),
        live=False,
        **fields,
    )
    flow.column.add_child(instance=page)
    return page


def submit(page, user):
    """The editor saves a revision and submits it (starts or resumes the workflow)."""
    page.save_revision(user=user)
    state = page.current_workflow_state
    if state is not None and state.status == WorkflowState.STATUS_NEEDS_CHANGES:
        state.resume(user)
    else:
        page.get_workflow().start(page, user)
    return InfoPage.objects.get(pk=page.pk)


def edit(page, user, **changes):
    latest = page.get_latest_revision_as_object()
    for name, value in changes.items():
        setattr(latest, name, value)
    return submit(latest, user)


# -- sources -----------------------------------------------------------------------


def test_a_page_is_screened_field_by_field_with_its_chinese_labels(flow):
    page = make_page(flow)
    sources = {s.key: s for s in sources_of(page)}
    assert list(sources)[:1] == ["title"]
    assert sources["title"].label == "标题"
    assert sources["summary"].label == "摘要" and sources["summary"].text == "举报处理情况。"
    # Rich text is an HTML source; each table cell is a source of its own, named by row and column.
    assert sources["body.0"].html.startswith("<p>咨询服务热线") and sources["body.0"].label.startswith("正文")
    cell = sources["body.1.table.1.1"]
    assert cell.text == MOBILE
    assert "第 2 行第 2 列" in cell.label and cell.label.startswith("正文")
    # Choice fields and bookkeeping are not content.
    assert not {"info_type", "category", "slug", "url_path", "draft_title"} & set(sources)


def test_a_policy_documents_rich_text_body_is_one_html_source(flow):
    page = PolicyDocumentPage(
        title="办法", slug="banfa", issuing_authority="市政府", published_on=datetime.date(2026, 1, 1),
        document_number="市政规〔2026〕1号", body="<p>联系人：王某 13812345678</p>",
    )
    sources = {s.key: s for s in sources_of(page)}
    assert sources["body"].html == "<p>联系人：王某 13812345678</p>"
    assert sources["document_number"].label == "字号"


def test_hooked_sources_join_the_objects_own(flow):
    page = make_page(flow)

    def attachment(obj):
        return [ScreeningSource(key="document:1", label="附件《通知.pdf》", text=f"联系电话{MOBILE}")]

    with hooks.register_temporarily(SCREENING_SOURCES_HOOK, attachment):
        keys = [s.key for s in sources_of(page)]
    assert keys[-1] == "document:1" and "title" in keys
    assert "document:1" not in [s.key for s in sources_of(page)]


def test_no_match_runs_across_table_cells_or_paragraphs(flow):
    # Four years in a header row are four sources: no "bank card" of 16 digits.
    page = make_page(flow, body=body_with_table(hotline="（无）", mobile="（无）"))
    screening = RevisionScreening.of(page.save_revision())
    assert screening.findings == []
    text = fallback_visible_text("<p>电话13812345&nbsp;678</p><p>2026</p><table><tr><td>1</td><td>2</td></tr></table>")
    assert text == "电话13812345 678\n2026\n1\n2"


def test_html_sources_use_the_engines_screen_html_when_it_has_one(monkeypatch):
    calls = []

    def fake_screen_html(html, *, dictionary=None):
        calls.append(html)
        return [Finding("mobile", 2, 13, MOBILE, True)]

    monkeypatch.setattr(screening_package, "screen_html", fake_screen_html, raising=False)
    monkeypatch.setattr(screening_package, "visible_text", lambda html: "电话" + MOBILE, raising=False)
    found, text = screen_html_source(f'<a href="tel:{MOBILE}">电话</a>')
    assert calls and text == "电话" + MOBILE and found[0].text == MOBILE


def test_html_sources_fall_back_to_visible_text_without_screen_html(monkeypatch):
    monkeypatch.delattr(screening_package, "screen_html", raising=False)
    found, text = screen_html_source(f"<p>电话{MOBILE}</p><p>2026年</p>")
    assert text == f"电话{MOBILE}\n2026年"
    assert [(x.kind, text[x.start : x.end]) for x in found] == [("mobile", MOBILE)]


def test_a_findings_location_joins_its_place():
    """The new engine may say where in an HTML source a finding is (a table cell)."""

    class Located:
        kind, start, end, text, blocking, label = "mobile", 0, 11, MOBILE, True, "手机号码"
        location = "表格第 1 行第 1 列"

    source = ScreeningSource(key="body.0", label="正文 · 富文本 1", html="<table><tr><td>x</td></tr></table>")
    occurrence = findings_module.Occurrence(source, Located(), MOBILE)
    assert occurrence.place == "正文 · 富文本 1 · 表格第 1 行第 1 列"


# -- the review form ----------------------------------------------------------------


@pytest.fixture
def submitted(flow):
    return submit(make_page(flow, summary=f"如有疑问请拨打{HOTLINE}。"), flow.editor)


def test_one_row_per_distinct_finding_with_its_count_and_places(client, submitted, flow):
    html = open_action(client, flow.reviewer, submitted, "approve").json()["html"]
    hotline = group_key("mobile", HOTLINE)
    assert html.count(f'data-finding="{hotline}"') == 1
    assert "×2" in html  # in the summary and in the rich text
    assert "摘要" in html and "正文 · 富文本 1" in html
    assert "正文 · 表格 2 · 第 2 行第 2 列" in html
    assert "阻止通过：2" in html
    # Personal findings can be overridden: one reason box each.
    assert f'name="override-{hotline}"' in html
    assert f'name="override-{group_key("mobile", MOBILE)}"' in html


def test_the_blocking_error_names_the_field_and_the_cell(client, submitted, flow):
    answer = approve_review(client, flow.reviewer, submitted, **{f"override-{group_key('mobile', HOTLINE)}": "公开的服务热线"})
    assert answer["step"] == "action"
    assert "*******5678" in answer["html"] and "第 2 行第 2 列" in answer["html"]
    assert task_name(submitted) == "ConfidentialityReviewTask"


def test_an_override_with_its_reason_lets_the_approval_pass_and_reaches_the_ledger(client, flow):
    page = submit(make_page(flow, body=body_with_table(mobile="（无）")), flow.editor)
    key = group_key("mobile", HOTLINE)
    # Without a reason the hotline blocks.
    assert approve_review(client, flow.reviewer, page)["step"] == "action"
    answer = approve_review(client, flow.reviewer, page, comment="热线为公开号码，同意。",
                            **{f"override-{key}": "市民服务热线，已在官网公开"})
    assert answer["step"] == "success", answer.get("html", "")[:3000]
    review = ConfidentialityReviewTaskState.objects.get(workflow_state__object_id=str(page.pk))
    [override] = review.overrides
    assert override["reason"] == "市民服务热线，已在官网公开" and override["text"] == "*******0000"
    assert override["places"] == ["正文 · 富文本 1 · 第 1 段"]
    [record] = [r for r in review.findings if r["kind"] == "mobile"]
    assert record["resolution"] == "overridden" and record["reason"] == "市民服务热线，已在官网公开"

    # The leader sees the override and its reason, and the content.
    html = open_action(client, flow.leader, page, "approve").json()["html"]
    assert "市民服务热线，已在官网公开" in html and "已覆盖" in html
    assert "咨询服务热线" in html  # the rendered rich text
    assert sign_off(client, flow.leader, page)["step"] == "success"

    entry = SubmissionLedgerEntry.objects.get(page_key=page.pk)
    assert entry.review_comment == "热线为公开号码，同意。"
    assert entry.hash_version == 2
    assert entry.findings[0]["reason"] == "市民服务热线，已在官网公开"


def test_a_secrecy_marking_is_never_overridable(client, flow):
    page = submit(make_page(flow, body=[], summary="机密★5年"), flow.editor)
    key = group_key(FindingKind.SECRET_MARKING, "机密★5年")
    html = open_action(client, flow.reviewer, page, "approve").json()["html"]
    assert f'name="override-{key}"' not in html
    answer = approve_review(client, flow.reviewer, page, **{f"override-{key}": "我认为可以"})
    assert answer["step"] == "action"
    assert "密级标志永远不能覆盖" in answer["html"] or "永远不能覆盖" in answer["html"]
    assert task_name(page) == "ConfidentialityReviewTask"


def test_overrides_arrive_as_json_from_the_editor(flow):
    """The 'approve while editing' path gives the form its cleaned data as keyword arguments."""
    from wagtail_govinfo.checklist import CHECKLIST_KEYS

    page = submit(make_page(flow, body=body_with_table(mobile="（无）")), flow.editor)
    state = current_state(page)
    task = state.task.specific
    screening = RevisionScreening.of(state.revision)
    task.on_action(
        state, flow.reviewer, "approve",
        state_id=state.pk, fingerprint=screening.fingerprint, checklist=list(CHECKLIST_KEYS),
        comment="", overrides={group_key("mobile", HOTLINE): "公开热线"}, confirmed_unreadable=[],
    )
    state.refresh_from_db()
    assert state.status == TaskState.STATUS_APPROVED
    assert state.specific.overrides[0]["reason"] == "公开热线"


def test_masking_after_a_return_is_recorded_as_the_resolution(client, submitted, flow):
    reject(client, flow.reviewer, submitted, "请屏蔽表格中的手机号码。")
    page = edit(submitted, flow.editor, body=body_with_table(mobile="*" * 11))
    answer = approve_review(client, flow.reviewer, page, **{f"override-{group_key('mobile', HOTLINE)}": "公开的服务热线"})
    assert answer["step"] == "success", answer.get("html", "")[:2000]
    review = ConfidentialityReviewTaskState.objects.filter(status=TaskState.STATUS_APPROVED).get()
    resolutions = {(r["text"], r["resolution"]) for r in review.findings}
    assert ("*******5678", "masked") in resolutions
    assert ("*******0000", "overridden") in resolutions


# -- unreadable sources ------------------------------------------------------------


def unreadable_attachment(obj):
    return [ScreeningSource(key="document:7", label="附件《扫描件.pdf》", readable=False, problem="扫描件，没有文字层")]


def test_an_unreadable_source_must_be_confirmed_by_hand(client, flow):
    page = submit(make_page(flow, body=[]), flow.editor)
    with hooks.register_temporarily(SCREENING_SOURCES_HOOK, unreadable_attachment):
        html = open_action(client, flow.reviewer, page, "approve").json()["html"]
        assert "未能机器检查" in html and "扫描件，没有文字层" in html
        assert 'name="confirmed_unreadable" value="document:7"' in html
        answer = approve_review(client, flow.reviewer, page)
        assert answer["step"] == "action" and "附件《扫描件.pdf》" in answer["html"]
        assert task_name(page) == "ConfidentialityReviewTask"
        assert approve_review(client, flow.reviewer, page, confirmed_unreadable=["document:7"])["step"] == "success"
    review = ConfidentialityReviewTaskState.objects.get(workflow_state__object_id=str(page.pk))
    assert review.confirmed_unreadable == [
        {"key": "document:7", "label": "附件《扫描件.pdf》", "problem": "扫描件，没有文字层"}
    ]


# -- what the signers see ----------------------------------------------------------


def test_the_content_is_shown_rendered_and_no_script_from_it_runs(client, flow):
    hostile = (
        '<p>正文<b>加粗</b><script>alert(1)</script>'
        '<img src="x" onerror="alert(2)"><a href="javascript:alert(3)">链接</a></p>'
    )
    page = submit(make_page(flow, body=[("rich_text", RichText(hostile))], summary="<i>摘要</i>"), flow.editor)
    for user, step in ((flow.reviewer, None), (flow.leader, "sign")):
        if step:
            assert approve_review(client, flow.reviewer, page)["step"] == "success"
        html = open_action(client, user, page, "approve").json()["html"]
        assert "<b>加粗</b>" in html  # rendered, as readers see it
        assert "alert(1)" not in html and "onerror" not in html and "javascript:" not in html
        assert "&lt;i&gt;摘要&lt;/i&gt;" in html  # plain text fields stay text
        assert "市发改委" in html and "写作时间" in html


def test_the_signers_see_what_changed_since_the_live_version(client, flow):
    page = make_page(flow, body=[], summary="旧的摘要内容。")
    f.publish(page)
    page = edit(InfoPage.objects.get(pk=page.pk), flow.editor, summary="新的摘要内容。")
    html = open_action(client, flow.reviewer, page, "approve").json()["html"]
    assert "与线上版本相比的改动" in html
    changes = html[html.index("与线上版本相比的改动"):]
    assert "旧的" in changes and "新的" in changes


def test_the_ledger_export_carries_the_review_opinion_and_the_overrides(client, flow):
    page = submit(make_page(flow, body=body_with_table(mobile="（无）")), flow.editor)
    key = group_key("mobile", HOTLINE)
    approve_review(client, flow.reviewer, page, comment="同意报送。", **{f"override-{key}": "公开的服务热线"})
    sign_off(client, flow.leader, page)
    auditor = f.user(auditor=True)
    client.force_login(auditor)
    url = reverse("wagtail_govinfo_ledger_submissionledgerentry_modeladmin_index")
    response = client.get(url, {"export": "xlsx"})
    assert response.status_code == 200
    import io

    sheet = openpyxl.load_workbook(io.BytesIO(b"".join(response.streaming_content))).worksheets[0]
    rows = list(sheet.iter_rows(values_only=True))
    header_row = next(i for i, row in enumerate(rows) if row and row[0] == "序号")
    headers = list(rows[header_row])
    assert headers[:9] == ["序号", "信息名称", "信息来源（作者）", "写作时间", "保密审核人", "分管负责人", "报送时间", "信息类型", "备注"]
    row = dict(zip(headers, rows[header_row + 1]))
    assert row["保密审核意见"] == "同意报送。"
    assert "*******0000" in row["筛查发现及处理（覆盖说明）"]
    assert "已覆盖，公开的服务热线" in row["筛查发现及处理（覆盖说明）"]
