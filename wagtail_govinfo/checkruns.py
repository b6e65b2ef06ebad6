"""Run the daily checks and record each run (fail closed).

The checks are the core's (topics of 第二十一条, columns) plus those other apps add
with the Wagtail hook ``govinfo_daily_checks``: a function taking no argument and
returning ``(name, check)`` pairs, where ``check(today, dry_run)`` returns a dict
summary (a ``details`` list of lines is printed, not stored; a non-empty ``errors``
list marks the run as not checked).

A check that raises, or reports errors, is recorded as ``not_checked`` with the
error, never as up to date, and the next check runs anyway. Each check runs in its
own transaction, so a failing one leaves nothing half-done.
"""

import datetime
import logging
from dataclasses import dataclass, field

from django.db import transaction
from django.utils import timezone
from django.utils.translation import pgettext_lazy
from wagtail import hooks

from .models import CheckRun, CheckStatus

logger = logging.getLogger(__name__)

#: Words for the names and counts of the checks, in command output (``label``).
LABELS = {
    "topics": pgettext_lazy("check summary", "topics"),
    "columns": pgettext_lazy("check summary", "columns"),
    "interaction_overdue": pgettext_lazy("check summary", "overdue citizen messages"),
    "checked": pgettext_lazy("check summary", "checked"),
    "warned": pgettext_lazy("check summary", "warned"),
    "revoked": pgettext_lazy("check summary", "revoked"),
    "undated": pgettext_lazy("check summary", "without a date"),
    "created": pgettext_lazy("check summary", "created"),
    "updated": pgettext_lazy("check summary", "updated"),
    "removed": pgettext_lazy("check summary", "removed"),
    "overdue": pgettext_lazy("check summary", "overdue"),
    "notified": pgettext_lazy("check summary", "notified"),
    "to_notify": pgettext_lazy("check summary", "to notify"),
}


def label(key):
    """The reader's word for a check name or a summary key (the key itself if unknown)."""
    from .models import ColumnState

    if key in LABELS:
        return str(LABELS[key])
    if key in ColumnState.values:
        return str(ColumnState(key).label)
    return key


def daily_checks():
    """``[(name, check), …]``: the core's checks, then those of the hook."""
    from .lifecycle import check_topics
    from .staleness import check_columns

    checks = [("topics", check_topics), ("columns", check_columns)]
    for fn in hooks.get_hooks("govinfo_daily_checks"):
        checks.extend(fn())
    return checks


@dataclass
class CheckResult:
    name: str
    status: str
    error: str = ""
    summary: dict = field(default_factory=dict)
    details: list = field(default_factory=list)
    seconds: float = 0.0

    @property
    def ok(self):
        return self.status == CheckStatus.OK


def run_check(name, check, today, dry_run=False):
    started = timezone.now()
    try:
        with transaction.atomic():
            summary = check(today=today, dry_run=dry_run) or {}
    except Exception as exc:
        logger.exception("Check %s failed", name)
        summary = {}
        error = f"{type(exc).__name__}: {exc}"
    else:
        error = "\n".join(str(e) for e in summary.get("errors") or [])
    details = [str(line) for line in summary.pop("details", [])]
    finished = timezone.now()
    result = CheckResult(
        name=name,
        status=CheckStatus.NOT_CHECKED if error else CheckStatus.OK,
        error=error,
        summary=summary,
        details=details,
        seconds=(finished - started).total_seconds(),
    )
    if not dry_run:
        CheckRun.objects.create(
            check_name=name,
            day=today,
            started_at=started,
            finished_at=finished,
            status=result.status,
            error=error,
            summary=summary,
        )
    return result


def run_checks(today=None, dry_run=False, only=None):
    """Run every daily check for ``today`` (local date by default); a list of results."""
    if today is None:
        today = timezone.localdate()
    if isinstance(today, datetime.datetime):
        today = today.date()
    return [
        run_check(name, check, today, dry_run=dry_run)
        for name, check in daily_checks()
        if only is None or name in only
    ]
