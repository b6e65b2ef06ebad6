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


#: Attribute of a user object holding the names of its groups, read once per request.
GROUP_NAMES_ATTRIBUTE = "_govinfo_group_names"


def group_names(user):
    """The names of ``user``'s groups, read once and kept on the user object.

    A request has its own user object, so this is one query per request however often
    the package asks ``is_operator``/``is_auditor``. Changing the user's groups through
    ``user.groups`` forgets the kept names (``forget_group_names``).
    """
    if not user.is_authenticated:
        return frozenset()
    names = getattr(user, GROUP_NAMES_ATTRIBUTE, None)
    if names is None:
        names = frozenset(user.groups.values_list("name", flat=True))
        setattr(user, GROUP_NAMES_ATTRIBUTE, names)
    return names


def forget_group_names(user):
    try:
        delattr(user, GROUP_NAMES_ATTRIBUTE)
    except AttributeError:
        pass


def is_operator(user):
    """The platform operator (市政数局) may act everywhere."""
    if not user.is_authenticated:
        return False
    return user.is_superuser or govinfo_settings.OPERATOR_GROUP in group_names(user)


def is_auditor(user):
    return user.is_authenticated and govinfo_settings.AUDITOR_GROUP in group_names(user)


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
