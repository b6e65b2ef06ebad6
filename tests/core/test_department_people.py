"""A department's page shows its people by role; the role form finds people by name (issue 10)."""

import re

import pytest
from django.urls import reverse
from django.utils import translation

from tests import factories as f
from wagtail_govinfo.models import DepartmentRole, Role

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def chinese():
    with translation.override("zh-hans"):
        yield


@pytest.fixture
def department(setup_roles):
    dept = f.department("slj", "市水利局")
    f.editor(dept, username="lixx", first_name="信息", last_name="李")
    f.editor(dept, username="zhouxx", first_name="小小", last_name="周")
    f.reviewer(dept, username="wangbm", first_name="保密", last_name="王")
    f.leader(dept, username="zhaofg", first_name="分管", last_name="赵")
    f.editor(f.department("fgw", "市发改委"), username="outsider", first_name="外人", last_name="钱")
    return dept


def row(html, role):
    match = re.search(rf'<tr data-govinfo-role="{role}">(.*?)</tr>', html, re.S)
    assert match, role
    return match.group(1)


def people_in(html, role):
    return re.findall(r'data-govinfo-person="(\w+)">\s*<a [^>]*>([^<]+)</a>', row(html, role))


def test_the_department_page_shows_its_people_by_role(client, department):
    client.force_login(f.user(operator=True))
    html = client.get(reverse("govinfo_departments:edit", args=(department.pk,))).content.decode()
    assert "人员与角色" in html
    assert sorted(people_in(html, "editor")) == [("lixx", "李信息"), ("zhouxx", "周小小")]
    assert people_in(html, "reviewer") == [("wangbm", "王保密")]
    assert people_in(html, "leader") == [("zhaofg", "赵分管")]
    assert people_in(html, "principal") == []
    assert "尚无人员" in row(html, "principal")
    for label in ("信息员", "保密审核人", "分管负责人", "主要负责人"):
        assert label in html
    assert "outsider" not in html and "钱外人" not in html
    # Each role row adds a person to this department in that role.
    add = reverse("govinfo_department_roles:add") + f"?department={department.pk}&amp;role=principal"
    assert add in row(html, "principal")


def test_adding_a_role_from_the_department_page(client, department):
    operator = f.user(operator=True)
    client.force_login(operator)
    add = reverse("govinfo_department_roles:add") + f"?department={department.pk}&role=principal"
    response = client.get(add)
    form = response.context["form"]
    # The form posts back to where it came from.
    assert f'action="{reverse("govinfo_department_roles:add")}?department={department.pk}"' in response.content.decode()
    assert form.initial["department"] == department.pk and form.initial["role"] == "principal"
    person = f.user(username="sunzy", first_name="主要", last_name="孙")
    response = client.post(add, {"department": department.pk, "user": person.pk, "role": "principal"})
    assert response.status_code == 302
    assert response.url == reverse("govinfo_departments:edit", args=(department.pk,))
    assert DepartmentRole.objects.filter(user=person, department=department, role=Role.PRINCIPAL).exists()
    html = client.get(response.url).content.decode()
    assert people_in(html, "principal") == [("sunzy", "孙主要")]


def test_the_role_form_finds_people_by_name(client, department):
    client.force_login(f.user(operator=True, username="op"))
    html = client.get(reverse("govinfo_department_roles:add")).content.decode()
    # A chooser, not a bare list of usernames.
    choose = reverse("govinfo_person_chooser:choose")
    assert choose in html
    assert "<option" not in re.search(r'name="user".*?>', html, re.S).group(0) or 'type="hidden"' in html

    def found(query):
        response = client.get(reverse("govinfo_person_chooser:choose_results"), {"q": query})
        assert response.status_code == 200
        return re.findall(r"data-chooser-modal-choice[^>]*>\s*([^<]+?)\s*<", response.content.decode())

    assert found("王保密") == ["王保密"]     # the whole name, family name first
    assert found("保密") == ["王保密"]       # the given name
    assert found("李") == ["李信息"]         # the family name
    assert found("zhou") == ["周小小"]       # the username
    assert found("保密 王") == ["王保密"]    # Wagtail's order still finds
    assert found("nobody-like-this") == []
    # The chosen person reads 王保密（wangbm） in the form.
    wang = DepartmentRole.objects.get(role=Role.REVIEWER).user
    chosen = client.get(reverse("govinfo_person_chooser:chosen", args=(wang.pk,))).json()
    assert chosen["result"]["title"] == "王保密（wangbm）"


def test_editing_a_role_shows_the_person_by_name(client, department):
    client.force_login(f.user(operator=True))
    role = DepartmentRole.objects.get(role=Role.REVIEWER)
    html = client.get(reverse("govinfo_department_roles:edit", args=(role.pk,))).content.decode()
    assert "王保密（wangbm）" in html


def test_only_the_operator_lists_people(client, department):
    client.force_login(DepartmentRole.objects.get(role=Role.LEADER).user)
    response = client.get(reverse("govinfo_person_chooser:choose_results"), {"q": "王"})
    assert response.status_code == 302 and response.url == reverse("wagtailadmin_home")
