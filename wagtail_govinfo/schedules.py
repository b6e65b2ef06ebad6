"""The django-q2 schedules of the package, written by ``govinfo_setup`` (never by migrations).

* daily checks at ``DAILY_CHECK_HOUR``:00 (the site's ``TIME_ZONE``);
* the monthly interaction check (第二十八条) on the 1st of each month, a quarter of an
  hour later, about the month before;
* the quarterly publication report (通报) on the first day of each quarter, half an
  hour later, about the quarter before;
* every five minutes, the outbox flush: e-mails whose delivery was never queued or
  failed are sent (``outbox.py``).

Schedules are identified by name: ``register_schedules`` creates a missing one,
corrects a changed one and leaves an unchanged one alone (its ``next_run`` too), so
running ``govinfo_setup`` twice changes nothing.
"""

from datetime import datetime

from croniter import croniter
from django.utils.translation import gettext as _
from django_q.models import Schedule
from django_q.utils import localtime

from .conf import govinfo_settings

DAILY_CHECKS = "wagtail_govinfo.daily_checks"
MONTHLY_INTERACTION_CHECK = "wagtail_govinfo.monthly_interaction_check"
QUARTERLY_REPORT = "wagtail_govinfo.quarterly_report"
OUTBOX_FLUSH = "wagtail_govinfo.outbox_flush"


def schedule_specs():
    hour = govinfo_settings.DAILY_CHECK_HOUR
    return {
        DAILY_CHECKS: {
            "func": "wagtail_govinfo.tasks.run_daily_checks",
            "args": None,
            "cron": f"0 {hour} * * *",
        },
        MONTHLY_INTERACTION_CHECK: {
            "func": "wagtail_govinfo.tasks.build_report",
            "args": "'monthly'",
            "cron": f"15 {hour} 1 * *",
        },
        QUARTERLY_REPORT: {
            "func": "wagtail_govinfo.tasks.build_report",
            "args": "'quarterly'",
            "cron": f"30 {hour} 1 1,4,7,10 *",
        },
        OUTBOX_FLUSH: {
            "func": "wagtail_govinfo.outbox.flush",
            "args": None,
            "cron": "*/5 * * * *",
        },
    }


def next_run_for(cron):
    return croniter(cron, localtime()).get_next(datetime)


def register_schedules(stdout=None):
    """Create or correct the package's schedules; a no-op when they are as declared."""
    changed = []
    for name, spec in schedule_specs().items():
        wanted = {**spec, "schedule_type": Schedule.CRON, "repeats": -1}
        existing = list(Schedule.objects.filter(name=name).order_by("pk"))
        for duplicate in existing[1:]:
            duplicate.delete()
        schedule = existing[0] if existing else None
        if schedule is None:
            Schedule.objects.create(name=name, next_run=next_run_for(spec["cron"]), **wanted)
            changed.append(name)
        elif any(getattr(schedule, key) != value for key, value in wanted.items()) or len(existing) > 1:
            for key, value in wanted.items():
                setattr(schedule, key, value)
            schedule.next_run = next_run_for(spec["cron"])
            schedule.save()
            changed.append(name)
    if stdout is not None:
        stdout.write(
            _("Scheduled checks and reports: %(written)d written, %(kept)d already in place.")
            % {"written": len(changed), "kept": len(schedule_specs()) - len(changed)}
        )
    return changed
