"""Figures for the monthly interaction check (第二十八条), given to the core's reports
through the ``govinfo_interaction_stats`` hook (see ``wagtail_govinfo.reporting``)."""

from django.db.models import Q
from django.utils import timezone

from .handling import public_version
from .models import CitizenMessage


def overdue_consultations(start, end, today):
    """Consultations due within [start, end) and not answered by their due date:
    answered late, or still unanswered on ``today``."""
    first, after = timezone.localdate(start), timezone.localdate(end)
    due_in_period = CitizenMessage.objects.consultations().filter(due_date__gte=first, due_date__lt=after)
    late = due_in_period.answered_late().values("pk")
    unanswered = due_in_period.overdue(today).values("pk")
    queryset = (
        CitizenMessage.objects.filter(Q(pk__in=late) | Q(pk__in=unanswered))
        .select_related("department")
        .order_by("due_date", "pk")
    )
    return [
        {
            "reference": message.reference,
            "title": message.public_subject or public_version(message.subject),
            "department": message.department.name if message.department else "",
            "received_at": message.received_at,
            "due_on": message.due_date,
            "answered_at": message.answered_at,
            "working_days": message.working_days_taken(today),
        }
        for message in queryset
    ]


def interaction_stats(start, end, today):
    return {"overdue_consultations": overdue_consultations(start, end, today)}
