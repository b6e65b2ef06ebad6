"""Admin home panel: citizen messages overdue in my departments, and those waiting
for me (to moderate, assign, reply, review or publish). The platform operator sees
every department's overdue messages."""

from django.db.models import Q
from django.utils import timezone
from wagtail.admin.ui.components import Component

from wagtail_govinfo.conf import govinfo_settings
from wagtail_govinfo.models import Department, Role
from wagtail_govinfo.roles import is_operator

from .handling import APPROVER_ROLES
from .models import CitizenMessage, MessageStatus

LIMIT = 10


def waiting_for(user):
    """Messages on which ``user`` has a step to take (one query)."""
    q = Q(pk__in=[])
    if is_operator(user):
        q |= Q(status__in=[MessageStatus.RECEIVED, MessageStatus.ACCEPTED, MessageStatus.REPLY_APPROVED])
    editor_of = Department.objects.for_user(user, Role.EDITOR)
    approver_of = Department.objects.filter(roles__user=user, roles__role__in=APPROVER_ROLES)
    q |= Q(status=MessageStatus.ASSIGNED, department__in=editor_of)
    q |= Q(status=MessageStatus.REPLY_DRAFTED, department__in=approver_of) & ~Q(reply_drafted_by=user)
    q |= Q(status=MessageStatus.REPLY_APPROVED, department__in=approver_of)
    return CitizenMessage.objects.filter(q).distinct()


class CitizenMessagesPanel(Component):
    name = "govinfo_citizen_messages"
    template_name = "wagtail_govinfo_interaction/panels/messages.html"
    order = 107

    def __init__(self, user, today=None):
        self.user = user
        self.today = today or timezone.localdate()

    def get_context_data(self, parent_context):
        overdue = (
            CitizenMessage.objects.visible_to(self.user)
            .overdue(self.today)
            .select_related("department")
            .order_by("due_date", "pk")
        )
        waiting = waiting_for(self.user).select_related("department").order_by("due_date", "received_at")
        return {
            "overdue": list(overdue[:LIMIT]),
            "overdue_count": overdue.count(),
            "waiting": list(waiting[:LIMIT]),
            "waiting_count": waiting.count(),
            "today": self.today,
            "limit": govinfo_settings.MESSAGE_REPLY_WORKING_DAYS,
        }


def construct_panels(request, panels):
    user = request.user
    if is_operator(user) or user.govinfo_roles.exists():
        panels.append(CitizenMessagesPanel(user))
