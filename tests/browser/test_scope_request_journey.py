"""Out-of-scope publication (第二十三条) in headless Chromium, as five people: the editor of
市发改委 files a request for the 市政府办公室's column, its responsible leader approves it,
the platform operator accepts it, the editor writes and submits the page there, and the
bureau's reviewer and leader take it through the normal review to publication."""

import datetime
import json

import pytest
from django.urls import reverse
from django.utils import timezone

from tests import factories as f
from tests.browser.conftest import login
from tests.browser.test_review_journey import footer_action, switch_user
from wagtail_govinfo.models import InfoPage, Role, ScopeRequest, ScopeRequestStatus
from wagtail_govinfo.setup import setup_roles
from wagtail_govinfo.workflows.setup import setup_workflow

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

TITLE = "全市部分区域停水通知"


@pytest.fixture
def people(transactional_db):
    setup_roles()
    setup_workflow()
    office, bureau = f.department("szfb", "市政府办公室"), f.department("fgw", "市发改委")
    return {
        "column": f.column(departments=[office], title="通知公告"),
        "editor": f.editor(bureau, username="editor"),
        "reviewer": f.reviewer(bureau, username="reviewer"),
        "leader": f.leader(bureau, username="leader"),
        "principal": f.user("principal", roles=[(bureau, Role.PRINCIPAL)]),
        "operator": f.user("operator", operator=True),
    }


def review_action(page, live_server, label):
    page.goto(f"{live_server.url}/admin/")
    row = page.locator("tr", has_text=TITLE).first
    row.locator("[data-w-dropdown-target='toggle']").click()
    row.locator("button", has_text=label).click()
    page.locator(".modal-content").wait_for()
    return page.locator(".modal-content")


def submit_form(page):
    """Submit the form in the main area and wait for the answer (a date picker left open by
    the last field would take the click: close it, as a person clicking elsewhere would)."""
    page.evaluate("document.querySelectorAll('.xdsoft_datetimepicker').forEach(p => p.style.display = 'none')")
    page.locator("main form button[type=submit]").click()
    page.wait_for_load_state("networkidle")


def test_out_of_scope_request_journey(new_page, live_server, people, artifacts):
    page = new_page
    page.set_viewport_size({"width": 1280, "height": 1000})
    column = people["column"]
    wanted = (timezone.localdate() + datetime.timedelta(days=5)).isoformat()

    # 1. The editor files the request from the menu; too early a date is refused first.
    login(page, live_server, "editor")
    page.locator("a", has_text="超范围发布申请").first.click()
    page.locator("a", has_text="提出申请").click()
    page.select_option("#id_column", str(column.pk))
    page.fill("#id_title", TITLE)
    page.fill("#id_reason", "停水涉及全市群众生活，需要在通知公告栏目发布。")
    page.fill("#id_wanted_on", (timezone.localdate() + datetime.timedelta(days=4)).isoformat())
    submit_form(page)
    assert wanted in page.locator("main").inner_text()  # the earliest date, named
    assert not ScopeRequest.objects.exists()
    page.fill("#id_wanted_on", wanted)
    submit_form(page)
    page.wait_for_url(f"{live_server.url}/admin/govinfo/articles/scope-requests/*/")
    scope_request = ScopeRequest.objects.get()
    page.screenshot(path=str(artifacts / "scope-request-filed.png"))

    # 2. The department's responsible leader approves it.
    switch_user(page, live_server, "leader")
    page.goto(f"{live_server.url}{reverse('govinfo_articles:scope_request', args=[scope_request.pk])}")
    page.locator("button", has_text="审定同意").click()
    page.wait_for_load_state("networkidle")
    scope_request.refresh_from_db()
    assert scope_request.status == ScopeRequestStatus.APPROVED

    # 3. The platform operator accepts it.
    switch_user(page, live_server, "operator")
    page.goto(f"{live_server.url}{reverse('govinfo_articles:scope_request', args=[scope_request.pk])}")
    page.fill("textarea[name=reason]", "同意在通知公告栏目发布。")
    page.locator("button[value=approve]").click()
    page.wait_for_load_state("networkidle")
    scope_request.refresh_from_db()
    assert scope_request.status == ScopeRequestStatus.ACCEPTED
    assert "同意在通知公告栏目发布。" in page.locator("main").inner_text()

    # 4. The editor writes the page in that column and submits it.
    switch_user(page, live_server, "editor")
    page.goto(f"{live_server.url}/admin/pages/add/wagtail_govinfo/infopage/{column.pk}/")
    page.fill("#id_title", TITLE)
    page.fill("#id_source_author", "市发改委 李信息")
    page.fill("#id_written_on", "2026-11-30")
    page.fill("#id_summary", "因管网抢修，部分区域明日停水。")
    footer_action(page, "action-submit")
    page.wait_for_url(f"{live_server.url}/admin/pages/{column.pk}/**")
    cms_page = InfoPage.objects.get(title=TITLE)

    # 5. The bureau's reviewer and leader review and sign; the page goes live.
    switch_user(page, live_server, "reviewer")
    modal = review_action(page, live_server, "保密审核通过")
    for checkbox in modal.locator('input[name="checklist"]').all():
        checkbox.check()
    modal.locator("form button[type=submit]").click()
    page.locator(".modal-content").wait_for(state="detached")
    page.wait_for_load_state("networkidle")
    switch_user(page, live_server, "leader")
    modal = review_action(page, live_server, "审核签字")
    modal.locator('input[name="confirm"]').check()
    modal.locator("form button[type=submit]").click()
    page.locator(".modal-content").wait_for(state="detached")
    page.wait_for_load_state("networkidle")

    page.goto(f"{live_server.url}/api/v2/pages/?type=wagtail_govinfo.InfoPage&fields=submitting_department&format=json")
    items = json.loads(page.locator("body").inner_text())["items"]
    [item] = [i for i in items if i["title"] == TITLE]
    assert item["submitting_department"]["code"] == "fgw"
    assert InfoPage.objects.get(pk=cms_page.pk).get_parent().pk == column.pk
    scope_request.refresh_from_db()
    assert scope_request.page_id == cms_page.pk
