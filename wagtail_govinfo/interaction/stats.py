"""Figures for the monthly interaction check (第二十八条), given to the core's reports
through the ``govinfo_interaction_stats`` hook (see ``wagtail_govinfo.reporting``).

* ``overdue_consultations``: consultations due in the month and not answered by their
  due date (answered late, or still unanswered on the day of the check).
* ``interaction_columns``: interaction columns (栏目 of kind 互动交流) not updated for
  more than three months. Besides the pages below a column (the core's measure), a
  published reply counts as an update of the interaction columns its handling
  department is responsible for (of every interaction column when a column names no
  department): in a headless site the 互动交流 column shows the published messages.
"""

from django.db.models import Max, Q
from django.utils import timezone

from wagtail_govinfo.models import ColumnKind, Department
from wagtail_govinfo.reports import column_rows, months_before

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


def stale_interaction_columns(today):
    """Interaction columns whose last update (page or published reply) is more than
    three months before ``today``, or that were never updated."""
    published = CitizenMessage.objects.published()
    latest_by_department = dict(
        published.values("department_id")
        .annotate(latest=Max("published_at"))
        .values_list("department_id", "latest")
    )
    latest_any = published.aggregate(latest=Max("published_at"))["latest"]
    names = dict(Department.objects.values_list("pk", "name"))
    limit = months_before(today, 3)
    rows = []
    for facts, _state, department_ids in column_rows(today, kinds=[ColumnKind.INTERACTION]):
        if department_ids:
            replies = [latest_by_department[d] for d in department_ids if d in latest_by_department]
        else:
            replies = [latest_any] if latest_any else []
        candidates = [moment for moment in [facts.last_update, *replies] if moment]
        last_update = max(candidates) if candidates else None
        if last_update is None or timezone.localdate(last_update) < limit:
            rows.append(
                {
                    "title": facts.title,
                    "department": "、".join(names.get(d, "") for d in department_ids),
                    "last_update": last_update,
                }
            )
    return rows


def interaction_stats(start, end, today):
    return {
        "overdue_consultations": overdue_consultations(start, end, today),
        "interaction_columns": stale_interaction_columns(today),
    }
