"""The message admin (网民留言): a list with filters, a message page with its history,
and the handling steps. No add, edit or delete: messages come from the public
endpoint, and every change is a handling step."""

import django_filters
from django.urls import path
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.ui.tables import Column, DateColumn, StatusFlagColumn, StatusTagColumn
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.admin.widgets import BooleanRadioSelect

from . import handling, views
from .models import CitizenMessage


class CitizenMessageFilterSet(WagtailFilterSet):
    overdue = django_filters.BooleanFilter(
        label=_("Overdue"), method="filter_overdue", widget=BooleanRadioSelect
    )

    class Meta:
        model = CitizenMessage
        fields = ["status", "kind", "department"]

    def filter_overdue(self, queryset, name, value):
        if value is None:
            return queryset
        overdue = CitizenMessage.objects.overdue().values("pk")
        return queryset.filter(pk__in=overdue) if value else queryset.exclude(pk__in=overdue)


class CitizenMessageViewSet(ModelViewSet):
    model = CitizenMessage
    icon = "mail"
    menu_label = _("Citizen messages")
    menu_order = 260
    add_to_admin_menu = True
    index_view_class = views.MessageIndexView
    inspect_view_class = views.MessageDetailView
    inspect_view_enabled = True
    copy_view_enabled = False
    add_to_reference_index = False
    filterset_class = CitizenMessageFilterSet
    search_fields = ["subject", "public_subject", "tracking_code"]
    list_display = [
        "masked_subject",
        Column("kind", label=_("Kind"), accessor="get_kind_display", sort_key="kind"),
        StatusTagColumn("status", label=_("Status"), accessor="get_status_display", sort_key="status"),
        Column(
            "department",
            label=pgettext_lazy("citizen message", "Handling department"),
            sort_key="department__name",
        ),
        DateColumn("received_at", label=pgettext_lazy("citizen message", "Received"), sort_key="received_at"),
        Column("due_date", label=_("Answer due on"), sort_key="due_date"),
        StatusFlagColumn("is_overdue", label=_("Overdue"), true_label=_("Overdue")),
    ]
    list_export = [
        "tracking_code", "kind", "status", "masked_subject", "department", "received_at", "due_date", "answered_at"
    ]
    ordering = ["-received_at"]

    def get_urlpatterns(self):
        # No add/edit/delete/copy: only the list, a message, and the handling steps.
        return [
            path("", self.index_view, name="index"),
            path("results/", self.index_results_view, name="index_results"),
            path("<int:pk>/", self.inspect_view, name="inspect"),
            path("<int:pk>/", self.inspect_view, name="detail"),
            path(f"<int:pk>/{handling.MODERATE}/", views.ModerateView.as_view(), name=handling.MODERATE),
            path(f"<int:pk>/{handling.ASSIGN}/", views.AssignView.as_view(), name=handling.ASSIGN),
            path(f"<int:pk>/{handling.REPLY}/", views.ReplyView.as_view(), name=handling.REPLY),
            path(f"<int:pk>/{handling.REVIEW}/", views.ReviewView.as_view(), name=handling.REVIEW),
            path(f"<int:pk>/{handling.PUBLISH}/", views.PublishView.as_view(), name=handling.PUBLISH),
        ]

    def get_permissions_to_register(self):
        # Access follows department roles (see permissions.py), not group permissions.
        from django.contrib.auth.models import Permission

        return Permission.objects.none()
