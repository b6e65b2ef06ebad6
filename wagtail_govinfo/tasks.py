"""Background jobs of the core, run by django-q2: plain functions with primitive arguments.

``schedules.py`` points the package's schedules here; every job can run twice, or on
two workers at once, with the effect of one run.
"""

import datetime

from django.utils import timezone


def _day(value):
    return datetime.date.fromisoformat(value) if value else timezone.localdate()


def run_daily_checks(today=None, dry_run=False):
    """Every daily check for ``today`` (ISO date; default: the local date).

    Returns ``{check name: status}``; details are stored as ``CheckRun`` records.
    """
    from .checkruns import run_checks

    return {result.name: str(result.status) for result in run_checks(_day(today), dry_run=dry_run)}


def build_report(kind, period=None):
    """Build and store the ``kind`` report (``quarterly`` or ``monthly``) of ``period``
    (``2026Q3`` / ``2026-10``; default: the quarter or month before today). Returns its id."""
    from .reports import build_and_store

    return build_and_store(kind, period).pk
