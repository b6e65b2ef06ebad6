"""Wagtail admin home panels for the logged-in user (第二十一条, inspection indicators).

* topics of my departments about to be revoked (warned or past the warning day);
* my columns stale, about to be, or empty, as the last column check found them;
* my pages returned for changes, with who returned them, at which step and why.

Steps waiting for me are Wagtail's own “Awaiting your review” panel. The platform
operator sees every department's topics and columns.
"""

import datetime

from django.db.models import Q
from django.utils import timezone
from wagtail.admin.ui.components import Component

from .conf import govinfo_settings
from .lifecycle import revoke_on, topics_with_last_update
from .models import CheckRun, ColumnState, ColumnStatus, Department, TopicPage, TopicStatus
from .returned import returned_to
from .roles import is_operator

LIMIT = 20


class TopicsAboutToBeRevokedPanel(Component):
    name = "govinfo_topics_about_to_be_revoked"
    template_name = "wagtail_govinfo/panels/topics.html"
    order = 105

    def __init__(self, user, today=None):
        self.user = user
        self.today = today or timezone.localdate()

    def topics(self):
        queryset = TopicPage.objects.live().filter(status=TopicStatus.ACTIVE)
        if not is_operator(self.user):
            departments = Department.objects.for_user(self.user)
            queryset = queryset.filter(owner_departments__in=departments).distinct()
        warning_days = govinfo_settings.TOPIC_WARNING_DAYS
        threshold = timezone.make_aware(
            datetime.datetime.combine(self.today - datetime.timedelta(days=warning_days - 1), datetime.time())
        )
        rows = []
        for topic in topics_with_last_update(queryset).filter(last_update__lt=threshold).order_by("last_update")[:LIMIT]:
            rows.append(
                {
                    "topic": topic,
                    "last_update": topic.last_update,
                    "days": (self.today - timezone.localdate(topic.last_update)).days,
                    "revoke_on": revoke_on(topic.last_update),
                }
            )
        return rows

    def get_context_data(self, parent_context):
        return {"rows": self.topics(), "revoke_days": govinfo_settings.TOPIC_REVOKE_DAYS}


class MyColumnsPanel(Component):
    name = "govinfo_my_columns"
    template_name = "wagtail_govinfo/panels/columns.html"
    order = 106

    def __init__(self, user, today=None):
        self.user = user
        self.today = today or timezone.localdate()

    def statuses(self):
        forecast = govinfo_settings.STALE_FORECAST_DAYS
        horizon = self.today + datetime.timedelta(days=forecast)
        queryset = ColumnStatus.objects.filter(
            Q(is_empty=True) | Q(stale_on__lte=horizon), column__live=True
        ).select_related("column")
        if not is_operator(self.user):
            departments = Department.objects.for_user(self.user)
            queryset = queryset.filter(column__responsible_departments__in=departments).distinct()
        rows = []
        for status in queryset.order_by("-is_empty", "stale_on", "column__path")[:LIMIT]:
            state = status.state(self.today, forecast)
            rows.append({"status": status, "state": state, "label": ColumnState(state).label})
        return rows, queryset.count() if len(rows) == LIMIT else len(rows)

    def get_context_data(self, parent_context):
        rows, total = self.statuses()
        run = CheckRun.latest_for("columns")
        return {"rows": rows, "total": total, "run": run, "limit": LIMIT}


class ReturnedToMePanel(Component):
    """Pages sent back to the user for changes, with who, the step and the reason (above
    Wagtail's own "in a workflow" panel, which only says 'changes requested')."""

    name = "govinfo_returned_to_me"
    template_name = "wagtail_govinfo/panels/returned.html"
    order = 95

    def __init__(self, user):
        self.user = user

    def get_context_data(self, parent_context):
        return {"rows": returned_to(self.user)}


def construct_panels(request, panels):
    user = request.user
    panels.append(ReturnedToMePanel(user))
    if Department.objects.for_user(user).exists() or is_operator(user):
        panels.append(TopicsAboutToBeRevokedPanel(user))
        panels.append(MyColumnsPanel(user))
