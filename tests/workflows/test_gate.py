"""The publication gate (issue 8): every path that could put content online, tried as
every role; only a doubly signed revision goes live, or an emergency publication with
its reason, ledger entry and retrospective workflow."""

import datetime

import pytest
from django.core import mail
from django.core.management import call_command
from django.test import override_settings
from django.urls import reverse
from django.utils import timezone
from wagtail.models import PageLogEntry, Revision, TaskState

from tests import factories as f
from wagtail_govinfo.ledger.models import PublicationKind, PublicationLedgerEntry, SubmissionLedgerEntry
from wagtail_govinfo.ledger.setup import setup_ledgers
from wagtail_govinfo.models import ColumnKind, InfoPage, Role, TopicPage
from wagtail_govinfo.publication import PublicationRefused, RevisionIsFrozen
from wagtail_govinfo.workflows.findings import fingerprint

from .conftest import (
    approve_review,
    current_state,
    page_data,
    sign_off,
    submit_new_page,
    task_name,
)

pytestmark = pytest.mark.django_db

ROLES = ("operator", "superuser", "editor", "reviewer", "leader", "principal", "auditor")


@pytest.fixture
def people(flow):
    setup_ledgers()
    flow.operator = f.user("operator", operator=True, first_name="运维", last_name="周")
    flow.superuser = f.user("root", is_superuser=True, is_staff=True)
    flow.principal = f.user("principal", roles=[(flow.department, Role.PRINCIPAL)])
    flow.auditor = f.user("auditor", auditor=True)
    return flow


def draft(people, title="市发改委召开重大项目推进会", summary="会议通报了全市重大项目建设进展。"):
    """An unreviewed draft of the department, written by its editor."""
    page = InfoPage(
        title=title, slug=f"p{abs(hash(title)) % 10**6}", source_author="李信息",
        written_on=datetime.date(2026, 11, 2), submitting_department=people.department,
        summary=summary, live=False, owner=people.editor,
    )
    people.column.add_child(instance=page)
    page.save_revision(user=people.editor)
    return InfoPage.objects.get(pk=page.pk)


def live_status(page):
    page = InfoPage.objects.get(pk=page.pk)
    return page.live, page.live_revision_id


# -- every path, every role ---------------------------------------------------------


@pytest.mark.parametrize("role", ROLES)
def test_no_path_puts_an_unsigned_revision_online_for_any_role(client, people, role):
    user = getattr(people, role)
    page = draft(people)
    client.force_login(user)

    # The editor's publish button: not offered, and refused when posted.
    response = client.get(reverse("wagtailadmin_pages:edit", args=[page.pk]))
    if response.status_code == 200:
        assert 'name="action-publish"' not in response.content.decode()
    data = {**page_data(people.department, slug=page.slug), "action-publish": "1"}
    client.post(reverse("wagtailadmin_pages:edit", args=[page.pk]), data)
    assert live_status(page) == (False, None)

    # Creating a page and publishing it in one go.
    add = reverse("wagtailadmin_pages:add", args=("wagtail_govinfo", "infopage", people.column.pk))
    client.post(add, {**page_data(people.department, title="新页面直接发布"), "action-publish": "1"})
    assert not InfoPage.objects.filter(title="新页面直接发布", live=True).exists()

    # Bulk publish.
    bulk = reverse("wagtail_bulk_action", args=("wagtailcore", "page", "publish")) + f"?id={page.pk}"
    client.post(bulk, {})
    assert live_status(page) == (False, None)

    # The admin API's publish action.
    client.post(f"/admin/api/main/pages/{page.pk}/action/publish/", {}, content_type="application/json")
    assert live_status(page) == (False, None)

    # Python code, with the user's name on it.
    with pytest.raises(PublicationRefused):
        page.get_latest_revision().publish(user=user, skip_permission_checks=True)
    assert live_status(page) == (False, None)


def test_python_code_cannot_publish_or_create_live_content(people):
    page = draft(people)
    with pytest.raises(PublicationRefused) as refused:
        page.save_revision().publish()
    assert "保密审核" in str(refused.value) or "confidentiality" in str(refused.value)
    # Created in code with Wagtail's default live=True: saved as a draft.
    people.column.add_child(
        instance=InfoPage(
            title="直接上线", slug="live-at-once", source_author="x",
            written_on=datetime.date(2026, 11, 2), submitting_department=people.department,
        )
    )
    assert not InfoPage.objects.get(slug="live-at-once").live
    # Setting live by hand is refused.
    page.live = True
    page.live_revision = page.get_latest_revision()
    with pytest.raises(PublicationRefused):
        page.save()


