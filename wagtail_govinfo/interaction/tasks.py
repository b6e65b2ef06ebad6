"""Background jobs of the interaction module, run by django-q2: plain functions with
primitive arguments, safe to run twice or on two workers at once."""

import datetime

from django.db import transaction
from django.utils import timezone


def notify_overdue_messages(today=None, dry_run=False):
    """Tell each handling department, once, about its consultations not answered in
    time (第十八条). ``today`` is an ISO date (default: the local date). Returns the
    summary (counts and what was done)."""
    from .overdue import check_overdue_messages

    day = datetime.date.fromisoformat(today) if today else timezone.localdate()
    with transaction.atomic():
        return check_overdue_messages(day, dry_run=dry_run)
