"""End to end through the admin: submit, 保密审核, 分管负责人审核签字 → the ledgers.

The ledger app knows the workflow only through the core signal; this test drives the
real workflow that ``govinfo_setup`` installs, as the admin's modals do.
"""

import pytest
from django.urls import reverse
from wagtail.models import TaskState

from tests import factories as f
from wagtail_govinfo.ledger.models import PublicationKind, PublicationLedgerEntry, SubmissionLedgerEntry
from wagtail_govinfo.models import InfoPage

from .conftest import CHECKLIST_KEYS

pytestmark = pytest.mark.django_db

XHR = {"HTTP_X_REQUESTED_WITH": "XMLHttpRequest"}


def act(client, user, page, action, data):
    """Post a workflow action on the page's current task, as the admin's modal does."""
    client.force_login(user)
    task_state = InfoPage.objects.get(pk=page.pk).current_workflow_task_state
    url = reverse("wagtailadmin_pages:workflow_action", args=(page.pk, action, task_state.pk))
    response = client.post(url, {"state_id": task_state.pk, **data}, **XHR)
    assert response.status_code == 200
    return task_state


def test_an_approved_workflow_writes_one_submission_entry_with_its_signers(client, govinfo_setup):
    department = f.department("fgw", name="市发改委")
    column = f.column(departments=[department], title="动态要闻")
    editor = f.editor(department, first_name="信息", last_name="李")
    reviewer = f.reviewer(department, first_name="保密", last_name="王")
    leader = f.leader(department, first_name="分管", last_name="赵")

    client.force_login(editor)
    response = client.post(
        reverse("wagtailadmin_pages:add", args=("wagtail_govinfo", "infopage", column.pk)),
        {
            "title": "市发改委召开重大项目推进会", "slug": "fgw-meeting", "info_type": "text",
            "category": "department_news", "source_author": "市发改委 李信息", "written_on": "2026-11-02",
            "submitting_department": department.pk, "undertaking_unit": "", "remarks": "",
            "summary": "会议通报了全市重大项目建设进展。", "body-count": "0", "action-submit": "1",
        },
    )
    assert response.status_code == 302
    page = InfoPage.objects.get(slug="fgw-meeting")
    assert not SubmissionLedgerEntry.objects.exists()

    review = act(client, reviewer, page, "approve", {"checklist": list(CHECKLIST_KEYS), "comment": ""})
    assert not SubmissionLedgerEntry.objects.exists()  # one signature is not a submission
    signing = act(client, leader, page, "approve", {"confirm": "on", "comment": "同意发布。"})

    page.refresh_from_db()
    assert page.live
    review, signing = TaskState.objects.get(pk=review.pk), TaskState.objects.get(pk=signing.pk)
    assert (review.status, signing.status) == ("approved", "approved")

    entry = SubmissionLedgerEntry.objects.get()  # exactly one
    assert entry.reviewer == review.finished_by == reviewer and entry.reviewer_name == "王保密"
    assert entry.leader == signing.finished_by == leader and entry.leader_name == "赵分管"
    assert entry.reviewed_at == review.finished_at and entry.submitted_at == signing.finished_at
    assert entry.revision_key == signing.revision_id == page.live_revision_id
    assert entry.title == "市发改委召开重大项目推进会" and entry.source_author == "市发改委 李信息"
    assert entry.department == department and entry.column_title == "动态要闻"
    assert entry.submitter == editor
    assert entry.checklist == {key: True for key in CHECKLIST_KEYS}
    assert entry.sign_off_comment == "同意发布。"

    # Published by the sign-off: one 发布 entry, naming who signed that revision.
    publication = PublicationLedgerEntry.objects.get()
    assert publication.kind == PublicationKind.PUBLISH
    assert publication.submission == entry and publication.revision_key == entry.revision_key
    assert (publication.reviewer_name, publication.leader_name) == ("王保密", "赵分管")
    assert publication.publisher == leader