def test_only_the_doubly_signed_revision_goes_live(client, people):
    page = submit_new_page(client, people.editor, people.column, people.department)
    approve_review(client, people.reviewer, page)
    assert live_status(page) == (False, None)  # one signature is not enough
    revision = current_state(page).revision
    assert sign_off(client, people.leader, page)["step"] == "success"
    assert live_status(page) == (True, revision.pk)
    entry = PublicationLedgerEntry.objects.get(page_key=page.pk)
    assert entry.kind == PublicationKind.PUBLISH
    assert entry.reviewer_name == "王保密" and entry.leader_name == "赵分管"


def test_the_factory_publishes_through_the_real_workflow(people):
    page = f.publish(draft(people))
    assert page.live
    state = TaskState.objects.filter(revision_id=page.live_revision_id, status="approved")
    assert state.count() == 2
    assert SubmissionLedgerEntry.objects.filter(revision_key=page.live_revision_id).count() == 1


def test_scheduled_go_live_publishes_the_signed_revision_only(client, people):
    import time_machine

    go_live = timezone.localtime() + datetime.timedelta(days=2)
    page = submit_new_page(
        client, people.editor, people.column, people.department,
        go_live_at=go_live.strftime("%Y-%m-%d %H:%M"),
    )
    approve_review(client, people.reviewer, page)
    sign_off(client, people.leader, page)
    page = InfoPage.objects.get(pk=page.pk)
    assert not page.live
    signed = page.get_latest_revision()
    assert signed.approved_go_live_at is not None
    with time_machine.travel(signed.approved_go_live_at + datetime.timedelta(minutes=1), tick=False):
        call_command("publish_scheduled")
    page = InfoPage.objects.get(pk=page.pk)
    assert page.live and page.live_revision_id == signed.pk
    # An unsigned revision cannot even be scheduled.
    page.go_live_at = timezone.now() + datetime.timedelta(days=30)
    with pytest.raises(PublicationRefused):
        page.save_revision().publish()


def test_copy_does_not_publish_content(client, people):
    page = f.publish(draft(people))
    client.force_login(people.superuser)
    response = client.post(
        reverse("wagtailadmin_pages:copy", args=[page.pk]),
        {"new_title": "复制", "new_slug": "copied", "new_parent_page": people.column.pk, "publish_copies": "on"},
    )
    assert response.status_code == 302
    assert not InfoPage.objects.filter(slug="copied", live=True).exists()
    # Programmatic copy keeping the copy live is refused too.
    with pytest.raises(PublicationRefused):
        page.copy(update_attrs={"slug": "copied-2", "title": "复制2"}, keep_live=True)
    # Copying without publishing works: a draft to submit.
    copy = page.copy(update_attrs={"slug": "copied-3", "title": "复制3"}, keep_live=False)
    assert not copy.live


def test_revert_to_a_signed_revision_goes_through_the_workflow(client, people):
    page = f.publish(draft(people, summary="第一版。"))
    first = page.live_revision
    f.run_review(InfoPage.objects.get(pk=page.pk))  # a second signed version
    client.force_login(people.operator)
    url = reverse("wagtailadmin_pages:revisions_revert", args=[page.pk, first.pk])
    response = client.get(url)
    assert 'name="action-publish"' not in response.content.decode()
    data = {**page_data(people.department, slug=page.slug, summary="第一版。"), "action-publish": "1", "revision": first.pk}
    client.post(reverse("wagtailadmin_pages:edit", args=[page.pk]), data)
    page = InfoPage.objects.get(pk=page.pk)
    assert page.live_revision_id != first.pk  # still the second signed version


# -- signed means frozen ------------------------------------------------------------


