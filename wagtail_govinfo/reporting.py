"""How the sub-apps feed the reports of 第二十七、二十八条, and the periods they cover.

The core builds the reports; the figures it does not own come from providers,
functions registered with Wagtail hooks by the app that owns the data:

``govinfo_publication_stats`` — ``fn(start, end)``, aware datetimes, ``end`` excluded.
    Returns ``{department id: {"submitted": int, "published": int, "revoked": int,
    "median_hours": float or None}}`` (the ledger app fills it from its 台账).

``govinfo_interaction_stats`` — ``fn(start, end, today)``. Returns a dict with
    ``"overdue_consultations"``: a list of dicts with ``reference``, ``title``,
    ``department``, ``received_at``, ``due_on``, ``answered_at`` (None if unanswered)
    and ``working_days`` (taken or elapsed), for consultations of the period not
    answered within ``MESSAGE_REPLY_WORKING_DAYS`` working days (第十八条); optionally
    ``"interaction_columns"``: rows like the core's (title, department, last update)
    to replace the core's own view of interaction columns.

``govinfo_quarterly_sheets`` — ``fn(period, today)``. Returns a dict with ``name``,
    ``title``, ``headers``, ``rows`` (and optionally ``notes`` and ``summary``, merged into
    the report's summary): one more sheet of the quarterly report. Every provider counts
    (the out-of-scope requests of 第二十三条 use it).

A provider can be registered in the app's ``wagtail_hooks.py`` or in a module named
``govinfo_reports.py``, which the reports load from every installed app. Without a
provider, the report says which source is not installed instead of printing zeros.
"""

import datetime
import re
from dataclasses import dataclass

from django.utils import timezone
from django.utils.module_loading import autodiscover_modules
from django.utils.translation import gettext as _
from wagtail import hooks

from .bounds import OutOfRange, check_year

PUBLICATION_STATS = "govinfo_publication_stats"
INTERACTION_STATS = "govinfo_interaction_stats"
QUARTERLY_SHEETS = "govinfo_quarterly_sheets"

_discovered = False


def _provider(hook_name):
    global _discovered
    if not _discovered:
        autodiscover_modules("govinfo_reports")
        _discovered = True
    providers = hooks.get_hooks(hook_name)
    return providers[-1] if providers else None


def publication_stats(start, end):
    """Per-department publication figures, or None when no app provides them."""
    provider = _provider(PUBLICATION_STATS)
    return None if provider is None else provider(start=start, end=end)


def interaction_stats(start, end, today):
    """Interaction figures (第十八、二十八条), or None when the interaction module is absent."""
    provider = _provider(INTERACTION_STATS)
    return None if provider is None else provider(start=start, end=end, today=today)


def quarterly_sheets(period, today):
    """The extra sheets of the quarterly report, one per provider."""
    _provider(QUARTERLY_SHEETS)  # loads the providers' modules
    return [fn(period=period, today=today) for fn in hooks.get_hooks(QUARTERLY_SHEETS)]


# ---------------------------------------------------------------------------
# Periods

QUARTER = re.compile(r"^(\d{4})[Qq]([1-4])$")
MONTH = re.compile(r"^(\d{4})-(\d{2})$")


class PeriodError(ValueError):
    pass


@dataclass(frozen=True)
class Period:
    kind: str  # "quarterly" or "monthly"
    label: str  # "2026Q3" or "2026-10"
    first_day: datetime.date
    next_first_day: datetime.date  # the day after the period

    @property
    def last_day(self):
        return self.next_first_day - datetime.timedelta(days=1)

    @property
    def start(self):
        return timezone.make_aware(datetime.datetime.combine(self.first_day, datetime.time()))

    @property
    def end(self):
        """The first moment after the period (excluded)."""
        return timezone.make_aware(datetime.datetime.combine(self.next_first_day, datetime.time()))


def _month_start(year, month):
    year, month = year + (month - 1) // 12, (month - 1) % 12 + 1
    return datetime.date(year, month, 1)


def quarter(year, number):
    first = datetime.date(year, 3 * number - 2, 1)
    return Period("quarterly", f"{year}Q{number}", first, _month_start(year, 3 * number + 1))


def month(year, number):
    first = datetime.date(year, number, 1)
    return Period("monthly", f"{year}-{number:02d}", first, _month_start(year, number + 1))


def _year(text):
    try:
        return check_year(int(text))
    except OutOfRange as error:
        raise PeriodError(str(error)) from None


def parse_period(kind, text, today=None):
    """The period named ``text`` (``2026Q3`` / ``2026-10``); PeriodError if malformed or future."""
    today = today or timezone.localdate()
    text = (text or "").strip()
    if kind == "quarterly":
        match = QUARTER.match(text)
        if not match:
            raise PeriodError(_("A quarter is written like 2026Q3, not “%(text)s”.") % {"text": text})
        period = quarter(_year(match[1]), int(match[2]))
    elif kind == "monthly":
        match = MONTH.match(text)
        if not match or not 1 <= int(match[2]) <= 12:
            raise PeriodError(_("A month is written like 2026-10, not “%(text)s”.") % {"text": text})
        period = month(_year(match[1]), int(match[2]))
    else:
        raise PeriodError(_("Unknown report kind “%(kind)s”.") % {"kind": kind})
    if period.first_day > today:
        raise PeriodError(_("The period %(period)s has not started yet.") % {"period": period.label})
    return period


def previous_period(kind, today=None):
    """The last complete quarter or month before ``today``."""
    today = today or timezone.localdate()
    if kind == "quarterly":
        number = (today.month - 1) // 3  # the current quarter's number minus one
        return quarter(today.year - 1, 4) if number == 0 else quarter(today.year, number)
    if kind == "monthly":
        return month(today.year - 1, 12) if today.month == 1 else month(today.year, today.month - 1)
    raise PeriodError(_("Unknown report kind “%(kind)s”.") % {"kind": kind})
