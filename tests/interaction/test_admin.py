"""The message admin: who may see and do what, checked server-side on every view."""

import pytest
from django.urls import reverse
from wagtail.models import ModelLogEntry

from tests.factories import PASSWORD
from wagtail_govinfo.interaction import handling
from wagtail_govinfo.interaction.models import CitizenMessage, MessageStatus

from .conftest import advance

pytestmark = pytest.mark.django_db


def url(name, message=None):
    return reverse(f"govinfo_messages:{name}", args=[message.pk] if message else [])


def login(client, user):
    assert client.login(username=user.username, password=PASSWORD)
    return client


def denied(response):
    """Wagtail's admin answers a PermissionDenied with a redirect to its home page and
    an error message (a 403 only to XHR)."""
    return response.status_code == 302 and response.url == reverse("wagtailadmin_home")


def refused(response):
    """Denied, or not even visible (404)."""
    return denied(response) or response.status_code == 404


def reload(message):
    return CitizenMessage.objects.get(pk=message.pk)


def actions(message):
    return list(
        ModelLogEntry.objects.for_instance(message).order_by("timestamp", "pk").values_list("action", flat=True)
    )


# ---------------------------------------------------------------------------
# The list and the message page


def test_operator_sees_every_message_with_filters(client, people, dept, make_message):
    received = make_message(subject="待审核留言")
    assigned = advance(make_message(subject="已分办留言"), people, dept, "assigned")
    login(client, people.operator)
    response = client.get(url("index"))
    assert response.status_code == 200
    content = response.content.decode()
    assert "待审核留言" in content and "已分办留言" in content
    filtered = client.get(url("index"), {"status": "assigned"}).content.decode()
    assert "已分办留言" in filtered and "待审核留言" not in filtered
    by_department = client.get(url("index"), {"department": dept.pk}).content.decode()
    assert "已分办留言" in by_department and "待审核留言" not in by_department
    assert client.get(url("detail", received)).status_code == 200
    assert client.get(url("detail", assigned)).status_code == 200


def test_overdue_filter(client, people, dept, make_message, time_machine):
    time_machine.move_to("2026-11-02 09:00 +08:00")
    late = advance(make_message(subject="逾期咨询"), people, dept, "assigned")
    time_machine.move_to("2026-11-16 09:00 +08:00")
    make_message(subject="新咨询")
    login(client, people.operator)
    overdue = client.get(url("index"), {"overdue": "true"}).content.decode()
    assert "逾期咨询" in overdue and "新咨询" not in overdue
    not_overdue = client.get(url("index"), {"overdue": "false"}).content.decode()
    assert "新咨询" in not_overdue and "逾期咨询" not in not_overdue
    assert late.is_overdue()


def test_department_members_see_only_their_assigned_messages(client, people, dept, other_dept, make_message):
    received = make_message(subject="待审核留言", requested_department=dept)
    mine = advance(make_message(subject="本部门留言"), people, dept, "assigned")
    theirs = make_message(subject="他部门留言")
    handling.accept(theirs, people.operator, public_subject="他部门留言", public_body="x", department=other_dept)

    login(client, people.editor)
    content = client.get(url("index")).content.decode()
    assert "本部门留言" in content
    assert "他部门留言" not in content and "待审核留言" not in content
    assert client.get(url("detail", mine)).status_code == 200
    assert client.get(url("detail", theirs)).status_code == 404
    assert client.get(url("detail", received)).status_code == 404


def test_sender_is_shown_to_operator_and_handling_department_only(client, people, dept, make_message):
    message = make_message(
        sender_name="王小明", sender_contact="wang@example.cn", body="我的身份证220302198506123419"
    )
    advance(message, people, dept, "assigned")
    for user, sees in ((people.operator, True), (people.editor, True), (people.auditor, False)):
        client.logout()
        content = login(client, user).get(url("detail", message)).content.decode()
        assert ("王小明" in content) is sees, user
        assert ("wang@example.cn" in content) is sees, user
        # Auditors read the original text masked.
        assert ("220302198506123419" in content) is sees, user


