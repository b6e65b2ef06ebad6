"""The whole review journey in headless Chromium, as three people (issue 3).

An editor submits an information page holding a valid ID number; the reviewer sees
the finding and cannot pass it; the editor masks it and resubmits; the reviewer
confirms the ten items and passes it; the leader signs; the page is live in the API
and its history shows each step. Screenshots of the review forms go to test-artifacts/.
"""

import json

import pytest
from django.urls import reverse

from tests import factories as f
from tests.browser.conftest import login
from tests.workflows.conftest import VALID_ID
from wagtail_govinfo.names import display_name
from wagtail_govinfo.models import InfoPage
from wagtail_govinfo.setup import setup_roles
from wagtail_govinfo.workflows.setup import setup_workflow

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

TITLE = "市发改委价格举报处理情况通报"


@pytest.fixture
def people(transactional_db):
    setup_roles()
    setup_workflow()
    dept = f.department("fgw", "市发改委")
    return {
        "column": f.column(departments=[dept], title="动态要闻"),
        "editor": f.editor(dept, username="editor", first_name="信息", last_name="李"),
        "reviewer": f.reviewer(dept, username="reviewer", first_name="保密", last_name="王"),
        "leader": f.leader(dept, username="leader", first_name="分管", last_name="赵"),
    }


def switch_user(page, live_server, username):
    page.context.clear_cookies()
    login(page, live_server, username)


def footer_action(page, name):
    """Click a button of the editor's footer action menu, opening its dropdown if needed."""
    # A date picker left open by the last field filled would take the click: close it, as
    # a person clicking elsewhere would.
    page.evaluate("document.querySelectorAll('.xdsoft_datetimepicker').forEach(p => p.style.display = 'none')")
    button = page.locator(f'footer button[name="{name}"]')
    if not button.is_visible():
        page.locator("footer [data-w-dropdown-target='toggle']").first.click()
    button.click()


def dashboard_action(page, live_server, label):
    """Open the dashboard and launch ``label`` for the page in "awaiting your review"."""
    page.goto(f"{live_server.url}/admin/")
    row = page.locator("tr", has_text=TITLE).first
    row.locator("[data-w-dropdown-target='toggle']").click()
    row.locator("button", has_text=label).click()
    page.locator(".modal-content").wait_for()
    return page.locator(".modal-content")


