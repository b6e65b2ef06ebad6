"""Emergency publication in headless Chromium (issue 8): the operator finds no publish
button on a draft, publishes it in an emergency with a reason, and the page appears on
the leader's dashboard as awaiting its retrospective sign-off."""

import datetime

import pytest

from tests import factories as f
from tests.browser.conftest import login
from wagtail_govinfo.ledger.models import PublicationKind, PublicationLedgerEntry
from wagtail_govinfo.ledger.setup import setup_ledgers
from wagtail_govinfo.models import InfoPage
from wagtail_govinfo.setup import setup_roles
from wagtail_govinfo.workflows.setup import setup_workflow

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

TITLE = "防汛紧急通知"


def test_emergency_publication_then_retrospective_sign_off(live_server, new_page, artifacts):
    setup_roles()
    setup_workflow()
    setup_ledgers()
    dept = f.department("slj", "市水利局")
    column = f.column(departments=[dept], title="通知公告")
    editor = f.editor(dept, username="editor")
    f.reviewer(dept, username="reviewer")
    f.leader(dept, username="leader", first_name="分管", last_name="赵")
    f.user("operator", operator=True, first_name="运维", last_name="周")
    draft = InfoPage(
        title=TITLE, slug="flood-alert", source_author="市水利局", written_on=datetime.date(2026, 11, 2),
        submitting_department=dept, summary="今晚有强降雨，请沿河群众注意避险。", live=False, owner=editor,
    )
    column.add_child(instance=draft)
    draft.save_revision(user=editor)

    page = new_page
    login(page, live_server, "operator")
    page.goto(f"{live_server.url}/admin/pages/{draft.pk}/edit/")
    assert page.locator('footer button[name="action-publish"]').count() == 0
    # The button sits among the page header's actions (a dropdown).
    page.locator("header [data-w-dropdown-target='toggle']").last.click()
    page.get_by_role("link", name="紧急发布").click()
    page.locator('textarea[name="reason"]').fill("汛情紧急，须立即发布避险通知")
    page.screenshot(path=str(artifacts / "emergency-reason.png"), full_page=True)
    page.get_by_role("button", name="立即发布（紧急发布）").click()
    page.wait_for_url(f"**/admin/pages/{draft.pk}/edit/")
    assert InfoPage.objects.get(pk=draft.pk).live
    entry = PublicationLedgerEntry.objects.get(page_key=draft.pk)
    assert entry.kind == PublicationKind.EMERGENCY and "汛情紧急" in entry.remarks

    page.context.clear_cookies()
    login(page, live_server, "leader")
    page.goto(f"{live_server.url}/admin/")
    panel = page.locator("#govinfo-emergency-awaiting-sign-off-content, #govinfo-emergency-awaiting-sign-off").first
    panel.wait_for()
    assert TITLE in page.content()
    page.screenshot(path=str(artifacts / "emergency-dashboard.png"), full_page=True)
