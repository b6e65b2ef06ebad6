"""Roles cannot be escalated or left behind (issue 8), through the admin views.

The operator keeps ordinary staff accounts, departments and roles; it cannot create or
change a superuser, hand out groups beyond the operator's and auditor's, or set another
person's password. A moved or removed role and a deactivated department take the
editing rights away at once.
"""

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.urls import reverse

from tests import factories as f
from wagtail_govinfo.models import DepartmentRole, InfoPage, Role
from wagtail_govinfo.roles import auditor_group, editor_group_name
from wagtail_govinfo.user_administration import operator_assignable_group_names

pytestmark = pytest.mark.django_db

User = get_user_model()


def new_user_data(username="newbie", **extra):
    return {
        "username": username,
        "email": f"{username}@example.cn",
        "first_name": "新",
        "last_name": "人",
        "password1": "Very-l0ng-pass-phrase",
        "password2": "Very-l0ng-pass-phrase",
        **extra,
    }


def edit_data(user, **extra):
    data = {
        "username": user.username,
        "email": user.email or f"{user.username}@example.cn",
        "first_name": user.first_name or "名",
        "last_name": user.last_name or "姓",
        "is_active": "on",
        "password1": "",
        "password2": "",
        # What a browser posts: the ticked groups among those the form offers.
        "groups": [
            str(pk) for pk in user.groups.filter(name__in=operator_assignable_group_names()).values_list("pk", flat=True)
        ],
    }
    data.update(extra)
    return data


@pytest.fixture
def operator(setup_roles):
    return f.user(operator=True)


@pytest.fixture
def superuser(db):
    return User.objects.create_superuser("root", "root@example.cn", f.PASSWORD)


# --- no escalation ---------------------------------------------------------------------


def test_operator_creates_an_ordinary_staff_account(client, operator):
    client.force_login(operator)
    response = client.post(reverse("wagtailusers_users:add"), new_user_data())
    assert response.status_code == 302
    created = User.objects.get(username="newbie")
    assert not created.is_superuser


def test_operator_cannot_create_a_superuser(client, operator):
    client.force_login(operator)
    response = client.post(reverse("wagtailusers_users:add"), new_user_data(is_superuser="on"))
    assert response.status_code == 302
    assert not User.objects.filter(username="newbie").exists()
    messages = [str(m) for m in response.wsgi_request._messages]
    assert any("superuser" in m or "超级用户" in m for m in messages)


def test_superuser_still_creates_a_superuser(client, superuser):
    client.force_login(superuser)
    response = client.post(reverse("wagtailusers_users:add"), new_user_data(is_superuser="on"))
    assert response.status_code == 302
    assert User.objects.get(username="newbie").is_superuser


def test_operator_cannot_put_a_new_account_into_an_arbitrary_group(client, operator):
    moderators = Group.objects.get_or_create(name="Moderators")[0]
    client.force_login(operator)
    response = client.post(reverse("wagtailusers_users:add"), new_user_data(groups=[moderators.pk]))
    assert response.status_code == 302
    assert not User.objects.filter(username="newbie").exists()


def test_operator_may_make_someone_an_auditor(client, operator):
    client.force_login(operator)
    response = client.post(reverse("wagtailusers_users:add"), new_user_data(groups=[auditor_group().pk]))
    assert response.status_code == 302
    assert User.objects.get(username="newbie").groups.filter(pk=auditor_group().pk).exists()


def test_operator_cannot_edit_a_superuser_or_change_its_password(client, operator, superuser):
    client.force_login(operator)
    url = reverse("wagtailusers_users:edit", args=(superuser.pk,))
    assert client.get(url).status_code == 302
    response = client.post(url, edit_data(superuser, password1="Taken-0ver-now", password2="Taken-0ver-now"))
    assert response.status_code == 302
    superuser.refresh_from_db()
    assert superuser.check_password(f.PASSWORD)
    assert superuser.is_superuser and superuser.is_active


def test_operator_cannot_set_a_leaders_password(client, operator):
    leader = f.leader(f.department())
    client.force_login(operator)
    url = reverse("wagtailusers_users:edit", args=(leader.pk,))
    response = client.post(url, edit_data(leader, password1="Taken-0ver-now", password2="Taken-0ver-now"))
    assert response.status_code == 302
    leader.refresh_from_db()
    assert leader.check_password(f.PASSWORD)
    assert not leader.check_password("Taken-0ver-now")


def test_operator_edits_an_ordinary_account_without_a_password(client, operator):
    staff = f.reviewer(f.department())
    client.force_login(operator)
    url = reverse("wagtailusers_users:edit", args=(staff.pk,))
    response = client.post(url, edit_data(staff, first_name="改名"))
    assert response.status_code == 302
    staff.refresh_from_db()
    assert staff.first_name == "改名"
    assert staff.check_password(f.PASSWORD)


def test_operator_cannot_promote_an_account_to_superuser(client, operator):
    staff = f.editor(f.department())
    client.force_login(operator)
    url = reverse("wagtailusers_users:edit", args=(staff.pk,))
    client.post(url, edit_data(staff, is_superuser="on"))
    staff.refresh_from_db()
    assert not staff.is_superuser


def test_operator_cannot_hand_out_an_editors_group_by_hand(client, operator):
    ours, theirs = f.department("ours"), f.department("theirs")
    staff = f.editor(ours)
    their_editors = Group.objects.get(name=editor_group_name(theirs)) if Group.objects.filter(
        name=editor_group_name(theirs)).exists() else Group.objects.create(name=editor_group_name(theirs))
    client.force_login(operator)
    url = reverse("wagtailusers_users:edit", args=(staff.pk,))
    data = edit_data(staff)
    data["groups"] = data["groups"] + [str(their_editors.pk)]
    client.post(url, data)
    assert not staff.groups.filter(pk=their_editors.pk).exists()