def test_the_overwrite_attack_of_the_issue(client, people, django_capture_on_commit_callbacks):
    """An editor posts the edit form of a published page with overwrite_revision_id of
    the live revision; then the topic is revoked and restored."""
    topics = f.column(kind=ColumnKind.TOPIC, departments=[people.department])
    topic = f.topic(topics, owners=[people.department], title="营商环境专题")
    page = InfoPage(
        title="专题动态", slug="topic-news", source_author="李信息", written_on=datetime.date(2026, 11, 2),
        submitting_department=people.department, summary="已审核的内容。", live=False, owner=people.editor,
    )
    topic.add_child(instance=page)
    page = f.publish(page, submitter=people.editor)
    signed = page.live_revision
    signed_print = fingerprint(signed)
    Revision.objects.filter(pk=signed.pk).update(user=people.editor)  # the editor wrote it

    client.force_login(people.editor)
    data = page_data(people.department, title=page.title, slug=page.slug, summary="未经审核的内容。")
    data["overwrite_revision_id"] = signed.pk
    client.post(reverse("wagtailadmin_pages:edit", args=[page.pk]), data)

    signed.refresh_from_db()
    assert fingerprint(signed) == signed_print  # not overwritten
    assert signed.as_object().summary == "已审核的内容。"
    page = InfoPage.objects.get(pk=page.pk)
    assert page.get_latest_revision().pk != signed.pk  # the edit made a new revision
    assert page.live_revision_id == signed.pk

    # Saving the signed revision with other content is refused by the model itself.
    signed.content["summary"] = "改过"
    with pytest.raises(RevisionIsFrozen):
        signed.save()

    # Revoke and restore: what comes back online is what was signed.
    from wagtail_govinfo.lifecycle import TopicAction, last_update_of, restore_topic, revoke_topic

    with django_capture_on_commit_callbacks(execute=True):
        assert revoke_topic(TopicAction("revoke", topic.pk, topic.title, last_update_of(topic), 7), timezone.localdate())
    assert not InfoPage.objects.get(pk=page.pk).live
    with django_capture_on_commit_callbacks(execute=True):
        restore_topic(TopicPage.objects.get(pk=topic.pk), people.operator)
    page = InfoPage.objects.get(pk=page.pk)
    assert page.live and page.live_revision_id == signed.pk
    assert page.live_revision.as_object().summary == "已审核的内容。"


def test_topic_restore_sends_a_tampered_revision_through_the_workflow(people, django_capture_on_commit_callbacks):
    topics = f.column(kind=ColumnKind.TOPIC, departments=[people.department])
    topic = f.topic(topics, owners=[people.department], title="防汛专题")
    page = InfoPage(
        title="防汛动态", slug="flood-news", source_author="李信息", written_on=datetime.date(2026, 11, 2),
        submitting_department=people.department, summary="已审核。", live=False,
    )
    topic.add_child(instance=page)
    page = f.publish(page)
    signed = page.live_revision
    from wagtail_govinfo.lifecycle import TopicAction, last_update_of, restore_topic, revoke_topic

    with django_capture_on_commit_callbacks(execute=True):
        assert revoke_topic(TopicAction("revoke", topic.pk, topic.title, last_update_of(topic), 7), timezone.localdate())
    # Behind the model's back (SQL): the stored revision no longer holds what was signed.
    content = dict(signed.content, summary="被篡改。")
    Revision.objects.filter(pk=signed.pk).update(content=content)
    with django_capture_on_commit_callbacks(execute=True):
        restore_topic(TopicPage.objects.get(pk=topic.pk), people.operator)
    page = InfoPage.objects.get(pk=page.pk)
    assert not page.live
    assert task_name(page) == "ConfidentialityReviewTask"
    assert not PublicationLedgerEntry.objects.filter(
        page_key=page.pk, kind=PublicationKind.PUBLISH, reviewer_name="王保密", pk__gt=0
    ).exclude(revision_key=signed.pk).exists()


# -- emergency publication ----------------------------------------------------------


def emergency_url(page):
    return reverse("govinfo_workflows:emergency", args=[page.pk])


