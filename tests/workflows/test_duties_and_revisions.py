"""Separation of duties, and approvals that belong to one revision (第十六、二十条)."""

import json

import pytest
from django.contrib.messages import get_messages
from django.core import mail
from django.test import override_settings
from django.urls import reverse
from wagtail.models import PageLogEntry, Revision, TaskState

from tests import factories as f
from wagtail_govinfo.models import InfoPage, Role
from wagtail_govinfo.checklist import CHECKLIST_KEYS
from wagtail_govinfo.publication import RevisionIsFrozen
from wagtail_govinfo.workflows.models import ConfidentialityReviewTaskState

from .conftest import (
    XHR,
    action_url,
    approve_review,
    current_state,
    edit_page,
    open_action,
    sign_off,
    submit_new_page,
    task_name,
)

pytestmark = pytest.mark.django_db


# -- separation of duties ---------------------------------------------------------------


def refused(client, user, page, action="approve"):
    """Posting an action the user is not offered is refused (403), nothing is decided."""
    client.force_login(user)
    state = current_state(page)
    response = client.post(action_url(page, action, state), {"state_id": state.pk}, **XHR)
    return response.status_code == 403


def offered(page, user):
    state = current_state(page)
    return [name for name, *_ in state.task.specific.get_actions(page, user)]


def test_the_author_is_not_offered_the_confidentiality_review_of_their_own_page(client, flow):
    writer = f.user(roles=[(flow.department, Role.EDITOR), (flow.department, Role.REVIEWER)])
    page = submit_new_page(client, writer, flow.column, flow.department)

    assert offered(page, writer) == []
    assert offered(page, flow.reviewer) == ["reject", "approve"]
    client.force_login(writer)
    edit_html = client.get(reverse("wagtailadmin_pages:edit", args=[page.pk])).content.decode()
    assert "保密审核通过" not in edit_html
    assert refused(client, writer, page)
    assert task_name(page) == "ConfidentialityReviewTask"

    assert approve_review(client, flow.reviewer, page)["step"] == "success"


def test_the_reviewer_cannot_also_sign(client, flow):
    both = f.user(roles=[(flow.department, Role.REVIEWER), (flow.department, Role.LEADER)])
    page = submit_new_page(client, flow.editor, flow.column, flow.department)
    assert approve_review(client, both, page)["step"] == "success"

    assert offered(page, both) == []
    assert refused(client, both, page)
    assert task_name(page) == "LeaderSignOffTask"
    # The reason is still given where the step is described (the sign-off form).
    task = current_state(page).task.specific
    assert "你已对此版本进行保密审核" in task.duty_conflict(current_state(page), both)

    assert sign_off(client, flow.leader, page)["step"] == "success"
    assert InfoPage.objects.get(pk=page.pk).live


def test_the_author_cannot_sign_their_own_page(client, flow):
    writer = f.user(roles=[(flow.department, Role.EDITOR), (flow.department, Role.LEADER)])
    page = submit_new_page(client, writer, flow.column, flow.department)
    approve_review(client, flow.reviewer, page)
    assert offered(page, writer) == []
    assert refused(client, writer, page)
    assert offered(page, flow.leader) == ["reject", "approve"]


def test_people_held_back_by_separation_of_duties_are_neither_told_nor_listed(client, flow):
    writer = f.user(roles=[(flow.department, Role.EDITOR), (flow.department, Role.REVIEWER)])
    mail.outbox.clear()
    page = submit_new_page(client, writer, flow.column, flow.department)
    assert writer.email not in [a for m in mail.outbox for a in m.to]
    task = current_state(page).task.specific
    assert not task.get_task_states_user_can_moderate(writer).exists()
    assert task.get_task_states_user_can_moderate(flow.reviewer).exists()


