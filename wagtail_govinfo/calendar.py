"""Working days on the Chinese official calendar (第十八条: 5 个工作日).

A working day is a weekday that is not a public holiday, or a weekend day declared a
working day by the State Council's arrangement (调休上班). Two sources:

* ``chinesecalendar`` (``import chinese_calendar``) carries the official arrangements,
  调休 included, for every year it knows (up to 2026 in version 1.11).
* For a year it does not know yet (it raises ``NotImplementedError``, e.g. 2027 before
  the State Council publishes the arrangement in the previous November), the fallback
  is the rule-based calendar of ``holidays`` (country ``CN``): its public holidays and
  observed days plus weekends, and the 调休 working weekends it knows. For a year
  not yet announced it knows none, so such a Saturday counts as a rest day: a deadline
  then falls at most a day or two later than the official one. Upgrade
  ``chinesecalendar`` when the arrangement is published.
"""

import datetime
from functools import lru_cache

import chinese_calendar
import holidays

__all__ = ["add_working_days", "is_working_day", "working_days_between"]


@lru_cache(maxsize=16)
def _fallback_calendar(year):
    return holidays.country_holidays("CN", years=year)


@lru_cache(maxsize=4096)
def _is_working_day(day):
    try:
        return chinese_calendar.is_workday(day)
    except NotImplementedError:
        return _fallback_calendar(day.year).is_working_day(day)


def _as_date(value):
    if isinstance(value, datetime.datetime):
        return value.date()
    if isinstance(value, datetime.date):
        return value
    raise TypeError(f"expected a date, not {type(value).__name__}")


def is_working_day(day):
    """True if ``day`` is a working day on the Chinese official calendar."""
    return _is_working_day(_as_date(day))


def add_working_days(day, n):
    """The ``n``-th working day after ``day`` (``day`` itself does not count).

    ``add_working_days(day, 0)`` is ``day``. ``n`` must not be negative.
    """
    day = _as_date(day)
    if n < 0:
        raise ValueError("n must be 0 or more")
    while n:
        day += datetime.timedelta(days=1)
        if _is_working_day(day):
            n -= 1
    return day


def working_days_between(start, end):
    """Working days after ``start`` up to and including ``end`` (0 if ``end <= start``)."""
    start, end = _as_date(start), _as_date(end)
    count = 0
    day = start
    while day < end:
        day += datetime.timedelta(days=1)
        if _is_working_day(day):
            count += 1
    return count
