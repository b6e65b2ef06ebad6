"""The ledger's django-q2 schedule, written by ``govinfo_setup``: a daily verification
of every ledger, three quarters of an hour after the daily checks."""

from datetime import datetime

from croniter import croniter
from django.utils.translation import gettext as _
from django_q.models import Schedule
from django_q.utils import localtime

from wagtail_govinfo.conf import govinfo_settings

VERIFY_LEDGERS = "wagtail_govinfo_ledger.verify_ledgers"


def spec():
    return {
        "func": "wagtail_govinfo.ledger.tasks.verify_ledgers",
        "schedule_type": Schedule.CRON,
        "cron": f"45 {govinfo_settings.DAILY_CHECK_HOUR} * * *",
        "repeats": -1,
    }


def register_schedules(stdout=None):
    """Create the schedule, or correct it; unchanged when it is already as declared."""
    wanted = spec()
    existing = list(Schedule.objects.filter(name=VERIFY_LEDGERS).order_by("pk"))
    for duplicate in existing[1:]:
        duplicate.delete()
    current = existing[0] if existing else None
    written = current is None or any(getattr(current, k) != v for k, v in wanted.items())
    if written:
        Schedule.objects.update_or_create(
            name=VERIFY_LEDGERS,
            defaults={**wanted, "next_run": croniter(wanted["cron"], localtime()).get_next(datetime)},
        )
    if stdout is not None:
        stdout.write(
            _("Daily ledger verification: scheduled.") if written else _("Daily ledger verification: already scheduled.")
        )
    return written