@override_settings(WAGTAIL_GOVINFO={"SEPARATION_OF_DUTIES": False})
def test_a_small_department_may_relax_separation_of_duties(client, flow):
    alone = f.user(
        roles=[(flow.department, Role.EDITOR), (flow.department, Role.REVIEWER), (flow.department, Role.LEADER)]
    )
    page = submit_new_page(client, alone, flow.column, flow.department)
    assert approve_review(client, alone, page)["step"] == "success"
    assert sign_off(client, alone, page)["step"] == "success"
    assert InfoPage.objects.get(pk=page.pk).live


# -- an approval belongs to a revision ------------------------------------------------------


def test_an_edit_after_the_review_sends_the_page_back_to_the_review(client, flow):
    page = submit_new_page(client, flow.editor, flow.column, flow.department, summary="原稿。")
    approve_review(client, flow.reviewer, page)
    first_review = ConfidentialityReviewTaskState.objects.get(workflow_state__object_id=str(page.pk))
    mail.outbox.clear()

    # The leader may open the editor at the sign-off step, and changes the text.
    response = edit_page(client, flow.leader, page, None, flow.department, summary="分管领导改过的稿。")
    assert response.status_code == 302
    page = InfoPage.objects.get(pk=page.pk)
    assert task_name(page) == "ConfidentialityReviewTask"
    assert current_state(page).revision == page.get_latest_revision() != first_review.revision
    restarted = PageLogEntry.objects.get(page=page, action="wagtail_govinfo.review_restarted")
    assert restarted.user == flow.leader and "修改" in restarted.message
    assert sorted(a for m in mail.outbox for a in m.to) == ["reviewer2@example.cn", "reviewer@example.cn"]

    # The new version passes the review again; its author (the leader) may not sign it.
    assert approve_review(client, flow.reviewer, page)["step"] == "success"
    assert offered(page, flow.leader) == [] and refused(client, flow.leader, page)
    assert sign_off(client, flow.leader2, page)["step"] == "success"
    page = InfoPage.objects.get(pk=page.pk)
    assert page.live and page.summary == "分管领导改过的稿。"


def test_an_edit_by_a_reviewer_during_the_review_restarts_it_on_the_new_version(client, flow):
    page = submit_new_page(client, flow.editor, flow.column, flow.department, summary="原稿。")
    before = current_state(page)
    edit_page(client, flow.reviewer, page, None, flow.department, summary="审核人改过。")
    after = current_state(page)
    assert after.pk != before.pk and TaskState.objects.get(pk=before.pk).status == "cancelled"
    assert after.revision.user == flow.reviewer
    # The reviewer is now an author of the version under review.
    assert offered(page, flow.reviewer) == [] and refused(client, flow.reviewer, page)
    assert approve_review(client, flow.reviewer2, page)["step"] == "success"


def test_a_form_for_an_earlier_version_is_refused(client, flow):
    page = submit_new_page(client, flow.editor, flow.column, flow.department)
    stale = current_state(page)
    edit_page(client, flow.reviewer, page, None, flow.department, summary="改过。")
    client.force_login(flow.reviewer2)
    url = reverse("wagtailadmin_pages:workflow_action", args=(page.pk, "approve", current_state(page).pk))
    response = client.post(url, {"state_id": stale.pk, "checklist": list(CHECKLIST_KEYS)}, **XHR)
    assert response.json()["step"] == "action"
    assert "请关闭此窗口" in response.json()["html"]
    assert task_name(page) == "ConfidentialityReviewTask"


def _overwrite_behind_the_models_back(revision, **changes):
    """A revision under review is frozen (saving it raises); a write that bypasses the
    model (SQL, ``QuerySet.update``) is what remains, and the fingerprint notices it."""
    revision.content.update(changes)
    with pytest.raises(RevisionIsFrozen):
        revision.save()
    Revision.objects.filter(pk=revision.pk).update(content=revision.content)


