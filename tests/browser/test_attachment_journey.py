"""An attachment's way online in headless Chromium (issue 8).

An editor writes a page, uploads a PDF through the document chooser and submits it; the
PDF is refused to an anonymous visitor; the reviewer sees what the screening found in the
PDF and the content of the version, and passes it; the leader sees the content and signs;
only then does the PDF answer anonymously. The operator then publishes another page in
an emergency and it waits on the leader's dashboard for its retrospective sign-off. A
second journey: a PDF carrying a secrecy marking blocks the review.

The PDFs are made in the test with reportlab (a real text layer, Chinese CID font).
Screenshots go to test-artifacts/.
"""

import datetime

import pytest
from wagtail.documents import get_document_model

from tests import factories as f
from tests.attachments.files import MARKING, pdf_bytes
from tests.browser.conftest import login
from wagtail_govinfo.ledger.models import PublicationKind, PublicationLedgerEntry
from wagtail_govinfo.ledger.setup import setup_ledgers
from wagtail_govinfo.models import InfoPage, SensitiveWord
from wagtail_govinfo.setup import setup_roles
from wagtail_govinfo.workflows.setup import setup_workflow

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True), pytest.mark.usefixtures("media_on_disk")]

TITLE = "关于城区部分区域临时停水的通知"
EMERGENCY_TITLE = "防汛紧急避险通知"
PDF_LINES = ("关于城区部分区域临时停水的通知", "因管网维修需按装新阀门，11月5日8时至18时停水。")


@pytest.fixture
def people(transactional_db):
    setup_roles()
    setup_workflow()
    setup_ledgers()
    dept = f.department("zjj", "市住建局")
    # A typo the dictionary knows: the screening reports it in the PDF, for checking.
    SensitiveWord.objects.create(word="按装", kind="typo", correction="安装")
    return {
        "department": dept,
        "column": f.column(departments=[dept], title="通知公告"),
        "editor": f.editor(dept, username="editor", first_name="信息", last_name="李"),
        "reviewer": f.reviewer(dept, username="reviewer", first_name="保密", last_name="王"),
        "leader": f.leader(dept, username="leader", first_name="分管", last_name="赵"),
        "operator": f.user("operator", operator=True, first_name="运维", last_name="周"),
    }


def switch_user(page, live_server, username):
    page.context.clear_cookies()
    login(page, live_server, username)


def close_date_picker(page):
    """A date picker left open by the last field filled would take the next click: close
    it, as a person clicking elsewhere would."""
    page.evaluate("document.querySelectorAll('.xdsoft_datetimepicker').forEach(p => p.style.display = 'none')")


def footer_action(page, name):
    """Click a button of the editor's footer action menu, opening its dropdown if needed."""
    close_date_picker(page)
    button = page.locator(f'footer button[name="{name}"]')
    if not button.is_visible():
        page.locator("footer [data-w-dropdown-target='toggle']").first.click()
    button.click()


def write_page_with_pdf(page, live_server, column, title, pdf_path, artifacts=None):
    """As the editor: a new information page whose body holds the PDF, uploaded through
    the document chooser, then submitted for review."""
    page.goto(f"{live_server.url}/admin/pages/add/wagtail_govinfo/infopage/{column.pk}/")
    page.fill("#id_title", title)
    page.fill("#id_source_author", "市住建局")
    page.fill("#id_written_on", "2026-11-02")
    close_date_picker(page)
    page.fill("#id_summary", "因管网维修，城区部分区域临时停水，详见附件。")
    page.locator("#body-root .c-sf-add-button").first.click()
    page.get_by_role("option", name="文档").click()
    page.get_by_role("button", name="选择一个文档").click()
    chooser = page.locator(".modal-content")
    chooser.wait_for()
    chooser.locator("#tab-label-upload").click()
    chooser.locator("#id_document-chooser-upload-file").set_input_files(str(pdf_path))
    # The title is filled in from the file's name (by the chooser's script).
    page.wait_for_function("document.querySelector('#id_document-chooser-upload-title').value !== ''")
    assert chooser.locator("#id_document-chooser-upload-title").input_value() == pdf_path.stem
    if artifacts:
        page.screenshot(path=str(artifacts / "attachment-upload.png"))
    chooser.locator("#tab-upload form button[type=submit]").click()
    chooser.wait_for(state="detached")
    assert page.locator("#body-root").get_by_text(pdf_path.stem).is_visible()
    footer_action(page, "action-submit")
    page.wait_for_url(f"{live_server.url}/admin/pages/{column.pk}/**")
    return InfoPage.objects.get(title=title)