def test_emergency_publication_by_the_operator(client, people, django_capture_on_commit_callbacks):
    page = draft(people)
    revision = page.get_latest_revision()
    client.force_login(people.operator)
    edit = client.get(reverse("wagtailadmin_pages:edit", args=[page.pk])).content.decode()
    assert emergency_url(page) in edit
    response = client.post(emergency_url(page), {"reason": ""})
    assert response.status_code == 400 and "必须填写理由" in response.content.decode()
    assert live_status(page) == (False, None)

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(emergency_url(page), {"reason": "防汛紧急通知，须立即发布"})
    assert response.status_code == 302
    assert live_status(page) == (True, revision.pk)
    entry = PublicationLedgerEntry.objects.get(page_key=page.pk)
    assert entry.kind == PublicationKind.EMERGENCY
    assert "防汛紧急通知，须立即发布" in entry.remarks
    assert entry.publisher_name == "周运维"
    assert entry.reviewer_name == "" and entry.leader_name == ""
    assert PageLogEntry.objects.filter(page=page, action="wagtail_govinfo.emergency_published").exists()

    # 补审、补签 of the same revision started at once.
    assert task_name(page) == "ConfidentialityReviewTask"
    assert current_state(page).revision_id == revision.pk

    # It shows on the dashboard of the department (and the operator) until signed.
    client.force_login(people.leader)
    home = client.get(reverse("wagtailadmin_home")).content.decode()
    assert "govinfo-emergency-awaiting-sign-off" in home and page.title in home

    client.force_login(people.reviewer)
    approve_review(client, people.reviewer, page)
    with django_capture_on_commit_callbacks(execute=True):
        assert sign_off(client, people.leader, page)["step"] == "success"
    assert live_status(page) == (True, revision.pk)
    assert PublicationLedgerEntry.objects.filter(page_key=page.pk).count() == 1  # not republished
    assert SubmissionLedgerEntry.objects.filter(revision_key=revision.pk).count() == 1
    client.force_login(people.leader)
    home = client.get(reverse("wagtailadmin_home")).content.decode()
    assert "govinfo-emergency-awaiting-sign-off" not in home


def test_emergency_publication_still_screens(client, people):
    page = draft(people, summary="机密★1年\n关于防汛物资调拨的通知")
    client.force_login(people.operator)
    response = client.post(emergency_url(page), {"reason": "紧急"})
    assert response.status_code == 400
    assert live_status(page) == (False, None)
    assert not PublicationLedgerEntry.objects.filter(page_key=page.pk).exists()


@pytest.mark.parametrize("role", ["superuser", "editor", "reviewer", "leader", "principal", "auditor"])
def test_only_the_operator_publishes_in_an_emergency(client, people, role):
    page = draft(people)
    client.force_login(getattr(people, role))
    response = client.post(emergency_url(page), {"reason": "紧急"})
    if role == "superuser":  # a superuser counts as the platform operator
        assert live_status(page)[0]
    else:
        assert response.status_code == 302 and response.url == reverse("wagtailadmin_home")
        assert live_status(page) == (False, None)


def test_emergency_publication_can_be_switched_off(client, people):
    page = draft(people)
    client.force_login(people.operator)
    with override_settings(WAGTAIL_GOVINFO={"EMERGENCY_PUBLICATION": False}):
        edit = client.get(reverse("wagtailadmin_pages:edit", args=[page.pk])).content.decode()
        assert emergency_url(page) not in edit
        refused = client.post(emergency_url(page), {"reason": "紧急"})
        assert refused.status_code == 302 and refused.url == reverse("wagtailadmin_home")
    assert live_status(page) == (False, None)


def test_the_setting_is_type_checked():
    from wagtail_govinfo.checks import check_settings

    with override_settings(WAGTAIL_GOVINFO={"EMERGENCY_PUBLICATION": "yes"}):
        [error] = check_settings(None)
    assert error.id == "wagtail_govinfo.E003" and "EMERGENCY_PUBLICATION" in error.msg


def test_the_quarterly_report_counts_unsigned_emergency_publications(people):
    from wagtail_govinfo.ledger.govinfo_reports import publication_stats
    from wagtail_govinfo.workflows.emergency import emergency_publish

    page = draft(people)
    emergency_publish(page, people.operator, "紧急")
    now = timezone.now()
    stats = publication_stats(now - datetime.timedelta(days=1), now + datetime.timedelta(days=1))
    assert stats[people.department.pk]["emergency"] == 1
    assert stats[people.department.pk]["emergency_unsigned"] == 1


# -- each approval exactly once -----------------------------------------------------


