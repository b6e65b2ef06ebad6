"""Who may read which ledger entries.

* The platform operator (市政数局, and superusers), the auditors (审计) and anyone given
  the ledger model's ``view`` permission see every department.
* A department's leaders (分管负责人 ``Role.LEADER`` and 主要负责人 ``Role.PRINCIPAL``)
  see their own departments' entries.
* Everyone else sees nothing and is refused.

Nobody may add, change or delete an entry: the ledger records, people read.
"""

from wagtail_govinfo.models import DepartmentRole, Role
from wagtail_govinfo.roles import is_auditor, is_operator

LEADER_ROLES = (Role.LEADER, Role.PRINCIPAL)

#: ``visible_departments`` returns this when every department is visible.
ALL = "all"


def visible_departments(user, model):
    """``ALL``, or the set of department ids whose entries of ``model`` ``user`` may read.

    Remembered on the user object, so a listing asks the database once per request.
    """
    if not user.is_authenticated or not user.is_active:
        return set()
    cache = user.__dict__.setdefault("_govinfo_ledger_visibility", {})
    if model not in cache:
        cache[model] = _visible_departments(user, model)
    return cache[model]


def _visible_departments(user, model):
    opts = model._meta
    if (
        is_operator(user)
        or is_auditor(user)
        or user.has_perm(f"{opts.app_label}.view_{opts.model_name}")
    ):
        return ALL
    return set(
        DepartmentRole.objects.filter(user=user, role__in=LEADER_ROLES).values_list(
            "department_id", flat=True
        )
    )


def can_read_ledger(user, model):
    return bool(visible_departments(user, model))


def visible_entries(user, model):
    """The entries of ``model`` that ``user`` may read (none when refused)."""
    departments = visible_departments(user, model)
    queryset = model.objects.all()
    if departments == ALL:
        return queryset
    return queryset.filter(department_id__in=departments)


def can_read_entry(user, entry):
    departments = visible_departments(user, type(entry))
    return departments == ALL or entry.department_id in departments