def dashboard_action(page, live_server, title, label):
    """Open the dashboard and launch ``label`` for ``title`` in "awaiting your review"."""
    page.goto(f"{live_server.url}/admin/")
    row = page.locator("tr", has_text=title).first
    row.locator("[data-w-dropdown-target='toggle']").click()
    row.locator("button", has_text=label).click()
    modal = page.locator(".modal-content")
    modal.wait_for()
    modal.locator("form button[type=submit]").wait_for()
    return modal


def submit_modal(page):
    """Submit the workflow action's form and wait until it is done (the modal closes)."""
    page.locator(".modal-content form button[type=submit]").click()
    page.locator(".modal-content").wait_for(state="detached")
    page.wait_for_load_state("networkidle")


def assert_opens_the_pdf(page, live_server, content, document):
    """The content shown to the signer links the attachment, and the signer (signed in,
    with this browser's session) can open it although it is not public yet."""
    link = content.locator("a.govinfo-attachment")
    assert link.inner_text() == document.title
    assert link.get_attribute("href") == document.url
    response = page.context.request.get(f"{live_server.url}{document.url}")
    assert response.status == 200 and response.body().startswith(b"%PDF-")


def anonymous_status(page, url):
    """The answer to an anonymous request from this browser (its cookies are cleared)."""
    page.context.clear_cookies()
    response = page.context.request.get(url, max_redirects=0)
    return response.status, response.body()[:5]


