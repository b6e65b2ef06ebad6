"""Issue 10: "a failed save never loses what the editor typed", in Chromium.

The editor writes a page and submits it; the database fails during the submission (a
"database is locked" when the workflow starts). The answer is the same form, holding the
title, summary and body they typed, with a message to save again; submitting again
works, and the page is in review with what was typed.
"""

import pytest
from playwright.sync_api import TimeoutError as PlaywrightTimeout
from playwright.sync_api import expect
from wagtail.models import WorkflowState

from tests import factories as f
from tests.browser.conftest import login
from tests.browser.test_review_journey import footer_action
from tests.browser.test_sqlite_qcluster import add_rich_text
from tests.core.test_failed_save import fail_once
from wagtail_govinfo.models import InfoPage
from wagtail_govinfo.setup import setup_roles
from wagtail_govinfo.workflows.setup import setup_workflow

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

TITLE = "市发改委价格监测信息"
SUMMARY = "本周主要农产品价格总体平稳。"
BODY = "猪肉价格环比下降百分之二，蔬菜价格略有上涨。"


@pytest.fixture
def people(transactional_db):
    setup_roles()
    setup_workflow()
    dept = f.department("fgw", "市发改委")
    return {
        "column": f.column(departments=[dept], title="动态要闻"),
        "editor": f.editor(dept, username="editor", first_name="信息", last_name="李"),
    }


def test_a_submission_that_meets_a_locked_database_keeps_the_typed_text(new_page, live_server, people, artifacts):
    from wagtail.models import Workflow

    page = new_page
    page.set_viewport_size({"width": 1280, "height": 1000})
    column = people["column"]
    login(page, live_server, "editor")
    page.goto(f"{live_server.url}/admin/pages/add/wagtail_govinfo/infopage/{column.pk}/")
    page.fill("#id_title", TITLE)
    page.fill("#id_source_author", "市发改委 李信息")
    page.fill("#id_written_on", "2026-11-02")
    page.fill("#id_summary", SUMMARY)
    add_rich_text(page, BODY)

    with fail_once(Workflow, "start"):
        with page.expect_response(lambda r: r.request.method == "POST" and r.request.is_navigation_request()) as answer:
            footer_action(page, "action-submit")
        assert answer.value.status == 503
        page.wait_for_load_state()
        message = page.locator(".messages").inner_text()
        assert "页面未能保存：数据库正忙" in message and "你填写的内容仍在下方" in message
        assert "database is locked" not in page.content()
        expect(page.locator("#id_title")).to_have_value(TITLE)
        expect(page.locator("#id_summary")).to_have_value(SUMMARY)
        expect(page.locator("[data-contentpath='body'] .Draftail-Editor [contenteditable=true]").first).to_contain_text(BODY)
        page.screenshot(path=str(artifacts / "failed-save-keeps-typed-text.png"), full_page=True)

        # Submit again. The form shown again autosaves what was typed (a background request);
        # on the test's in-memory SQLite, a request meeting it may get "database table is
        # locked" (shared-cache locks do not wait): the same form comes back, and the editor
        # submits once more, as its message says.
        for attempt in range(3):
            page.wait_for_load_state("networkidle")
            footer_action(page, "action-submit")
            try:
                page.wait_for_url(f"{live_server.url}/admin/pages/{column.pk}/**", timeout=10000)
                break
            except PlaywrightTimeout:
                assert "你填写的内容仍在下方" in page.locator(".messages").inner_text()
                expect(page.locator("#id_summary")).to_have_value(SUMMARY)
        else:
            raise AssertionError("the second submission never went through")

    page.goto("about:blank")  # no editor left pinging the server while the test reads the database
    # One page, one workflow: the failed submission left nothing half-done behind (the form
    # shown again autosaved what was typed as a draft, as Wagtail's editor does).
    [cms_page] = InfoPage.objects.all()
    assert WorkflowState.objects.count() == 1
    latest = cms_page.get_latest_revision_as_object()
    assert latest.title == TITLE and latest.summary == SUMMARY and BODY in str(latest.body)
    assert cms_page.current_workflow_state.status == "in_progress"
