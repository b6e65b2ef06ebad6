"""Both review steps on a snippet under Wagtail's snippet workflows."""

import pytest
from django.contrib.auth.models import Permission
from django.core import mail
from django.urls import reverse
from wagtail.models import ModelLogEntry, WorkflowContentType

from wagtail_govinfo.signals import submission_signed_off
from wagtail_govinfo.checklist import CHECKLIST_KEYS

from .conftest import VALID_ID, XHR
from .snippetapp.models import ReviewedNotice

pytestmark = pytest.mark.django_db


def url(name, *args):
    return reverse(ReviewedNotice.snippet_viewset.get_url_name(name), args=args)


def act(client, user, notice, action, data):
    client.force_login(user)
    state = notice.current_workflow_task_state
    response = client.post(url("workflow_action", notice.pk, action, state.pk), {"state_id": state.pk, **data}, **XHR)
    return response


@pytest.fixture
def notice(client, flow):
    flow.editor.user_permissions.add(
        *Permission.objects.filter(codename__in=["add_reviewednotice", "change_reviewednotice"])
    )
    client.force_login(flow.editor)
    mail.outbox.clear()
    response = client.post(
        url("add"),
        {"title": "停水通知", "body": f"联系人身份证号{VALID_ID}", "submitting_department": flow.department.pk, "action-submit": "1"},
    )
    assert response.status_code == 302
    return ReviewedNotice.objects.get(title="停水通知")


def test_setup_assigns_the_workflow_to_snippets_with_a_submitting_department(flow):
    assignment = WorkflowContentType.objects.get(content_type__model="reviewednotice")
    assert assignment.workflow.name == "政府网站信息发布流程"


@pytest.fixture
def signed():
    received = []
    submission_signed_off.connect(lambda **kw: received.append(kw), weak=False, dispatch_uid="snippet")
    yield received
    submission_signed_off.disconnect(dispatch_uid="snippet")


def test_a_snippet_goes_through_both_steps(client, flow, notice, signed):
    assert notice.current_workflow_task.specific_class.__name__ == "ConfidentialityReviewTask"
    assert sorted(a for m in mail.outbox for a in m.to) == ["reviewer2@example.cn", "reviewer@example.cn"]

    # Only the department's reviewers; the ID number blocks.
    assert act(client, flow.leader, notice, "approve", {"checklist": list(CHECKLIST_KEYS)}).status_code == 403
    client.force_login(flow.reviewer)
    state = notice.current_workflow_task_state
    html = client.get(url("workflow_action", notice.pk, "approve", state.pk), **XHR).json()["html"]
    assert 'data-kind="id_number"' in html
    answer = act(client, flow.reviewer, notice, "approve", {"checklist": list(CHECKLIST_KEYS)}).json()
    assert answer["step"] == "action"

    # Returned, masked, resubmitted, passed and signed.
    assert act(client, flow.reviewer, notice, "reject", {"reason": "请屏蔽身份证号。"}).json()["step"] == "success"
    client.force_login(flow.editor)
    response = client.post(
        url("edit", notice.pk),
        {"title": "停水通知", "body": "联系人身份证号" + "*" * 18, "submitting_department": flow.department.pk, "action-submit": "1"},
    )
    assert response.status_code == 302
    notice = ReviewedNotice.objects.get(pk=notice.pk)
    assert notice.current_workflow_task.specific_class.__name__ == "ConfidentialityReviewTask"
    assert act(client, flow.reviewer, notice, "approve", {"checklist": list(CHECKLIST_KEYS)}).json()["step"] == "success"
    notice = ReviewedNotice.objects.get(pk=notice.pk)
    assert notice.current_workflow_task.specific_class.__name__ == "LeaderSignOffTask"
    assert act(client, flow.reviewer, notice, "approve", {"confirm": "on"}).status_code == 403
    assert act(client, flow.leader, notice, "approve", {"confirm": "on"}).json()["step"] == "success"

    notice = ReviewedNotice.objects.get(pk=notice.pk)
    assert notice.live and notice.body.endswith("*" * 18)
    actions = set(ModelLogEntry.objects.filter(object_id=str(notice.pk)).values_list("action", flat=True))
    assert {"wagtail_govinfo.rejected", "wagtail_govinfo.confidentiality_approved", "wagtail_govinfo.signed_off"} <= actions
    # The package's signals (and so the ledgers) speak of pages only.
    assert signed == []


def test_a_snippet_under_the_review_cannot_be_published_directly(client, flow):
    from wagtail_govinfo.publication import PublicationRefused

    from .snippetapp.models import ReviewedNotice

    notice = ReviewedNotice(title="停水通知", body="明日停水。", submitting_department=flow.department, live=False)
    notice.save()
    with pytest.raises(PublicationRefused):
        notice.save_revision().publish()
    assert not ReviewedNotice.objects.get(pk=notice.pk).live