def test_attachment_journey(new_page, live_server, people, artifacts, tmp_path):
    page = new_page
    page.set_viewport_size({"width": 1280, "height": 1000})
    pdf = tmp_path / "停水通知.pdf"
    pdf.write_bytes(pdf_bytes(*PDF_LINES))

    # 1. The editor writes the page, uploads the PDF into its body and submits it.
    login(page, live_server, "editor")
    cms_page = write_page_with_pdf(page, live_server, people["column"], TITLE, pdf, artifacts)
    document = get_document_model().objects.get(title="停水通知")
    assert cms_page.current_workflow_state.status == "in_progress"
    assert [block.value.pk for block in cms_page.get_latest_revision_as_object().body] == [document.pk]

    # 2. Before publication the PDF is refused to anyone outside the admin.
    assert anonymous_status(page, f"{live_server.url}{document.url}")[0] == 404

    # 3. The reviewer sees the PDF's finding and the content of the version, and passes it.
    switch_user(page, live_server, "reviewer")
    modal = dashboard_action(page, live_server, TITLE, "保密审核通过")
    row = modal.locator('tr.govinfo-finding-row[data-kind="typo"]')
    assert "按装" in row.inner_text() and "安装" in row.inner_text()
    assert "停水通知.pdf" in row.locator(".govinfo-place").inner_text()
    assert "需按装新阀门" in row.locator(".govinfo-excerpt").inner_text()
    content = modal.locator(".govinfo-content")
    assert TITLE in content.inner_text() and "详见附件" in content.inner_text()
    assert_opens_the_pdf(page, live_server, content, document)
    page.locator(".modal-body").screenshot(path=str(artifacts / "attachment-review.png"))
    for checkbox in modal.locator('input[name="checklist"]').all():
        checkbox.check()
    modal.locator('textarea[name="comment"]').fill("附件已逐页核对，“按装”系笔误，不影响发布。")
    submit_modal(page)
    cms_page.refresh_from_db()
    assert cms_page.current_workflow_state.current_task_state.task.specific_class.__name__ == "LeaderSignOffTask"
    assert anonymous_status(page, f"{live_server.url}{document.url}")[0] == 404  # one signature is not enough

    # 4. The leader sees the content, with the PDF, and signs.
    switch_user(page, live_server, "leader")
    modal = dashboard_action(page, live_server, TITLE, "审核签字")
    content = modal.locator(".govinfo-content")
    assert TITLE in content.inner_text() and "详见附件" in content.inner_text()
    assert_opens_the_pdf(page, live_server, content, document)
    assert "王保密" in modal.inner_text() or "保密 王" in modal.inner_text()
    modal.locator('input[name="confirm"]').check()
    modal.locator('textarea[name="comment"]').fill("同意发布。")
    page.locator(".modal-body").screenshot(path=str(artifacts / "attachment-sign-off.png"))
    submit_modal(page)
    cms_page = InfoPage.objects.get(pk=cms_page.pk)
    assert cms_page.live

    # 5. Now the PDF is public.
    assert anonymous_status(page, f"{live_server.url}{document.url}") == (200, b"%PDF-")

    # 6. The operator publishes another page in an emergency, with a reason ...
    draft = InfoPage(
        title=EMERGENCY_TITLE, slug="flood-alert", source_author="市住建局",
        written_on=datetime.date(2026, 11, 2), submitting_department=people["department"],
        summary="今晚有强降雨，地下车库请立即撤离车辆。", live=False, owner=people["editor"],
    )
    people["column"].add_child(instance=draft)
    draft.save_revision(user=people["editor"])
    switch_user(page, live_server, "operator")
    page.goto(f"{live_server.url}/admin/pages/{draft.pk}/edit/")
    assert page.locator('footer button[name="action-publish"]').count() == 0
    page.locator("header [data-w-dropdown-target='toggle']").last.click()
    page.get_by_role("link", name="紧急发布").click()
    page.locator('textarea[name="reason"]').fill("汛情紧急，须立即发布避险通知")
    page.get_by_role("button", name="立即发布（紧急发布）").click()
    page.wait_for_url(f"**/admin/pages/{draft.pk}/edit/")
    assert InfoPage.objects.get(pk=draft.pk).live
    entry = PublicationLedgerEntry.objects.get(page_key=draft.pk)
    assert entry.kind == PublicationKind.EMERGENCY and "汛情紧急" in entry.remarks

    # 7. ... and it waits on the leader's dashboard for the retrospective sign-off.
    switch_user(page, live_server, "leader")
    page.goto(f"{live_server.url}/admin/")
    panel = page.locator("#govinfo-emergency-awaiting-sign-off-content, #govinfo-emergency-awaiting-sign-off").first
    panel.wait_for()
    assert EMERGENCY_TITLE in panel.inner_text()
    assert TITLE not in panel.inner_text()
    page.screenshot(path=str(artifacts / "attachment-journey-dashboard.png"), full_page=True)


def test_a_pdf_with_a_secrecy_marking_blocks_the_review(new_page, live_server, people, artifacts, tmp_path):
    page = new_page
    page.set_viewport_size({"width": 1280, "height": 1000})
    pdf = tmp_path / "内部通知.pdf"
    pdf.write_bytes(pdf_bytes(MARKING, "关于管网改造的内部安排"))

    login(page, live_server, "editor")
    cms_page = write_page_with_pdf(page, live_server, people["column"], "管网改造安排", pdf)
    document = get_document_model().objects.get(title="内部通知")

    switch_user(page, live_server, "reviewer")
    modal = dashboard_action(page, live_server, "管网改造安排", "保密审核通过")
    row = modal.locator('tr.govinfo-finding-row[data-kind="secret_marking"]')
    assert MARKING in row.inner_text() and "内部通知.pdf" in row.inner_text()
    assert row.locator(".govinfo-blocking").inner_text() == "阻止通过"
    for checkbox in modal.locator('input[name="checklist"]').all():
        checkbox.check()
    modal.locator("form button[type=submit]").click()
    error = page.locator(".modal-content .messages li.error").first
    error.wait_for()
    assert MARKING in error.inner_text() and "内部通知.pdf" in error.inner_text()
    page.locator(".modal-body").screenshot(path=str(artifacts / "attachment-marking-blocks.png"))
    cms_page.refresh_from_db()
    assert cms_page.current_workflow_state.current_task_state.task.specific_class.__name__ == "ConfidentialityReviewTask"
    assert not InfoPage.objects.get(pk=cms_page.pk).live
    assert anonymous_status(page, f"{live_server.url}{document.url}")[0] == 404