def test_a_second_approval_of_a_decided_step_is_told_already_decided(client, people):
    page = submit_new_page(client, people.editor, people.column, people.department)
    state = current_state(page)
    approve_review(client, people.reviewer, page)
    # The second reviewer's action arrives for the step that is already decided.
    task = state.task.specific
    url = task.on_action(state, people.reviewer2, "approve", state_id=state.pk, checklist=[])
    assert url == reverse("govinfo_workflows:already_decided", args=[state.pk])
    client.force_login(people.reviewer2)
    response = client.get(url, follow=True)
    assert "已处理" in response.content.decode()  # the message, shown on the page it lands on
    # The review and the sign-off (a 复核 step with nothing to re-check is skipped).
    assert TaskState.objects.filter(workflow_state=state.workflow_state).exclude(status=TaskState.STATUS_SKIPPED).count() == 2
    assert PageLogEntry.objects.filter(page=page, action="wagtail_govinfo.confidentiality_approved").count() == 1


# -- 撤稿 by the responsible department ---------------------------------------------


def withdraw_url(page):
    return reverse("govinfo_checks:withdraw", args=[page.pk])


@pytest.mark.parametrize("role", ["leader", "principal", "operator"])
def test_the_responsible_department_withdraws_with_a_reason(client, people, role, django_capture_on_commit_callbacks):
    page = f.publish(draft(people))
    user = getattr(people, role)
    client.force_login(user)
    if role == "operator":  # offered among the editor's header actions
        assert withdraw_url(page) in client.get(reverse("wagtailadmin_pages:edit", args=[page.pk])).content.decode()
    else:  # leaders cannot open the editor of a published page: their dashboard offers it
        assert withdraw_url(page) in client.get(reverse("wagtailadmin_home")).content.decode()
    assert client.get(withdraw_url(page)).status_code == 200
    assert client.post(withdraw_url(page), {"reason": " "}).status_code == 400
    assert InfoPage.objects.get(pk=page.pk).live
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        assert client.post(withdraw_url(page), {"reason": "数据有误，需更正"}).status_code == 302
    assert not InfoPage.objects.get(pk=page.pk).live
    entry = PublicationLedgerEntry.objects.filter(page_key=page.pk).order_by("-pk").first()
    assert entry.kind == PublicationKind.WITHDRAW and "数据有误，需更正" in entry.remarks
    assert PublicationLedgerEntry.objects.filter(page_key=page.pk, kind=PublicationKind.UNPUBLISH).count() == 0
    log = PageLogEntry.objects.get(page=page, action="wagtail_govinfo.withdrawn")
    assert log.data["reason"] == "数据有误，需更正" and log.user == user
    assert [m.to for m in mail.outbox] == [["editor@example.cn"]]


@pytest.mark.parametrize("role", ["editor", "reviewer", "auditor", "outsider_leader"])
def test_others_cannot_withdraw(client, people, role):
    page = f.publish(draft(people))
    client.force_login(getattr(people, role))
    refused = client.post(withdraw_url(page), {"reason": "想撤"})
    assert refused.status_code == 302 and refused.url == reverse("wagtailadmin_home")  # admin's "denied"
    assert InfoPage.objects.get(pk=page.pk).live
    # Wagtail's own unpublish (no reason) is not offered either.
    client.post(reverse("wagtailadmin_pages:unpublish", args=[page.pk]))
    assert InfoPage.objects.get(pk=page.pk).live


def test_wagtails_unpublish_without_a_reason_is_not_offered_even_to_the_operator(client, people):
    page = f.publish(draft(people))
    client.force_login(people.operator)
    client.post(reverse("wagtailadmin_pages:unpublish", args=[page.pk]))
    assert InfoPage.objects.get(pk=page.pk).live


# -- columns come from the operator -------------------------------------------------


@pytest.mark.parametrize("model", ["columnpage", "topicpage"])
def test_editors_cannot_create_columns_or_topics(client, people, model):
    parent = people.column
    if model == "topicpage":
        parent = f.column(kind=ColumnKind.TOPIC, departments=[people.department])
    client.force_login(people.editor)
    url = reverse("wagtailadmin_pages:add", args=("wagtail_govinfo", model, parent.pk))
    response = client.post(url, {"title": "子栏目", "slug": "sub", "action-publish": "1"})
    assert response.status_code == 302
    assert not TopicPage.objects.filter(slug="sub").exists()
    from wagtail_govinfo.models import ColumnPage

    assert not ColumnPage.objects.filter(slug="sub").exists()
    # Pages under the column remain the editor's to create.
    add = reverse("wagtailadmin_pages:add", args=("wagtail_govinfo", "infopage", people.column.pk))
    assert client.get(add).status_code == 200
