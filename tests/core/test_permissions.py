"""Column responsibility (第七、十、二十二条) through the admin views, for every role."""

import pytest
from django.urls import reverse

from tests import factories as f
from wagtail_govinfo.models import DepartmentRole, InfoPage, Role

pytestmark = pytest.mark.django_db


@pytest.fixture
def tree(setup_roles):
    ours, theirs = f.department("ours"), f.department("theirs")
    return {
        "ours": ours,
        "theirs": theirs,
        "our_column": f.column(departments=[ours]),
        "their_column": f.column(departments=[theirs]),
    }


def add_url(parent):
    return reverse("wagtailadmin_pages:add", args=("wagtail_govinfo", "infopage", parent.pk))


def edit_url(page):
    return reverse("wagtailadmin_pages:edit", args=(page.pk,))


def post_data(department, title="新信息"):
    return {
        "title": title,
        "slug": "new-info-" + str(abs(hash(title)) % 10000),
        "info_type": "text",
        "category": "department_news",
        "source_author": "作者",
        "written_on": "2026-11-01",
        "submitting_department": department.pk if department else "",
        "undertaking_unit": "",
        "remarks": "",
        "summary": "",
        "body-count": "0",
    }


def test_editor_can_add_under_own_column_and_department_is_recorded(client, tree):
    editor = f.editor(tree["ours"])
    client.force_login(editor)
    assert client.get(add_url(tree["our_column"])).status_code == 200
    response = client.post(add_url(tree["our_column"]), post_data(tree["ours"]))
    assert response.status_code == 302, response.context["form"].errors if response.context else ""
    page = InfoPage.objects.get(title="新信息")
    assert page.submitting_department == tree["ours"]
    assert page.get_parent().pk == tree["our_column"].pk
    assert page.owner == editor


def test_editor_is_refused_under_other_departments_column(client, tree):
    client.force_login(f.editor(tree["ours"]))
    assert client.get(add_url(tree["their_column"])).status_code in (302, 403)
    response = client.post(add_url(tree["their_column"]), post_data(tree["ours"]))
    assert response.status_code in (302, 403)
    assert not InfoPage.objects.filter(title="新信息").exists()


def test_editor_cannot_edit_pages_of_other_columns(client, tree):
    page = f.info_page(tree["their_column"], department=tree["theirs"])
    client.force_login(f.editor(tree["ours"]))
    response = client.post(edit_url(page), post_data(tree["ours"], title="改过"))
    assert response.status_code in (302, 403)
    page.refresh_from_db()
    assert page.title != "改过"
    assert page.get_latest_revision().content["title"] != "改过"


def test_editor_cannot_edit_the_column_itself(client, tree):
    client.force_login(f.editor(tree["ours"]))
    assert client.get(edit_url(tree["our_column"])).status_code in (302, 403)


def test_editor_may_not_claim_a_department_of_someone_else(client, tree):
    both = f.department("both")
    tree["our_column"].responsible_departments.add(both)
    f.publish(tree["our_column"])
    editor = f.user(roles=[(tree["ours"], Role.EDITOR), (tree["theirs"], Role.EDITOR)])
    client.force_login(editor)
    response = client.post(add_url(tree["our_column"]), post_data(tree["theirs"]))
    assert response.status_code == 200
    assert "submitting_department" in response.context["form"].errors
    assert not InfoPage.objects.filter(title="新信息").exists()


def test_editor_with_several_departments_chooses(client, tree):
    tree["our_column"].responsible_departments.add(tree["theirs"])
    f.publish(tree["our_column"])
    editor = f.user(roles=[(tree["ours"], Role.EDITOR), (tree["theirs"], Role.EDITOR)])
    client.force_login(editor)
    form = client.get(add_url(tree["our_column"])).context["form"]
    assert set(form.fields["submitting_department"].queryset) == {tree["ours"], tree["theirs"]}
    response = client.post(add_url(tree["our_column"]), post_data(tree["theirs"]))
    assert response.status_code == 302
    assert InfoPage.objects.get(title="新信息").submitting_department == tree["theirs"]


def test_explorer_offers_add_only_where_allowed(client, tree):
    client.force_login(f.editor(tree["ours"]))
    our = client.get(reverse("wagtailadmin_explore", args=(tree["our_column"].pk,)))
    assert our.status_code == 200
    assert add_url(tree["our_column"]).split("infopage")[0] in our.content.decode() or \
        reverse("wagtailadmin_pages:add_subpage", args=(tree["our_column"].pk,)) in our.content.decode()
    theirs = client.get(reverse("wagtailadmin_explore", args=(tree["their_column"].pk,)))
    assert reverse("wagtailadmin_pages:add_subpage", args=(tree["their_column"].pk,)) not in theirs.content.decode()


