"""Leader profiles and the information only the 市政府办公室 provides (第八条).

* ``Leader`` snippets are kept by the editors of ``LEADER_DEPARTMENT`` and reviewed
  by that department's reviewer and leader like any other content (the snippet is
  under the package's workflow, see ``workflows/setup.py``).
* Important-meeting and leader-activity information (重要会议、领导动态) may be filed
  only for the departments ``LEADER_INFO_DEPARTMENTS`` names (default: the
  ``LEADER_DEPARTMENT``); the page form and the submission API refuse the others.
"""

from django.contrib.auth import get_user_model
from django.utils.functional import cached_property
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from wagtail.admin.ui.tables import BooleanColumn
from wagtail.api.v2.filters import FieldsFilter, OrderingFilter, SearchFilter
from wagtail.api.v2.views import BaseAPIViewSet
from wagtail.permission_policies.base import BasePermissionPolicy
from wagtail.permissions import policy_registry
from wagtail.snippets.views.snippets import SnippetViewSet

from .conf import govinfo_settings
from .models import Department, DepartmentRole, InfoCategory, Leader, Role
from .roles import is_auditor, is_operator

#: Categories of 第八条 that only the named departments provide.
LEADER_INFO_CATEGORIES = (InfoCategory.MEETING, InfoCategory.LEADER_ACTIVITY)


def leader_department():
    """The department that keeps the leader profiles, or None if it does not exist yet."""
    return Department.objects.filter(code=govinfo_settings.LEADER_DEPARTMENT).first()


def leader_info_department_codes():
    codes = govinfo_settings.LEADER_INFO_DEPARTMENTS
    return list(codes) if codes is not None else [govinfo_settings.LEADER_DEPARTMENT]


def category_refusal(category, department):
    """Why ``department`` may not file information of ``category`` (第八条), or None."""
    if category not in LEADER_INFO_CATEGORIES:
        return None
    codes = leader_info_department_codes()
    if department is not None and department.code in codes:
        return None
    names = "、".join(Department.objects.filter(code__in=codes).values_list("name", flat=True)) or "、".join(codes)
    return _("“%(category)s” information is provided only by %(departments)s (article 8).") % {
        "category": InfoCategory(category).label,
        "departments": names,
    }


# ---------------------------------------------------------------------------
# Who may edit the profiles


class LeaderPermissionPolicy(BasePermissionPolicy):
    """Editors of ``LEADER_DEPARTMENT`` add and change profiles; that department's
    members, the operator and auditors see them; nobody publishes outside the review."""

    EDIT_ACTIONS = {"add", "change", "delete"}

    def _roles(self, user):
        code = govinfo_settings.LEADER_DEPARTMENT
        return set(
            DepartmentRole.objects.filter(
                user=user, department__code=code, department__is_active=True
            ).values_list("role", flat=True)
        )

    def user_has_permission(self, user, action):
        if not user.is_authenticated or not user.is_active:
            return False
        roles = self._roles(user)
        if action in self.EDIT_ACTIONS:
            return Role.EDITOR in roles
        if action == "view":
            return bool(roles) or is_operator(user) or is_auditor(user)
        return False  # publish, lock, unlock: only the review workflow publishes

    def user_has_any_permission(self, user, actions):
        return any(self.user_has_permission(user, action) for action in actions)

    def users_with_any_permission(self, actions):
        users = get_user_model().objects.filter(is_active=True)
        if set(actions) & self.EDIT_ACTIONS:
            return users.filter(
                govinfo_roles__department__code=govinfo_settings.LEADER_DEPARTMENT,
                govinfo_roles__role=Role.EDITOR,
            ).distinct()
        return users.none()

    def users_with_permission(self, action):
        return self.users_with_any_permission([action])

    def user_has_permission_for_instance(self, user, action, instance):
        return self.user_has_permission(user, action)

    def user_has_any_permission_for_instance(self, user, actions, instance):
        return self.user_has_any_permission(user, actions)

    def instances_user_has_any_permission_for(self, user, actions):
        if self.user_has_any_permission(user, actions):
            return Leader.objects.all()
        return Leader.objects.none()

    def users_with_any_permission_for_instance(self, actions, instance):
        return self.users_with_any_permission(actions)


class LeaderViewSet(SnippetViewSet):
    model = Leader
    icon = "user"
    menu_label = gettext_lazy("Leaders")
    menu_name = "govinfo-leaders"
    menu_order = 255
    add_to_admin_menu = True
    list_display = ["__str__", "sort_order", BooleanColumn("serving"), BooleanColumn("live")]
    list_filter = ["serving", "live"]
    search_fields = ["family_name", "given_name", "post"]
    ordering = ["-serving", "sort_order", "pk"]

    @cached_property
    def permission_policy(self):
        return policy_registry.get_by_type(Leader)


# ---------------------------------------------------------------------------
# API


class LeadersAPIViewSet(BaseAPIViewSet):
    """Published leader profiles (``/api/v2/leaders/``), serving leaders first."""

    model = Leader
    name = "leaders"
    filter_backends = [FieldsFilter, OrderingFilter, SearchFilter]
    listing_default_fields = BaseAPIViewSet.listing_default_fields + [
        "full_name", "post", "photo", "sort_order", "serving",
    ]
    nested_default_fields = BaseAPIViewSet.nested_default_fields + ["full_name", "post"]

    def get_queryset(self):
        return Leader.objects.live().prefetch_related("overseen_departments").select_related("photo")
