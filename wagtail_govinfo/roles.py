"""Who holds which role: the role groups and the questions the rest of the package asks."""

from django.contrib.auth.models import Group

from .conf import govinfo_settings
from .models.departments import Department, DepartmentRole, Role


def operator_group():
    group, _ = Group.objects.get_or_create(name=govinfo_settings.OPERATOR_GROUP)
    return group


def auditor_group():
    group, _ = Group.objects.get_or_create(name=govinfo_settings.AUDITOR_GROUP)
    return group


def staff_group():
    group, _ = Group.objects.get_or_create(name=govinfo_settings.STAFF_GROUP)
    return group


def editor_group_name(department):
    return govinfo_settings.EDITOR_GROUP_FORMAT.format(code=department.code)


def editor_group(department):
    group, _ = Group.objects.get_or_create(name=editor_group_name(department))
    return group


def is_operator(user):
    """The platform operator (市政数局) may act everywhere."""
    if not user.is_authenticated:
        return False
    return user.is_superuser or user.groups.filter(name=govinfo_settings.OPERATOR_GROUP).exists()


def is_auditor(user):
    return user.is_authenticated and user.groups.filter(name=govinfo_settings.AUDITOR_GROUP).exists()


def has_role(user, department, role):
    if not user.is_authenticated or department is None:
        return False
    return DepartmentRole.objects.filter(
        user=user, department=department, role=role, user__is_active=True
    ).exists()


def editor_departments_for(user, column):
    """Departments for which ``user`` may submit under ``column`` (page or None)."""
    departments = Department.objects.for_user(user, Role.EDITOR)
    responsible = _responsible_ids(column)
    if responsible is None:
        return departments
    from .scope_requests import granted_department_ids  # 第二十三条

    return departments.filter(pk__in=set(responsible) | granted_department_ids(column))


def _responsible_ids(page):
    """Departments responsible for ``page``: the nearest column or topic above it that names any."""
    if page is None:
        return None
    for ancestor in reversed(list(page.get_ancestors(inclusive=True).specific())):
        ids_of = getattr(ancestor, "responsible_department_ids", None)
        if ids_of is not None:
            ids = ids_of()
            if ids:
                return ids
    return None