def test_changing_column_departments_moves_the_right(client, tree):
    editor = f.editor(tree["ours"])
    column = tree["their_column"]
    column.responsible_departments.set([tree["ours"]])
    f.publish(column)
    client.force_login(editor)
    assert client.get(add_url(column)).status_code == 200
    column.responsible_departments.set([tree["theirs"]])
    f.publish(column)
    assert client.get(add_url(column)).status_code in (302, 403)


def test_removing_the_role_removes_the_right(client, tree):
    editor = f.editor(tree["ours"])
    client.force_login(editor)
    assert client.get(add_url(tree["our_column"])).status_code == 200
    editor.govinfo_roles.all().delete()
    assert client.get(add_url(tree["our_column"])).status_code in (302, 403)


def test_topic_owners_may_add_under_their_topic(client, tree):
    topics = f.column(kind="topic", departments=[tree["theirs"]])
    topic = f.topic(topics, owners=[tree["ours"]])
    client.force_login(f.editor(tree["ours"]))
    assert client.get(add_url(topic)).status_code == 200
    assert client.get(add_url(topics)).status_code in (302, 403)


@pytest.mark.parametrize("role", [Role.REVIEWER, Role.LEADER, Role.PRINCIPAL])
def test_other_roles_reach_the_admin_but_cannot_add_pages(client, tree, role):
    client.force_login(f.user(roles=[(tree["ours"], role)]))
    assert client.get(reverse("wagtailadmin_home")).status_code == 200
    assert client.get(add_url(tree["our_column"])).status_code in (302, 403)


def test_operator_may_add_and_edit_everywhere(client, tree):
    client.force_login(f.user(operator=True))
    for column in (tree["our_column"], tree["their_column"]):
        assert client.get(add_url(column)).status_code == 200
        assert client.get(edit_url(column)).status_code == 200
    response = client.post(add_url(tree["their_column"]), post_data(tree["ours"]))
    assert response.status_code == 302


def test_auditor_reaches_the_admin_but_cannot_add(client, tree):
    client.force_login(f.user(auditor=True))
    assert client.get(reverse("wagtailadmin_home")).status_code == 200
    assert client.get(add_url(tree["our_column"])).status_code in (302, 403)


def test_user_without_roles_cannot_reach_the_admin(client, tree):
    client.force_login(f.user())
    assert client.get(reverse("wagtailadmin_home")).status_code == 302


def test_operator_manages_departments_and_roles_editor_does_not(client, tree):
    operator = f.user(operator=True)
    client.force_login(operator)
    response = client.post(
        reverse("govinfo_departments:add"), {"name": "市审计局", "code": "sjj", "kind": "bureau", "is_active": "on"}
    )
    assert response.status_code == 302
    client.force_login(f.editor(tree["ours"]))
    assert client.get(reverse("govinfo_departments:add")).status_code in (302, 403)
    assert client.get(reverse("govinfo_department_roles:index")).status_code in (302, 403)


def test_department_code_is_validated(client, tree):
    client.force_login(f.user(operator=True))
    response = client.post(
        reverse("govinfo_departments:add"), {"name": "坏", "code": "Bad Code!", "kind": "bureau"}
    )
    assert response.status_code == 200
    assert "code" in response.context["form"].errors


def test_explorer_lists_only_the_editors_columns(client, tree):
    client.force_login(f.editor(tree["ours"]))
    root = f.site_root()
    html = client.get(reverse("wagtailadmin_explore", args=(root.pk,)), follow=True).content.decode()
    assert tree["our_column"].title in html
    assert tree["their_column"].title not in html


def test_the_role_form_lists_people_by_name(client, setup_roles):
    from django.urls import reverse

    from tests import factories as f

    wang = f.user(username="wangbm", first_name="保密", last_name="王")
    client.force_login(f.user(operator=True, username="op"))
    # The add form finds people through a chooser searching names (tests/core/test_department_people.py);
    # a role already held shows its person by name.
    role = DepartmentRole.objects.create(user=wang, department=f.department("slj"), role=Role.REVIEWER)
    html = client.get(reverse("govinfo_department_roles:edit", args=(role.pk,))).content.decode()
    assert "王保密（wangbm）" in html
