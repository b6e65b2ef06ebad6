"""Who reaches the message admin (a Wagtail permission policy).

Messages are not edited through model permissions: every change is a handling step
(``handling.py``) with its own rule. The policy only says who may *see* messages:
the platform operator and auditors see all; a department member sees the messages
assigned to their departments. Nobody adds, edits or deletes a message in the admin.
"""

from django.contrib.auth import get_user_model
from django.db.models import Q
from wagtail.permission_policies import BasePermissionPolicy

from wagtail_govinfo.conf import govinfo_settings
from wagtail_govinfo.models import DepartmentRole
from wagtail_govinfo.roles import is_auditor, is_operator

from .models import DEPARTMENT_STATUSES


def _department_ids(user):
    """The ids of the departments where ``user`` holds a role, read once per request
    (kept on the user object): a listing asks for every row."""
    ids = getattr(user, "_govinfo_role_department_ids", None)
    if ids is None:
        ids = frozenset(DepartmentRole.objects.filter(user=user).values_list("department_id", flat=True))
        user._govinfo_role_department_ids = ids
    return ids


class CitizenMessagePermissionPolicy(BasePermissionPolicy):
    def user_has_permission(self, user, action):
        if action != "view" or not user.is_authenticated or not user.is_active:
            return False
        return is_operator(user) or is_auditor(user) or bool(_department_ids(user))

    def user_has_permission_for_instance(self, user, action, instance):
        # The rule of ``CitizenMessageQuerySet.visible_to``, on the instance at hand (no
        # query per row of a listing).
        if not self.user_has_permission(user, action):
            return False
        if is_operator(user) or is_auditor(user):
            return True
        return instance.department_id in _department_ids(user) and instance.status in DEPARTMENT_STATUSES

    def instances_user_has_any_permission_for(self, user, actions):
        if "view" not in actions:
            return self.model.objects.none()
        return self.model.objects.visible_to(user)

    def users_with_any_permission(self, actions):
        User = get_user_model()
        if "view" not in actions:
            return User.objects.none()
        return User.objects.filter(
            Q(is_superuser=True)
            | Q(groups__name__in=[govinfo_settings.OPERATOR_GROUP, govinfo_settings.AUDITOR_GROUP])
            | Q(govinfo_roles__isnull=False),
            is_active=True,
        ).distinct()
