"""A refused admin action says why in one sentence (issue 10), through the admin views."""

import pytest
from django.urls import reverse
from django.utils import translation

from tests import factories as f
from wagtail_govinfo.models import Role

pytestmark = pytest.mark.django_db

GENERIC = "你没有权限访问"


@pytest.fixture(autouse=True)
def chinese():
    with translation.override("zh-hans"):
        yield


@pytest.fixture
def tree(setup_roles):
    ours, theirs = f.department("ours", "市发改委"), f.department("slj", "市水利局")
    return {
        "ours": ours,
        "theirs": theirs,
        "our_column": f.column(departments=[ours], title="动态要闻"),
        "their_column": f.column(departments=[theirs], title="通知公告"),
    }


def messages_after(client, url, method="get", **data):
    response = getattr(client, method)(url, data, HTTP_ACCEPT_LANGUAGE="zh-hans")
    assert response.status_code == 302, response.status_code
    return response, queued(response)


def queued(response):
    """The messages this response added (not those left by earlier requests)."""
    return [str(m.message).strip() for m in response.wsgi_request._messages._queued_messages]


def add_url(parent):
    return reverse("wagtailadmin_pages:add", args=("wagtail_govinfo", "infopage", parent.pk))


def test_adding_under_another_departments_column_names_the_department(client, tree):
    client.force_login(f.editor(tree["ours"]))
    for url in (add_url(tree["their_column"]), reverse("wagtailadmin_pages:add_subpage", args=(tree["their_column"].pk,))):
        response, messages = messages_after(client, url)
        assert response.url == reverse("wagtailadmin_home")
        assert messages == ["栏目「通知公告」属于市水利局，你所在部门无权在此栏目发布信息。"]


def test_editing_a_page_of_another_departments_column(client, tree):
    page = f.info_page(tree["their_column"], department=tree["theirs"], title="防汛通知")
    client.force_login(f.editor(tree["ours"]))
    _, messages = messages_after(client, reverse("wagtailadmin_pages:edit", args=(page.pk,)))
    assert messages == ["栏目「通知公告」属于市水利局，你所在部门无权修改其中的信息。"]


def test_editing_the_column_itself_says_it_is_the_operators(client, tree):
    client.force_login(f.editor(tree["ours"]))
    _, messages = messages_after(client, reverse("wagtailadmin_pages:edit", args=(tree["our_column"].pk,)))
    assert messages == ["栏目「动态要闻」本身由平台运营人员维护；你可以在栏目下新建信息。"]


def test_a_topic_of_another_department_says_topic(client, tree):
    topic = f.topic(tree["their_column"], owners=[tree["theirs"]], title="防汛专题")
    client.force_login(f.editor(tree["ours"]))
    _, messages = messages_after(client, reverse("wagtailadmin_pages:add_subpage", args=(topic.pk,)))
    assert messages == ["专题「防汛专题」属于市水利局，你所在部门无权在此栏目发布信息。"]


def test_a_reviewer_without_the_editor_role_is_told_so(client, tree):
    client.force_login(f.reviewer(tree["ours"]))
    _, messages = messages_after(client, add_url(tree["our_column"]))
    assert messages == ["你的角色是保密审核人，不是信息员：只有负责部门的信息员才能在这里新建或修改信息。"]


def test_department_deactivated(client, tree):
    editor = f.editor(tree["ours"])
    tree["ours"].is_active = False
    tree["ours"].save()
    client.force_login(editor)
    response = client.get(add_url(tree["our_column"]), HTTP_ACCEPT_LANGUAGE="zh-hans")
    assert response.status_code == 302
    assert queued(response) == [
        "你所在的部门市发改委已停用，你的账号暂时不能进入管理后台；如有疑问请联系平台运营人员。"
    ]


def test_an_unrelated_refusal_keeps_the_generic_message_and_is_still_refused(client, tree):
    """The middleware words refusals; it never turns one into a success."""
    editor = f.editor(tree["ours"])
    client.force_login(editor)
    response = client.get(reverse("wagtailadmin_pages:add_subpage", args=(tree["our_column"].pk,)))
    # Allowed: no refusal at all (the page-type chooser or the form).
    assert response.status_code in (200, 302)
    assert not any(GENERIC in m for m in queued(response))
    # Refused for a reason the middleware has no wording for: Wagtail's message stays.
    response = client.get(reverse("wagtailadmin_pages:delete", args=(f.site_root().pk,)))
    assert response.status_code == 302
    assert any(GENERIC in m for m in queued(response)), queued(response)


def test_reviewer_of_another_department_opening_a_review(client, tree):
    from wagtail_govinfo.workflows.setup import setup_workflow

    from tests.workflows.conftest import submit_new_page

    setup_workflow()
    editor = f.editor(tree["ours"], first_name="信息", last_name="李")
    f.reviewer(tree["ours"])
    page = submit_new_page(client, editor, tree["our_column"], tree["ours"], title="重大项目推进会")
    assert page.current_workflow_task_state is not None
    client.force_login(f.reviewer(tree["theirs"]))
    _, messages = messages_after(client, reverse("wagtailadmin_pages:edit", args=(page.pk,)))
    task = page.current_workflow_task_state.task
    assert messages == [
        f"「重大项目推进会」正处于市发改委的「{task.name}」步骤：只有市发改委的保密审核人可以处理，你不是。"
    ]


def test_the_refusal_stays_a_refusal(client, tree):
    client.force_login(f.editor(tree["ours"]))
    response = client.post(add_url(tree["their_column"]), {"title": "x"})
    assert response.status_code == 302
    assert not tree["their_column"].get_children().exists()


def test_the_operator_and_auditors_are_not_told_they_hold_no_role(client, tree):
    client.force_login(f.user(auditor=True))
    _, messages = messages_after(client, add_url(tree["our_column"]))
    assert messages == ["审计人员查阅和导出记录，不能新建或修改信息。"]
    # The operator may do everything this test reaches; a refusal for a page nobody may
    # delete (the site root) keeps Wagtail's wording rather than a wrong reason.
    client.force_login(f.user(operator=True))
    response = client.get(reverse("wagtailadmin_pages:delete", args=(f.site_root().pk,)))
    if response.status_code == 302 and response.url == reverse("wagtailadmin_home"):
        assert not any("角色" in m for m in queued(response))


def test_a_user_without_any_role(client, tree):
    nobody = f.user()
    from wagtail_govinfo.roles import staff_group

    nobody.groups.add(staff_group())  # admin access, but no department role
    client.force_login(nobody)
    _, messages = messages_after(client, add_url(tree["our_column"]))
    assert messages == ["你还没有在任何部门担任角色，暂时不能办理此事项；请平台运营人员在「部门角色」中为你分配角色。"]