def test_content_changed_under_the_same_revision_is_caught(client, flow):
    page = submit_new_page(client, flow.editor, flow.column, flow.department, summary="原稿。")
    html = open_action(client, flow.reviewer, page, "approve").json()["html"]
    shown = html.split('name="fingerprint" value="')[1].split('"')[0]
    revision = current_state(page).revision
    _overwrite_behind_the_models_back(revision, summary="悄悄改过。")
    answer = approve_review(client, flow.reviewer, page, fingerprint=shown)
    assert answer["step"] == "action" and "审核期间页面内容已发生变化" in answer["html"]
    assert task_name(page) == "ConfidentialityReviewTask"


def test_signing_a_version_changed_after_its_review_goes_back_to_the_review(client, flow):
    page = submit_new_page(client, flow.editor, flow.column, flow.department, summary="原稿。")
    approve_review(client, flow.reviewer, page)
    revision = current_state(page).revision
    _overwrite_behind_the_models_back(revision, summary="审核后改过。")
    html = open_action(client, flow.leader, page, "approve").json()["html"]
    assert "签字将使其退回保密审核" in html
    assert sign_off(client, flow.leader, page)["step"] == "success"
    page = InfoPage.objects.get(pk=page.pk)
    assert not page.live
    assert task_name(page) == "ConfidentialityReviewTask"
    assert PageLogEntry.objects.filter(page=page, action="wagtail_govinfo.review_restarted").exists()
    assert not PageLogEntry.objects.filter(page=page, action="wagtail_govinfo.signed_off").exists()


# -- acting from the editor ------------------------------------------------------------------


def collect(client, user, page, action, data):
    client.force_login(user)
    state = current_state(page)
    url = reverse("wagtailadmin_pages:collect_workflow_action_data", args=(page.pk, action, state.pk))
    return client.post(url, {"state_id": state.pk, **data}, **XHR).json()


def act_from_editor(client, user, page, action, extra, department, **changes):
    return edit_page(
        client, user, page, "action-workflow-action", department,
        **{"workflow-action-name": action, "workflow-action-extra-data": json.dumps(extra)}, **changes,
    )


def test_approving_from_the_editor(client, flow):
    page = submit_new_page(client, flow.editor, flow.column, flow.department)
    answer = collect(client, flow.reviewer, page, "approve", {"checklist": list(CHECKLIST_KEYS)})
    assert answer["step"] == "success"
    response = act_from_editor(client, flow.reviewer, page, "approve", answer["cleaned_data"], flow.department)
    assert response.status_code == 302
    assert task_name(page) == "LeaderSignOffTask"


def test_the_editor_path_checks_the_data_again(client, flow):
    page = submit_new_page(client, flow.editor, flow.column, flow.department)
    incomplete = collect(client, flow.reviewer, page, "approve", {"checklist": list(CHECKLIST_KEYS[:3])})
    assert incomplete["step"] == "action"  # the modal shows the missing items
    forged = {"state_id": current_state(page).pk, "checklist": list(CHECKLIST_KEYS[:3]), "comment": "", "fingerprint": ""}
    response = act_from_editor(client, flow.reviewer, page, "approve", forged, flow.department)
    # Wagtail answers a PermissionDenied in the admin with a redirect and an error message.
    assert response.status_code == 302 and response.url == reverse("wagtailadmin_home")
    assert task_name(page) == "ConfidentialityReviewTask"


def test_editing_and_approving_in_one_go_restarts_the_review_and_says_so(client, flow):
    page = submit_new_page(client, flow.editor, flow.column, flow.department, summary="原稿。")
    answer = collect(client, flow.reviewer, page, "approve", {"checklist": list(CHECKLIST_KEYS)})
    response = act_from_editor(
        client, flow.reviewer, page, "approve", answer["cleaned_data"], flow.department, summary="顺手改了。"
    )
    assert response.status_code == 302
    assert task_name(page) == "ConfidentialityReviewTask"
    assert current_state(page).revision.user == flow.reviewer
    messages = [str(m) for m in get_messages(response.wsgi_request)]
    assert any("审核将针对新版本重新开始" in m for m in messages)
