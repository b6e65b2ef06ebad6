"""Column responsibility (第七、十、二十二条) enforced through Wagtail's own page permissions.

Each department has an editors group. A column (or topic) that names a department
gives that group ``add`` and ``change`` on the column's subtree, as GroupPagePermission
rows kept in step with the column's published departments. Everything Wagtail checks
(explorer, add, edit, API, bulk actions) then follows the same rule.
"""

from django.contrib.auth.models import Permission
from django.db import transaction
from wagtail.models import GroupPagePermission, PagePermissionTester

from .models.departments import Department, DepartmentRole, Role
from .roles import editor_group, editor_group_name, is_operator, staff_group

EDITOR_PAGE_PERMISSIONS = ("add_page", "change_page")


def _page_permissions(codenames):
    return list(
        Permission.objects.filter(content_type__app_label="wagtailcore", codename__in=codenames)
    )


@transaction.atomic
def sync_page_permissions(page, today=None):
    """Make the editors groups with rights on ``page`` exactly those of its active departments:
    ``add`` and ``change`` for the responsible departments, and ``add`` only (create,
    then edit their own pages) for a department holding an accepted out-of-scope request
    (第二十三条) on ``page`` that has not expired on ``today``."""
    from .scope_requests import granted_department_ids

    department_ids = page.responsible_department_ids()
    granted_ids = granted_department_ids(page, today=today) - set(department_ids)
    groups = {
        d.pk: editor_group(d).pk
        for d in Department.objects.filter(pk__in=set(department_ids) | granted_ids, is_active=True)
    }
    permissions = {p.codename: p for p in _page_permissions(EDITOR_PAGE_PERMISSIONS)}
    wanted = {
        (groups[d], permissions[codename].pk)
        for d in department_ids
        if d in groups
        for codename in EDITOR_PAGE_PERMISSIONS
    } | {(groups[d], permissions["add_page"].pk) for d in granted_ids if d in groups}
    all_editor_groups = {editor_group_name(d) for d in Department.objects.all()}
    existing = set(
        GroupPagePermission.objects.filter(
            page=page, group__name__in=all_editor_groups, permission__in=permissions.values()
        ).values_list("group_id", "permission_id")
    )
    for group_id, permission_id in existing - wanted:
        GroupPagePermission.objects.filter(
            page=page, group_id=group_id, permission_id=permission_id
        ).delete()
    GroupPagePermission.objects.bulk_create(
        [
            GroupPagePermission(group_id=group_id, page=page, permission_id=permission_id)
            for group_id, permission_id in wanted - existing
        ]
    )


def sync_user_groups(user):
    """Put ``user`` in the editors group of each active department where they are an
    editor, and in the staff group (admin access) while they hold any role in an active
    department; take them out of every other editors group."""
    roles = list(
        DepartmentRole.objects.filter(user=user, department__is_active=True).select_related("department")
    )
    wanted = {editor_group(r.department) for r in roles if r.role == Role.EDITOR}
    # The user's current editors groups, found by name in one query, not one per department.
    all_names = {editor_group_name(d) for d in Department.objects.all()}
    current = set(user.groups.filter(name__in=all_names))
    user.groups.remove(*(current - wanted))
    user.groups.add(*(wanted - current))
    if roles:
        user.groups.add(staff_group())
    else:
        user.groups.remove(staff_group())


def sync_department(department):
    """After a department changed (e.g. deactivated or reactivated): its members' groups
    and the page permissions of the columns and topics that name it follow at once."""
    from django.contrib.auth import get_user_model

    from .models.pages import ColumnPage, TopicPage

    users = get_user_model().objects.filter(govinfo_roles__department=department).distinct()
    for user in users:
        sync_user_groups(user)
    for page in ColumnPage.objects.filter(responsible_departments=department):
        sync_page_permissions(page)
    for page in TopicPage.objects.filter(owner_departments=department):
        sync_page_permissions(page)


class GovInfoPagePermissionTester(PagePermissionTester):
    """Wagtail's tester, answering ``can_delete`` for a leaf page without a query.

    For a user without publish rights (an editor), Wagtail asks the database whether the
    page's subtree holds a live page, for every row of the explorer (twice: the move and
    delete buttons). A leaf's subtree is the page itself, so the answer is on the page.
    """

    def can_delete(self, ignore_bulk=False):
        page = self.page
        if (
            not self.user.is_active
            or self.user.is_superuser
            or self.page_is_root
            or not page.is_leaf()
            or "publish" in self.permissions
        ):
            return super().can_delete(ignore_bulk=ignore_bulk)
        if "change" in self.permissions:
            return not page.live
        if "add" in self.permissions:
            return not page.live and page.owner_id == self.user.pk
        return False


class ColumnPermissionTester(GovInfoPagePermissionTester):
    """Editors add pages under a column, but the column itself is the operator's (第二十四条)."""

    def _operator(self):
        return self.user.is_active and is_operator(self.user)

    def can_edit(self):
        return self._operator() and super().can_edit()

    def can_delete(self, ignore_bulk=False):
        return self._operator() and super().can_delete(ignore_bulk=ignore_bulk)

    def can_unpublish(self):
        return self._operator() and super().can_unpublish()

    def can_move(self):
        return self._operator() and super().can_move()

    def can_copy(self):
        return self._operator() and super().can_copy()


class SignedContentPermissionTester(GovInfoPagePermissionTester):
    """A page under the publication gate: nobody publishes or unpublishes it through
    Wagtail's own views, whatever their role (superusers included). It goes live when
    the workflow finishes on a signed revision (or by emergency publication), and goes
    offline by 撤稿 with a reason (``withdrawal.py``). Built on
    :class:`GovInfoPagePermissionTester`, so the explorer still answers ``can_delete``
    for a leaf without a query per row."""

    def _gated(self):
        check = getattr(self.page, "requires_sign_off", None)
        return bool(check()) if callable(check) else False

    def can_publish(self):
        return not self._gated() and super().can_publish()

    def can_unpublish(self):
        return not self._gated() and super().can_unpublish()

    def can_publish_subpage(self):
        # Pages created or copied under a topic are content: the workflow publishes them.
        return False