def test_lists_and_titles_show_the_subject_masked(client, people, make_message):
    make_message(subject="身份证220302198506123419的问题")
    login(client, people.operator)
    content = client.get(url("index")).content.decode()
    assert "身份证******************的问题" in content
    assert "220302198506123419" not in content


def test_users_without_a_role_are_kept_out(client, db, make_message):
    from tests.factories import user

    message = make_message()
    nobody = user("nobody", is_staff=True)
    from django.contrib.auth.models import Permission

    nobody.user_permissions.add(Permission.objects.get(codename="access_admin"))
    login(client, nobody)
    assert denied(client.get(url("index")))
    assert refused(client.get(url("detail", message)))
    client.logout()
    assert client.get(url("index")).status_code == 302  # to the login page


# ---------------------------------------------------------------------------
# Moderation (先审后发)


def test_operator_accepts_with_adjusted_masked_text_and_assigns(client, people, dept, make_message):
    message = make_message(body="我的身份证220302198506123419，电话13912345678，请帮忙。")
    login(client, people.operator)
    page = client.get(url("moderate", message))
    assert page.status_code == 200
    content = page.content.decode()
    # The screening findings are shown.
    assert 'id="govinfo-findings-heading"' in content
    assert {f.kind for f in page.context["findings"]} >= {"id_number", "mobile"}
    response = client.post(
        url("moderate", message),
        {
            "decision": "accept",
            "public_subject": "医保缴费咨询",
            "public_body": "我的身份证220302198506123419，电话13912345678，请帮忙（已调整）。",
            "department": dept.pk,
        },
    )
    assert response.status_code == 302
    message = reload(message)
    assert message.status == MessageStatus.ASSIGNED
    assert message.department == dept
    assert message.public_subject == "医保缴费咨询"
    assert message.public_body == "我的身份证******************，电话***********，请帮忙（已调整）。"
    assert message.moderated_by == people.operator
    assert message.body.startswith("我的身份证220302198506123419")  # the original is kept
    assert actions(message) == [handling.LOG_RECEIVED, handling.LOG_ACCEPTED, handling.LOG_ASSIGNED]


def test_acceptance_with_a_secrecy_marking_is_refused(client, people, make_message):
    message = make_message()
    login(client, people.operator)
    response = client.post(
        url("moderate", message),
        {"decision": "accept", "public_subject": "咨询", "public_body": "机密★5年 内容"},
    )
    assert response.status_code == 200
    assert response.context["form"].errors["public_body"]
    assert reload(message).status == MessageStatus.RECEIVED


def test_operator_rejects_with_a_reason(client, people, make_message):
    message = make_message()
    login(client, people.operator)
    response = client.post(url("moderate", message), {"decision": "reject", "rejection_reason": ""})
    assert response.status_code == 200 and response.context["form"].errors["rejection_reason"]
    response = client.post(url("moderate", message), {"decision": "reject", "rejection_reason": "广告"})
    assert response.status_code == 302
    message = reload(message)
    assert message.status == MessageStatus.REJECTED and message.rejection_reason == "广告"
    assert handling.LOG_REJECTED in actions(message)
    # A rejected message cannot be moderated again.
    response = client.post(url("moderate", message), {"decision": "accept", "public_subject": "a", "public_body": "b"})
    assert response.status_code == 302
    assert reload(message).status == MessageStatus.REJECTED


@pytest.mark.parametrize("who", ["editor", "reviewer", "leader", "auditor"])
def test_only_the_operator_moderates(client, people, dept, make_message, who):
    message = make_message()
    # Let department members see it, so that a refusal is about the role, not visibility.
    message.department = dept
    message.save()
    login(client, getattr(people, who))
    response = client.post(
        url("moderate", message), {"decision": "accept", "public_subject": "a", "public_body": "b"}
    )
    assert refused(response)
    assert reload(message).status == MessageStatus.RECEIVED


# ---------------------------------------------------------------------------
# Assignment


def test_operator_assigns_and_reassigns(client, people, dept, other_dept, make_message):
    message = advance(make_message(), people, dept, "accepted")
    login(client, people.operator)
    assert client.post(url("assign", message), {"department": dept.pk}).status_code == 302
    assert reload(message).department == dept
    assert client.post(url("assign", message), {"department": other_dept.pk}).status_code == 302
    message = reload(message)
    assert message.department == other_dept and message.status == MessageStatus.ASSIGNED
    entry = ModelLogEntry.objects.for_instance(message).filter(action=handling.LOG_ASSIGNED).latest("pk")
    assert "市发改委" in str(entry.message) and "市教育局" in str(entry.message)