def test_review_journey(new_page, live_server, people, artifacts):
    page = new_page
    page.set_viewport_size({"width": 1280, "height": 1000})

    # 1. The editor writes the page, with an ID number in it, and submits it.
    login(page, live_server, "editor")
    page.goto(f"{live_server.url}/admin/pages/add/wagtail_govinfo/infopage/{people['column'].pk}/")
    page.fill("#id_title", TITLE)
    page.fill("#id_source_author", "市发改委 李信息")
    page.fill("#id_written_on", "2026-11-02")
    page.fill("#id_summary", f"经核查，举报人张某（身份证号{VALID_ID}）反映的价格问题属实，已依法处理。")
    footer_action(page, "action-submit")
    page.wait_for_url(f"{live_server.url}/admin/pages/{people['column'].pk}/**")
    cms_page = InfoPage.objects.get(title=TITLE)

    # 2. The reviewer sees the finding and cannot pass the review.
    switch_user(page, live_server, "reviewer")
    modal = dashboard_action(page, live_server, "保密审核通过")
    mark = modal.locator('mark[data-kind="id_number"]')
    assert mark.inner_text() == VALID_ID
    for checkbox in modal.locator('input[name="checklist"]').all():
        checkbox.check()
    modal.locator("form button[type=submit]").click()
    error = page.locator(".modal-content .messages li.error").first
    error.wait_for()
    assert "身份证号" in page.locator(".modal-content").inner_text()
    page.locator(".modal-body").screenshot(path=str(artifacts / "review-form-blocking-finding.png"))
    page.locator(".modal-content button.close, .modal-content [data-dismiss='modal']").first.click()

    modal = dashboard_action(page, live_server, "退回修改")
    modal.locator("textarea[name=reason]").fill("请屏蔽举报人的身份证号后重新报送。")
    modal.locator("form button[type=submit]").click()
    page.locator(".modal-content").wait_for(state="detached")
    page.wait_for_load_state("networkidle")
    cms_page.refresh_from_db()
    assert cms_page.current_workflow_state.status == "needs_changes"

    # 3. The editor sees who returned it, where, why and what was found, on the dashboard
    # and in the edit view; masks the number and resubmits.
    switch_user(page, live_server, "editor")
    page.goto(f"{live_server.url}/admin/")
    row = page.locator("tr[data-govinfo-returned]", has_text=TITLE)
    row_text = row.inner_text()
    assert "王保密" in row_text and "保密审核" in row_text and "请屏蔽举报人的身份证号后重新报送。" in row_text
    assert "身份证" in row_text and VALID_ID[-4:] in row_text and "须修改" in row_text and VALID_ID not in row_text
    page.goto(f"{live_server.url}/admin/pages/{cms_page.pk}/edit/")
    message = page.locator(".messages").inner_text()
    assert "请屏蔽举报人的身份证号后重新报送。" in message and "发现的问题" in message and "须修改" in message
    page.locator("[data-side-panel-toggle='status']").click()
    finding = page.locator("[data-govinfo-returned-finding][data-blocking]").first
    finding.wait_for()
    assert VALID_ID[-4:] in finding.inner_text() and "须修改" in finding.inner_text()
    page.screenshot(path=str(artifacts / "returned-status-panel-findings.png"))
    page.fill("#id_summary", "经核查，举报人张某（身份证号" + "*" * 18 + "）反映的价格问题属实，已依法处理。")
    footer_action(page, "action-submit")
    page.wait_for_url(f"{live_server.url}/admin/pages/{people['column'].pk}/**")

    # 4. The reviewer confirms the ten items and passes it.
    switch_user(page, live_server, "reviewer")
    modal = dashboard_action(page, live_server, "保密审核通过")
    assert modal.locator('mark[data-kind="id_number"]').count() == 0
    for checkbox in modal.locator('input[name="checklist"]').all():
        checkbox.check()
    modal.locator('textarea[name="comment"]').fill("已逐项审核，同意报送。")
    page.locator(".modal-body").screenshot(path=str(artifacts / "review-form-checklist.png"))
    modal.locator("form button[type=submit]").click()
    page.locator(".modal-content").wait_for(state="detached")
    page.wait_for_load_state("networkidle")

    # 5. The leader signs.
    switch_user(page, live_server, "leader")
    modal = dashboard_action(page, live_server, "审核签字")
    assert "王保密" in modal.inner_text() or "保密 王" in modal.inner_text()
    modal.locator('input[name="confirm"]').check()
    modal.locator('textarea[name="comment"]').fill("同意发布。")
    page.locator(".modal-body").screenshot(path=str(artifacts / "sign-off-form.png"))
    modal.locator("form button[type=submit]").click()
    page.locator(".modal-content").wait_for(state="detached")
    page.wait_for_load_state("networkidle")

    # 6. The page is live through the API.
    page.goto(f"{live_server.url}/api/v2/pages/?type=wagtail_govinfo.InfoPage&fields=summary&format=json")
    items = json.loads(page.locator("body").inner_text())["items"]
    [item] = [i for i in items if i["title"] == TITLE]
    assert VALID_ID not in item["summary"] and "*" * 18 in item["summary"]

    # 7. The history shows each step, with the names.
    switch_user(page, live_server, "editor")
    page.goto(f"{live_server.url}{reverse('wagtailadmin_pages:history', args=(cms_page.pk,))}")
    history = page.locator("main").inner_text()
    for expected in (
        "在“保密审核”退回修改", "通过“保密审核”：已确认第十七条审核内容 10/10 项",
        "已在“分管负责人审核签字”签字", "同意发布。", "请屏蔽举报人的身份证号后重新报送。",
        display_name(people["reviewer"]), display_name(people["leader"]),
    ):
        assert expected in history, expected
    page.screenshot(path=str(artifacts / "review-history.png"), full_page=True)