def test_operator_cannot_bulk_assign_an_arbitrary_group_or_touch_a_superuser(client, operator, superuser):
    moderators = Group.objects.get_or_create(name="Moderators")[0]
    staff = f.editor(f.department())
    client.force_login(operator)
    base = reverse("wagtail_bulk_action", args=(User._meta.app_label, User._meta.model_name, "assign_role"))
    client.post(f"{base}?id={staff.pk}", {"role": moderators.pk})
    assert not staff.groups.filter(pk=moderators.pk).exists()

    deactivate = reverse(
        "wagtail_bulk_action", args=(User._meta.app_label, User._meta.model_name, "set_active_state")
    )
    client.post(f"{deactivate}?id={superuser.pk}", {"mark_as_active": False})
    superuser.refresh_from_db()
    assert superuser.is_active


# --- no rights left behind ---------------------------------------------------------------


def add_url(parent):
    return reverse("wagtailadmin_pages:add", args=("wagtail_govinfo", "infopage", parent.pk))


def page_data(department, title):
    return {
        "title": title,
        "slug": f"slug-{abs(hash(title)) % 100000}",
        "info_type": "text",
        "category": "department_news",
        "source_author": "作者",
        "written_on": "2026-11-01",
        "submitting_department": department.pk,
        "undertaking_unit": "",
        "remarks": "",
        "summary": "",
        "body-count": "0",
    }


def can_add(client, user, column, department, title):
    client.force_login(user)
    client.post(add_url(column), page_data(department, title))
    return InfoPage.objects.filter(title=title).exists()


@pytest.fixture
def desk(setup_roles):
    dept = f.department("desk")
    return {"dept": dept, "column": f.column(departments=[dept])}


def test_a_moved_role_takes_the_rights_from_the_former_holder(client, operator, desk):
    former, successor = f.editor(desk["dept"]), f.user()
    assert can_add(client, former, desk["column"], desk["dept"], "旧任之作")
    role = DepartmentRole.objects.get(user=former)

    client.force_login(operator)
    response = client.post(
        reverse("govinfo_department_roles:edit", args=(role.pk,)),
        {"department": desk["dept"].pk, "user": successor.pk, "role": Role.EDITOR},
    )
    assert response.status_code == 302
    former.refresh_from_db()

    assert not can_add(client, former, desk["column"], desk["dept"], "离任之后")
    assert can_add(client, successor, desk["column"], desk["dept"], "接任之作")
    old_page = InfoPage.objects.get(title="旧任之作")
    client.force_login(former)
    assert client.get(reverse("wagtailadmin_pages:edit", args=(old_page.pk,))).status_code in (302, 403)


def test_a_removed_role_takes_the_rights_away(client, operator, desk):
    former = f.editor(desk["dept"])
    role = DepartmentRole.objects.get(user=former)
    client.force_login(operator)
    response = client.post(reverse("govinfo_department_roles:delete", args=(role.pk,)))
    assert response.status_code == 302
    assert not DepartmentRole.objects.filter(pk=role.pk).exists()
    assert not can_add(client, former, desk["column"], desk["dept"], "无权之作")
    client.force_login(former)
    assert client.get(reverse("wagtailadmin_home")).status_code == 302  # no admin access left


def test_a_deactivated_department_takes_its_editors_rights_away_and_back(client, operator, desk):
    editor = f.editor(desk["dept"])
    dept = desk["dept"]
    url = reverse("govinfo_departments:edit", args=(dept.pk,))
    form = {"name": dept.name, "code": dept.code, "kind": dept.kind}

    client.force_login(operator)
    assert client.post(url, form).status_code == 302  # is_active unticked
    dept.refresh_from_db()
    assert not dept.is_active
    assert not can_add(client, editor, desk["column"], dept, "停用之后")

    client.force_login(operator)
    assert client.post(url, {**form, "is_active": "on"}).status_code == 302
    assert can_add(client, editor, desk["column"], dept, "恢复之后")


# --- the forms of GovInfoUsersAppConfig (used by the test settings) ---------------------


def test_the_operator_is_not_offered_superuser_other_groups_or_others_passwords(client, operator, superuser):
    moderators = Group.objects.get_or_create(name="Moderators")[0]
    staff = f.editor(f.department())
    client.force_login(operator)

    add_form = client.get(reverse("wagtailusers_users:add")).context["form"]
    assert "is_superuser" not in add_form.fields
    assert "password1" in add_form.fields  # an initial password for a new account
    assert moderators not in add_form.fields["groups"].queryset
    assert auditor_group() in add_form.fields["groups"].queryset

    edit_form = client.get(reverse("wagtailusers_users:edit", args=(staff.pk,))).context["form"]
    assert "is_superuser" not in edit_form.fields
    assert "password1" not in edit_form.fields

    own_form = client.get(reverse("wagtailusers_users:edit", args=(operator.pk,))).context["form"]
    assert "password1" in own_form.fields

    client.force_login(superuser)
    su_form = client.get(reverse("wagtailusers_users:add")).context["form"]
    assert "is_superuser" in su_form.fields and moderators in su_form.fields["groups"].queryset


def test_groups_not_offered_are_kept_when_the_operator_saves(client, operator):
    staff = f.editor(f.department())
    derived = set(staff.groups.values_list("name", flat=True))
    assert derived  # staff and editors groups from the role
    client.force_login(operator)
    data = edit_data(staff, groups=[str(auditor_group().pk)])
    # Only the offered groups are posted, as a browser does.
    response = client.post(reverse("wagtailusers_users:edit", args=(staff.pk,)), data)
    assert response.status_code == 302
    names = set(staff.groups.values_list("name", flat=True))
    assert names == derived | {auditor_group().name}