def test_department_editor_cannot_assign(client, people, dept, other_dept, make_message):
    message = advance(make_message(), people, dept, "assigned")
    login(client, people.editor)
    assert denied(client.get(url("assign", message)))
    assert denied(client.post(url("assign", message), {"department": other_dept.pk}))
    assert reload(message).department == dept


# ---------------------------------------------------------------------------
# Reply: drafted by the handler, approved by another reviewer


def test_handler_drafts_and_reviewer_approves(client, people, dept, make_message):
    message = advance(make_message(), people, dept, "assigned")
    login(client, people.editor)
    response = client.post(url("reply", message), {"reply": "您好，请于12月前缴费。手机13912345678。"})
    assert response.status_code == 302
    message = reload(message)
    assert message.status == MessageStatus.REPLY_DRAFTED
    assert message.reply_drafted_by == people.editor
    assert message.reply == "您好，请于12月前缴费。手机***********。"

    client.logout()
    login(client, people.reviewer)
    assert client.get(url("review", message)).status_code == 200
    response = client.post(url("review", message), {"decision": "approve"})
    assert response.status_code == 302
    message = reload(message)
    assert message.status == MessageStatus.REPLY_APPROVED
    assert message.reply_approved_by == people.reviewer and message.answered_at is not None
    assert actions(message)[-2:] == [handling.LOG_REPLY_DRAFTED, handling.LOG_REPLY_APPROVED]


def test_handler_may_adjust_the_public_text_with_the_reply(client, people, dept, make_message):
    message = advance(make_message(), people, dept, "assigned")
    login(client, people.editor)
    client.post(
        url("reply", message),
        {"reply": "答复", "public_subject": "调整后的标题", "public_body": "调整后的正文"},
    )
    message = reload(message)
    assert (message.public_subject, message.public_body) == ("调整后的标题", "调整后的正文")


def test_the_drafter_cannot_approve_their_own_reply(client, people, dept, make_message):
    message = advance(make_message(), people, dept, "assigned")
    handling.draft_reply(message, people.both, reply="自己起草")
    login(client, people.both)
    detail = client.get(url("detail", message)).content.decode()
    assert url("review", message) not in detail
    assert denied(client.get(url("review", message)))
    assert denied(client.post(url("review", message), {"decision": "approve"}))
    assert reload(message).status == MessageStatus.REPLY_DRAFTED
    with pytest.raises(handling.PermissionDenied):
        handling.approve_reply(message, people.both)
    # Another reviewer may.
    client.logout()
    login(client, people.leader)
    assert client.post(url("review", message), {"decision": "approve"}).status_code == 302
    assert reload(message).reply_approved_by == people.leader


def test_a_person_with_both_roles_approves_what_someone_else_drafted(people, dept, make_message):
    message = advance(make_message(), people, dept, "reply_drafted")  # drafted by people.editor
    handling.approve_reply(message, people.both)
    assert reload(message).status == MessageStatus.REPLY_APPROVED


@pytest.mark.parametrize("who", ["reviewer", "leader", "operator", "auditor"])
def test_only_department_editors_draft_replies(client, people, dept, make_message, who):
    message = advance(make_message(), people, dept, "assigned")
    login(client, getattr(people, who))
    assert denied(client.post(url("reply", message), {"reply": "答复"}))
    assert reload(message).status == MessageStatus.ASSIGNED


def test_editors_of_another_department_cannot_reach_the_message(client, people, dept, make_message):
    message = advance(make_message(), people, dept, "reply_drafted")
    login(client, people.outsider)
    assert client.post(url("reply", message), {"reply": "答复"}).status_code == 404
    client.logout()
    login(client, people.outsider_reviewer)
    assert client.post(url("review", message), {"decision": "approve"}).status_code == 404
    assert reload(message).status == MessageStatus.REPLY_DRAFTED


