"""Stale and empty columns (national inspection indicators: 栏目不更新、空白栏目).

A column's last update is the latest publication of live content below it (any page
but columns and listings). A column is *stale* when it has not been updated for more
than its threshold in days: ``ColumnPage.stale_after_days`` when set, else
``COLUMN_STALE_DAYS[column_kind]`` (a kind missing there, or ``None``, is never stale).
A live column with no live content below is *empty*. The forecast lists columns that
become stale within ``STALE_FORECAST_DAYS``.

Live content whose publication date is unknown (imported data) counts as stale: the
check never reports as up to date what it cannot date.

The check costs two reads (columns with their facts, stored statuses) and writes only
the statuses whose facts changed, whatever the number of columns.
"""

import datetime
from dataclasses import dataclass

from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from django.db.models import Exists, Subquery
from django.db.models.functions import Coalesce
from django.utils import timezone
from wagtail.models import Page

from .conf import govinfo_settings
from .models import ColumnPage, ColumnState, ColumnStatus, DisclosureIndexPage
from .models.checks import column_state
from .subtree import under_outer

#: Stale-on date of live content that cannot be dated: stale on any day.
UNDATED = datetime.date(1970, 1, 1)
STATUS_FIELDS = ["last_update", "is_empty", "threshold_days", "stale_on"]


def threshold_for(kind, override=None):
    """Days after which a column of ``kind`` is stale (None: never)."""
    if override is not None:
        return override
    return govinfo_settings.COLUMN_STALE_DAYS.get(kind)


def stale_on(last_update, threshold):
    """First day on which a column last updated at ``last_update`` is stale."""
    if threshold is None:
        return None
    if last_update is None:
        return UNDATED
    return timezone.localdate(last_update) + datetime.timedelta(days=threshold + 1)


def _structural_content_types():
    return [ct.pk for ct in ContentType.objects.get_for_models(ColumnPage, DisclosureIndexPage).values()]


def columns_with_facts(queryset=None):
    """Live columns annotated with ``last_update`` and ``has_content``, in one query."""
    if queryset is None:
        queryset = ColumnPage.objects.live()
    content = Page.objects.filter(under_outer(include_self=False), live=True).exclude(
        content_type_id__in=_structural_content_types()
    )
    dated = content.annotate(published=Coalesce("last_published_at", "first_published_at"))
    return queryset.annotate(
        last_update=Subquery(
            dated.filter(published__isnull=False).order_by("-published").values("published")[:1]
        ),
        has_content=Exists(content),
    )


@dataclass
class ColumnFacts:
    column_id: int
    title: str
    url_path: str
    kind: str
    threshold_days: int | None
    last_update: datetime.datetime | None
    is_empty: bool
    stale_on: datetime.date | None

    def state(self, today, forecast_days=0):
        return column_state(self.is_empty, self.stale_on, today, forecast_days)

    def values(self):
        return {
            "last_update": self.last_update,
            "is_empty": self.is_empty,
            "threshold_days": self.threshold_days,
            "stale_on": self.stale_on,
        }


def evaluate_columns(queryset=None):
    """The facts of every live column (or of ``queryset``), in path order."""
    rows = (
        columns_with_facts(queryset)
        .order_by("path")
        .values_list(
            "pk", "title", "url_path", "column_kind", "stale_after_days", "last_update", "has_content"
        )
    )
    facts = []
    for pk, title, url_path, kind, override, last_update, has_content in rows:
        threshold = threshold_for(kind, override)
        facts.append(
            ColumnFacts(
                column_id=pk,
                title=title,
                url_path=url_path,
                kind=kind,
                threshold_days=threshold,
                last_update=last_update if has_content else None,
                is_empty=not has_content,
                stale_on=None if not has_content else stale_on(last_update, threshold),
            )
        )
    return facts


def check_columns(today, dry_run=False):
    """The daily column check: store what changed, return counts by state."""
    forecast = govinfo_settings.STALE_FORECAST_DAYS
    facts = evaluate_columns()
    stored = {row[0]: row[1:] for row in ColumnStatus.objects.values_list("pk", *STATUS_FIELDS)}
    now = timezone.now()
    to_create, to_update = [], []
    for item in facts:
        values = item.values()
        before = stored.pop(item.column_id, None)
        if before != tuple(values[name] for name in STATUS_FIELDS):
            status = ColumnStatus(column_id=item.column_id, changed_at=now, **values)
            (to_create if before is None else to_update).append(status)
    gone = list(stored)  # columns no longer live

    counts = {state: 0 for state in ColumnState.values}
    details = []
    for item in facts:
        state = item.state(today, forecast)
        counts[state] += 1
        if state in (ColumnState.STALE, ColumnState.EMPTY, ColumnState.DUE_SOON):
            details.append(f"{ColumnState(state).label}: {item.title} (#{item.column_id})")
    summary = {
        "checked": len(facts),
        **counts,
        "created": len(to_create),
        "updated": len(to_update),
        "removed": len(gone),
        "details": details,
    }
    if not dry_run:
        with transaction.atomic():
            if to_create or to_update:
                # An upsert: a second worker writing the same rows at the same moment
                # updates them to the same values instead of failing.
                ColumnStatus.objects.bulk_create(
                    to_create + to_update,
                    update_conflicts=True,
                    unique_fields=["column"],
                    update_fields=STATUS_FIELDS + ["changed_at"],
                )
            if gone:
                ColumnStatus.objects.filter(pk__in=gone).delete()
    return summary
