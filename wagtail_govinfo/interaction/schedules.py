"""The django-q2 schedule of the interaction module, written by ``govinfo_setup``.

The overdue notice runs every morning at 08:00 (the site's ``TIME_ZONE``), when the
departments read their mail. It is also one of the daily checks (hook
``govinfo_daily_checks``), so ``govinfo_check`` runs it and records the run; being
idempotent, whichever runs first sends the notices and the other finds nothing.
"""

from datetime import datetime

from croniter import croniter
from django.utils.translation import gettext as _
from django_q.models import Schedule
from django_q.utils import localtime

OVERDUE_MESSAGES = "wagtail_govinfo_interaction.overdue_messages"
SPEC = {
    "func": "wagtail_govinfo.interaction.tasks.notify_overdue_messages",
    "schedule_type": Schedule.CRON,
    "cron": "0 8 * * *",
    "repeats": -1,
}


def register_schedules(stdout=None):
    """Create the schedule, or correct it; unchanged when it is already as declared."""
    existing = list(Schedule.objects.filter(name=OVERDUE_MESSAGES).order_by("pk"))
    for duplicate in existing[1:]:
        duplicate.delete()
    current = existing[0] if existing else None
    written = current is None or any(getattr(current, k) != v for k, v in SPEC.items())
    if written:
        Schedule.objects.update_or_create(
            name=OVERDUE_MESSAGES,
            defaults=SPEC,
            create_defaults={**SPEC, "next_run": croniter(SPEC["cron"], localtime()).get_next(datetime)},
        )
    if stdout is not None:
        stdout.write(
            _("Citizen message overdue check: scheduled.")
            if written
            else _("Citizen message overdue check: already scheduled.")
        )
    return written
