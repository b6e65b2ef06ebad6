"""Ledgers are kept in Beijing time (Asia/Shanghai), whatever the site's TIME_ZONE:
the year of 序号 and every date and time in an exported workbook are local to it."""

import datetime
import zoneinfo

from django.utils import timezone

LEDGER_TIME_ZONE = zoneinfo.ZoneInfo("Asia/Shanghai")


def ledger_localtime(value):
    """``value`` (aware, or naive in UTC) as an aware datetime in Asia/Shanghai."""
    if timezone.is_naive(value):
        value = timezone.make_aware(value, datetime.UTC)
    return value.astimezone(LEDGER_TIME_ZONE)


def ledger_localdate(value):
    return ledger_localtime(value).date()


def filter_by_dates(queryset, field_name, date_from=None, date_to=None):
    """Rows whose ``field_name`` falls on ``date_from``…``date_to`` (inclusive), Beijing time."""
    if date_from:
        start = datetime.datetime.combine(date_from, datetime.time.min, tzinfo=LEDGER_TIME_ZONE)
        queryset = queryset.filter(**{f"{field_name}__gte": start})
    if date_to:
        end = datetime.datetime.combine(
            date_to + datetime.timedelta(days=1), datetime.time.min, tzinfo=LEDGER_TIME_ZONE
        )
        queryset = queryset.filter(**{f"{field_name}__lt": end})
    return queryset