@pytest.mark.parametrize("who", ["editor2", "operator", "auditor"])
def test_only_department_reviewers_and_leaders_approve(client, people, dept, make_message, who):
    message = advance(make_message(), people, dept, "reply_drafted")
    login(client, getattr(people, who))
    assert denied(client.post(url("review", message), {"decision": "approve"}))
    assert reload(message).status == MessageStatus.REPLY_DRAFTED


def test_reviewer_returns_the_reply_with_a_comment(client, people, dept, make_message):
    message = advance(make_message(), people, dept, "reply_drafted")
    login(client, people.reviewer)
    response = client.post(url("review", message), {"decision": "return", "comment": ""})
    assert response.status_code == 200 and response.context["form"].errors["comment"]
    response = client.post(url("review", message), {"decision": "return", "comment": "请补充办理地点"})
    assert response.status_code == 302
    message = reload(message)
    assert message.status == MessageStatus.ASSIGNED and message.review_comment == "请补充办理地点"
    assert actions(message)[-1] == handling.LOG_REPLY_RETURNED
    # The handler revises; the comment is shown to them.
    client.logout()
    login(client, people.editor)
    assert "请补充办理地点" in client.get(url("reply", message)).content.decode()
    client.post(url("reply", message), {"reply": "请到政务大厅3号窗口办理。"})
    assert reload(message).status == MessageStatus.REPLY_DRAFTED


# ---------------------------------------------------------------------------
# Publication


@pytest.mark.parametrize("who", ["operator", "reviewer", "leader"])
def test_approved_reply_is_published_by_operator_or_department_approvers(client, people, dept, make_message, who):
    message = advance(make_message(), people, dept, "reply_approved")
    login(client, getattr(people, who))
    assert client.get(url("publish", message)).status_code == 200
    assert client.post(url("publish", message)).status_code == 302
    message = reload(message)
    assert message.status == MessageStatus.PUBLISHED and message.published_at
    assert actions(message)[-1] == handling.LOG_PUBLISHED


@pytest.mark.parametrize("who", ["editor", "auditor", "outsider_reviewer"])
def test_others_cannot_publish(client, people, dept, make_message, who):
    message = advance(make_message(), people, dept, "reply_approved")
    login(client, getattr(people, who))
    assert refused(client.post(url("publish", message)))
    assert reload(message).status == MessageStatus.REPLY_APPROVED


def test_a_draft_cannot_be_published(client, people, dept, make_message):
    message = advance(make_message(), people, dept, "reply_drafted")
    login(client, people.operator)
    response = client.post(url("publish", message))
    assert response.status_code == 302 and response.url == url("detail", message)
    assert reload(message).status == MessageStatus.REPLY_DRAFTED
    with pytest.raises(handling.HandlingError):
        handling.publish(message, people.operator)


def test_history_is_shown_on_the_message_page(client, people, dept, make_message):
    message = advance(make_message(), people, dept, "published")
    login(client, people.operator)
    content = client.get(url("detail", message)).content.decode()
    for label in ("分办", "答复", "发布"):
        assert label in content
    assert len(actions(message)) == 6


def test_admin_pages_are_in_chinese(client, people, make_message):
    message = make_message()
    login(client, people.operator)
    content = client.get(url("index")).content.decode()
    assert "网民留言" in content
    assert "审核" in client.get(url("moderate", message)).content.decode()


def test_the_list_exports_without_personal_data(client, people, make_message):
    make_message(subject="身份证220302198506123419的问题", sender_name="王小明")
    login(client, people.operator)
    response = client.get(url("index"), {"export": "csv"})
    assert response.status_code == 200
    content = b"".join(response.streaming_content).decode("utf-8-sig")
    assert "身份证******************的问题" in content
    assert "220302198506123419" not in content and "王小明" not in content


def test_labels_keep_their_meaning_beside_the_core_catalog(client, people, dept, make_message):
    # Short labels carry a context: the core catalog's "Received" or "Handling department"
    # (other meanings there) must not replace this module's.
    advance(make_message(), people, dept, "assigned")
    login(client, people.operator)
    content = client.get(url("index")).content.decode()
    assert "承办单位" in content and "收到时间" in content
