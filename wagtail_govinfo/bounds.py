"""The ranges every date, year and id the package accepts from outside must fall in.

Query parameters, admin filters and command arguments are checked against these before
they reach the database, so ``0001-01-01``, ``9999-12-31`` or a 20-digit id are a clear
error message (400, a form error, a ``CommandError``), never an overflow in a timezone
conversion or the database driver.
"""

import datetime

from django.utils.translation import gettext as _

EARLIEST_YEAR = 1900
LATEST_YEAR = 2100
EARLIEST_DATE = datetime.date(EARLIEST_YEAR, 1, 1)
LATEST_DATE = datetime.date(LATEST_YEAR, 12, 31)
#: The largest id a (big) integer primary key can hold.
MAX_ID = 2**63 - 1


class OutOfRange(ValueError):
    """A value outside the accepted range; ``str()`` says which range, in the active language."""


def check_year(year):
    if not EARLIEST_YEAR <= year <= LATEST_YEAR:
        raise OutOfRange(
            _("Give a year from %(first)d to %(last)d.") % {"first": EARLIEST_YEAR, "last": LATEST_YEAR}
        )
    return year


def check_date(day):
    if not EARLIEST_DATE <= day <= LATEST_DATE:
        raise OutOfRange(
            _("Give a date from %(first)s to %(last)s.")
            % {"first": EARLIEST_DATE.isoformat(), "last": LATEST_DATE.isoformat()}
        )
    return day


def parse_date(text):
    """``YYYY-MM-DD`` within the accepted range; ``ValueError`` (or ``OutOfRange``) otherwise."""
    return check_date(datetime.date.fromisoformat(text))


def parse_id(text):
    """A positive id as digits, within what the database holds; ``ValueError`` otherwise."""
    text = str(text)
    if not text.isascii() or not text.isdigit() or not 0 < int(text) <= MAX_ID:
        raise ValueError(text)
    return int(text)
