"""The two review steps through the admin views: who may act, what blocks, what is recorded."""

import pytest
from django.core import mail
from django.urls import reverse
from wagtail.models import PageLogEntry, TaskState, WorkflowState

from wagtail_govinfo.names import display_name
from wagtail_govinfo.models import InfoPage
from wagtail_govinfo.screening import FindingKind
from wagtail_govinfo.signals import submission_rejected, submission_signed_off
from wagtail_govinfo.checklist import CHECKLIST_KEYS
from wagtail_govinfo.workflows.models import (
    ConfidentialityReviewTaskState,
    LeaderSignOffTaskState,
)

from .conftest import (
    VALID_ID,
    XHR,
    action_url,
    approve_review,
    current_state,
    edit_page,
    open_action,
    post_action,
    reject,
    sign_off,
    submit_new_page,
    task_name,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def submitted(client, flow):
    mail.outbox.clear()
    page = submit_new_page(client, flow.editor, flow.column, flow.department)
    return page


def recipients():
    return sorted(address for message in mail.outbox for address in message.to)


# -- the review step ------------------------------------------------------------


def test_submission_starts_the_confidentiality_review_and_tells_the_departments_reviewers(
    submitted, flow
):
    assert task_name(submitted) == "ConfidentialityReviewTask"
    assert recipients() == ["reviewer2@example.cn", "reviewer@example.cn"]
    message = next(m for m in mail.outbox if m.to == ["reviewer@example.cn"])
    assert submitted.title in message.subject
    assert "保密审核" in message.subject
    assert "市发改委" in message.body
    assert f"/admin/pages/{submitted.pk}/edit/" in message.body


@pytest.mark.parametrize("who", ["editor", "leader", "outsider_reviewer", "outsider_leader"])
def test_only_reviewers_of_the_submitting_department_may_act_on_the_review(client, submitted, flow, who):
    user = getattr(flow, who)
    assert open_action(client, user, submitted, "approve").status_code == 403
    assert open_action(client, user, submitted, "reject").status_code == 403
    client.force_login(user)
    from .conftest import XHR, action_url

    response = client.post(
        action_url(submitted, "approve"),
        {"state_id": current_state(submitted).pk, "checklist": list(CHECKLIST_KEYS)},
        **XHR,
    )
    assert response.status_code == 403
    assert task_name(submitted) == "ConfidentialityReviewTask"


def test_a_superuser_is_not_a_reviewer(client, submitted, flow):
    from tests import factories as f

    admin = f.user(is_superuser=True, is_staff=True)
    assert open_action(client, admin, submitted, "approve").status_code == 403
    assert not current_state(submitted).task.specific.get_task_states_user_can_moderate(admin).exists()


def test_the_review_form_shows_the_findings_and_the_checklist(client, flow):
    page = submit_new_page(
        client, flow.editor, flow.column, flow.department,
        summary=f"<b>举报人</b>身份证号{VALID_ID}，电话13912345678。",
    )
    response = open_action(client, flow.reviewer, page, "approve")
    assert response.status_code == 200
    html = response.json()["html"]
    label = FindingKind.ID_NUMBER.label
    assert (
        f'<mark class="govinfo-finding govinfo-finding--blocking" data-kind="id_number" title="{label}">'
        f"{VALID_ID}</mark>"
    ) in html
    assert 'data-kind="mobile"' in html
    # The page text is escaped around the marks.
    assert "&lt;b&gt;举报人&lt;/b&gt;" in html
    assert "<b>举报人" not in html
    for key in CHECKLIST_KEYS:
        assert f'value="{key}"' in html
    assert "是否涉密" in html  # 第十七条 (一), in Chinese
    assert "阻止通过：2" in html


def test_approval_needs_every_checklist_item(client, submitted, flow):
    answer = approve_review(client, flow.reviewer, submitted, items=CHECKLIST_KEYS[:7] + CHECKLIST_KEYS[8:])
    assert answer["step"] == "action"
    assert "未确认" in answer["html"]
    assert "统计数据是否准确" in answer["html"]  # the missing item (八), named
    assert task_name(submitted) == "ConfidentialityReviewTask"
    assert current_state(submitted).status == TaskState.STATUS_IN_PROGRESS


def test_a_blocking_finding_stops_the_approval(client, flow):
    page = submit_new_page(client, flow.editor, flow.column, flow.department, summary=f"身份证号{VALID_ID}")
    answer = approve_review(client, flow.reviewer, page)
    assert answer["step"] == "action"
    assert str(FindingKind.ID_NUMBER.label) in answer["html"]
    assert "*" * 14 + VALID_ID[-4:] in answer["html"]
    assert task_name(page) == "ConfidentialityReviewTask"


def test_a_secrecy_marking_stops_the_approval(client, flow):
    page = submit_new_page(client, flow.editor, flow.column, flow.department, summary="机密★5年 关于项目的内部意见")
    answer = approve_review(client, flow.reviewer, page)
    assert answer["step"] == "action"
    assert "第五条" in answer["html"] or "涉密" in answer["html"]
    assert task_name(page) == "ConfidentialityReviewTask"


def test_an_id_shaped_number_with_a_wrong_check_digit_does_not_block(client, flow):
    wrong = VALID_ID[:-1] + ("1" if VALID_ID[-1] != "1" else "2")
    page = submit_new_page(client, flow.editor, flow.column, flow.department, summary=f"编号{wrong}")
    assert approve_review(client, flow.reviewer, page)["step"] == "success"
    assert task_name(page) == "LeaderSignOffTask"


def test_approval_records_the_review_on_its_revision_and_starts_the_sign_off(client, submitted, flow):
    review = current_state(submitted)
    mail.outbox.clear()
    answer = approve_review(client, flow.reviewer, submitted, comment="已逐项审核。")
    assert answer["step"] == "success"

    review = ConfidentialityReviewTaskState.objects.get(pk=review.pk)
    assert review.status == TaskState.STATUS_APPROVED
    assert review.finished_by == flow.reviewer
    assert review.finished_by_name == "王保密"  # 姓名, family name first
    assert review.checklist == {key: True for key in CHECKLIST_KEYS}
    assert review.revision == submitted.get_latest_revision()
    assert len(review.content_fingerprint) == 64
    assert review.comment == "已逐项审核。"

    assert task_name(submitted) == "LeaderSignOffTask"
    sign_off_state = current_state(submitted)
    assert sign_off_state.confidentiality_review == review
    assert recipients() == ["leader2@example.cn", "leader@example.cn"]

    entry = PageLogEntry.objects.get(page=submitted, action="wagtail_govinfo.confidentiality_approved")
    assert entry.user == flow.reviewer
    assert entry.revision == review.revision
    assert "10" in entry.message


# -- the sign-off step ------------------------------------------------------------


@pytest.fixture
def reviewed(client, submitted, flow):
    assert approve_review(client, flow.reviewer, submitted)["step"] == "success"
    mail.outbox.clear()
    return submitted


@pytest.mark.parametrize("who", ["editor", "reviewer", "outsider_leader"])
def test_only_leaders_of_the_submitting_department_may_sign(client, reviewed, flow, who):
    user = getattr(flow, who)
    assert open_action(client, user, reviewed, "approve").status_code == 403
    assert open_action(client, user, reviewed, "reject").status_code == 403
    assert task_name(reviewed) == "LeaderSignOffTask"


def test_the_sign_off_form_shows_the_review(client, reviewed, flow):
    html = open_action(client, flow.leader, reviewed, "approve").json()["html"]
    assert display_name(flow.reviewer) in html
    assert "是否涉密" in html
    assert 'name="confirm"' in html


def test_sign_off_needs_the_confirmation(client, reviewed, flow):
    answer = post_action(client, flow.leader, reviewed, "approve", {"comment": "同意"})
    assert answer["step"] == "action"
    assert task_name(reviewed) == "LeaderSignOffTask"


def test_sign_off_publishes_for_a_leader_without_publish_rights(client, reviewed, flow):
    received = []
    submission_signed_off.connect(lambda **kw: received.append(kw), weak=False, dispatch_uid="t1")
    try:
        assert not reviewed.permissions_for_user(flow.leader).can_publish()
        state = current_state(reviewed)
        answer = sign_off(client, flow.leader, reviewed, comment="同意发布。")
    finally:
        submission_signed_off.disconnect(dispatch_uid="t1")
    assert answer["step"] == "success"
    page = InfoPage.objects.get(pk=reviewed.pk)
    assert page.live
    assert page.live_revision == state.revision
    state = LeaderSignOffTaskState.objects.get(pk=state.pk)
    assert state.status == TaskState.STATUS_APPROVED
    assert state.finished_by == flow.leader and state.comment == "同意发布。"
    assert state.finished_at is not None
    assert WorkflowState.objects.get(pk=state.workflow_state_id).status == WorkflowState.STATUS_APPROVED

    [signal] = received
    assert signal["page"].pk == page.pk
    assert signal["revision"] == state.revision
    assert signal["submitter"] == flow.editor
    assert signal["reviewer"] == flow.reviewer
    assert signal["leader"] == flow.leader
    assert signal["checklist"] == {key: True for key in CHECKLIST_KEYS}
    assert signal["comment"] == "同意发布。"
    assert signal["department"] == flow.department
    assert signal["signed_at"] >= signal["reviewed_at"]

    actions = list(PageLogEntry.objects.filter(page=page).order_by("timestamp", "pk").values_list("action", flat=True))
    assert actions.index("wagtail_govinfo.confidentiality_approved") < actions.index("wagtail_govinfo.signed_off")
    assert "wagtail.publish" in actions
    # The submitter hears that the workflow is complete (Wagtail's own e-mail).
    assert "editor@example.cn" in recipients()


def test_a_future_go_live_date_schedules_instead_of_publishing(client, flow):
    page = submit_new_page(
        client, flow.editor, flow.column, flow.department, go_live_at="2099-01-01 08:00"
    )
    approve_review(client, flow.reviewer, page)
    assert sign_off(client, flow.leader, page)["step"] == "success"
    page = InfoPage.objects.get(pk=page.pk)
    assert not page.live
    assert page.get_latest_revision().approved_go_live_at is not None
    assert page.status_string == "scheduled" or "计划" in page.status_string


def test_the_page_history_shows_each_step_with_names(client, reviewed, flow):
    sign_off(client, flow.leader, reviewed, comment="同意发布。")
    client.force_login(flow.editor)
    response = client.get(reverse("wagtailadmin_pages:history", args=(reviewed.pk,)))
    html = response.content.decode()
    assert display_name(flow.reviewer) in html and display_name(flow.leader) in html
    assert "通过保密审核" in html or "保密审核" in html
    assert "同意发布。" in html


# -- rejection and resubmission ------------------------------------------------------


def test_rejecting_needs_a_reason(client, submitted, flow):
    answer = reject(client, flow.reviewer, submitted, "  ")
    assert answer["step"] == "action"
    assert "原因" in answer["html"]
    assert task_name(submitted) == "ConfidentialityReviewTask"


def test_rejection_returns_the_page_to_its_editor_with_the_reason(client, submitted, flow):
    received = []
    submission_rejected.connect(lambda **kw: received.append(kw), weak=False, dispatch_uid="t2")
    mail.outbox.clear()
    try:
        assert reject(client, flow.reviewer, submitted, "请删除举报人的身份证号。")["step"] == "success"
    finally:
        submission_rejected.disconnect(dispatch_uid="t2")
    state = ConfidentialityReviewTaskState.objects.get(workflow_state__object_id=str(submitted.pk))
    assert state.status == TaskState.STATUS_REJECTED and state.reason == "请删除举报人的身份证号。"
    assert submitted.current_workflow_state.status == WorkflowState.STATUS_NEEDS_CHANGES
    [message] = [m for m in mail.outbox if m.to == ["editor@example.cn"]]
    assert "请删除举报人的身份证号。" in message.body
    [signal] = received
    assert signal["step"] == "confidentiality_review" and signal["user"] == flow.reviewer
    assert signal["reason"] == "请删除举报人的身份证号。"
    entry = PageLogEntry.objects.get(page=submitted, action="wagtail_govinfo.rejected")
    assert entry.user == flow.reviewer and entry.comment == "请删除举报人的身份证号。"


def test_a_masked_resubmission_passes(client, flow):
    page = submit_new_page(client, flow.editor, flow.column, flow.department, summary=f"身份证号{VALID_ID}。")
    reject(client, flow.reviewer, page, "请屏蔽身份证号。")
    response = edit_page(client, flow.editor, page, "action-submit", flow.department, summary="身份证号" + "*" * 18 + "。")
    assert response.status_code == 302
    assert task_name(page) == "ConfidentialityReviewTask"
    assert current_state(page).revision == InfoPage.objects.get(pk=page.pk).get_latest_revision()
    assert approve_review(client, flow.reviewer, page)["step"] == "success"
    assert sign_off(client, flow.leader, page)["step"] == "success"
    assert InfoPage.objects.get(pk=page.pk).live


def test_after_a_sign_off_rejection_the_new_version_goes_through_the_review_again(client, reviewed, flow):
    assert reject(client, flow.leader, reviewed, "数据需核实。")["step"] == "success"
    mail.outbox.clear()
    edit_page(client, flow.editor, reviewed, "action-submit", flow.department, summary="数据已核实。")
    # Wagtail would resume at the rejected step; the new version was never reviewed.
    assert task_name(reviewed) == "ConfidentialityReviewTask"
    assert recipients() == ["reviewer2@example.cn", "reviewer@example.cn"]
    assert PageLogEntry.objects.filter(page=reviewed, action="wagtail_govinfo.review_restarted").exists()
    approve_review(client, flow.reviewer, reviewed)
    assert task_name(reviewed) == "LeaderSignOffTask"
    assert sign_off(client, flow.leader, reviewed)["step"] == "success"
    page = InfoPage.objects.get(pk=reviewed.pk)
    assert page.live and page.summary == "数据已核实。"


# -- the lock -------------------------------------------------------------------------


def test_the_editor_cannot_change_the_page_while_it_is_reviewed(client, submitted, flow):
    before = submitted.get_latest_revision()
    edit_page(client, flow.editor, submitted, None, flow.department, summary="偷偷改一下")
    assert InfoPage.objects.get(pk=submitted.pk).get_latest_revision() == before
    assert task_name(submitted) == "ConfidentialityReviewTask"


def test_a_reviewer_without_edit_rights_can_open_the_editor(client, submitted, flow):
    client.force_login(flow.reviewer)
    response = client.get(reverse("wagtailadmin_pages:edit", args=(submitted.pk,)))
    assert response.status_code == 200


def test_the_dashboard_lists_the_item_for_those_who_may_act(client, submitted, flow):
    state = current_state(submitted)
    marker = reverse("wagtailadmin_pages:workflow_action", args=(submitted.pk, "approve", state.pk))
    for user, expected in [
        (flow.reviewer, True),
        (flow.reviewer2, True),
        (flow.leader, False),
        (flow.outsider_reviewer, False),
        (flow.editor, False),
    ]:
        client.force_login(user)
        html = client.get(reverse("wagtailadmin_home")).content.decode()
        assert (marker in html) is expected, user.username


def test_the_moderation_query_is_one_query_per_task(flow, submitted, django_assert_max_num_queries):
    task = current_state(submitted).task.specific
    reviewer = type(flow.reviewer).objects.get(pk=flow.reviewer.pk)
    with django_assert_max_num_queries(2):
        states = list(task.get_task_states_user_can_moderate(reviewer))
    assert [s.pk for s in states] == [current_state(submitted).pk]


def test_a_task_state_of_another_page_cannot_be_acted_on_through_this_page(client, flow):
    from tests import factories as f

    from .conftest import XHR, action_url

    other_dept = f.department("tjj", "市统计局")
    other_column = f.column(departments=[other_dept])
    other_editor = f.editor(other_dept)
    theirs = submit_new_page(client, other_editor, other_column, other_dept, title="统计局信息")
    ours = submit_new_page(client, flow.editor, flow.column, flow.department, title="发改委信息")
    client.force_login(flow.reviewer)
    their_state = current_state(theirs)
    response = client.post(
        action_url(ours, "approve", their_state),
        {"state_id": their_state.pk, "checklist": list(CHECKLIST_KEYS)},
        **XHR,
    )
    assert response.status_code == 403
    assert task_name(theirs) == "ConfidentialityReviewTask"


def test_a_workflow_of_the_sign_off_alone_cannot_publish(client, flow):
    """The gate asks for both steps, whatever the workflow: a sign-off without a
    confidentiality review of the same revision publishes nothing."""
    from wagtail.models import Workflow, WorkflowPage, WorkflowTask

    from wagtail_govinfo.workflows.models import LeaderSignOffTask

    only = Workflow.objects.create(name="仅签字")
    WorkflowTask.objects.create(workflow=only, task=LeaderSignOffTask.objects.get(), sort_order=0)
    WorkflowPage.objects.create(page=flow.column, workflow=only)
    page = submit_new_page(client, flow.editor, flow.column, flow.department)
    assert task_name(page) == "LeaderSignOffTask"
    client.force_login(flow.leader)
    state = current_state(page)
    response = client.post(
        action_url(page, "approve", state), {"state_id": state.pk, "confirm": "on"}, **XHR
    )
    assert response.status_code == 403
    page = InfoPage.objects.get(pk=page.pk)
    assert not page.live
    assert task_name(page) == "LeaderSignOffTask"  # nothing was decided
