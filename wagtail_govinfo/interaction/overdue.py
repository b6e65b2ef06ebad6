"""The daily overdue check (第十八、二十八条): simple consultations not answered within
``MESSAGE_REPLY_WORKING_DAYS`` working days are notified to their handling department
(to the platform operator while not yet assigned), once per message.

Each message is claimed by a conditional update (``overdue_notified_at`` still
empty), so a second run, or a second worker at the same time, finds nothing to send.
The claims and the e-mail of one department are written together (the e-mail into the
outbox, ``wagtail_govinfo/outbox.py``, under a key naming the claimed messages): the
e-mail leaves only after the check's transaction commits, so a run that is killed or
loses its database connection before committing has claimed nothing and sent nothing,
and the next run sends it, once.
"""

import logging
from collections import defaultdict

from django.conf import settings
from django.contrib.auth import get_user_model
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from wagtail.log_actions import log

from wagtail_govinfo.conf import govinfo_settings
from wagtail_govinfo.outbox import queue_email
from wagtail_govinfo.models import Department
from wagtail_govinfo.roles import operator_group

from . import handling
from .models import CitizenMessage

logger = logging.getLogger(__name__)

CHECK_NAME = "interaction_overdue"


def recipients_for(department):
    """E-mail addresses told about ``department``'s overdue messages: its members
    (every role); the platform operator for messages not assigned yet, or when the
    department has nobody with an address."""
    addresses = []
    if department is not None:
        members = get_user_model().objects.filter(govinfo_roles__department=department, is_active=True)
        addresses = _emails(members.distinct())
    return addresses or _emails(operator_group().user_set.filter(is_active=True))


def _emails(users):
    return sorted({u.email for u in users if u.email})


def _admin_url(message):
    base = (getattr(settings, "WAGTAILADMIN_BASE_URL", "") or "").rstrip("/")
    return base + reverse("govinfo_messages:detail", args=[message.pk])


def check_overdue_messages(today, dry_run=False):
    """Notify the newly overdue consultations; a summary for the check run."""
    overdue = CitizenMessage.objects.overdue(today)
    pending = list(
        overdue.filter(overdue_notified_at__isnull=True)
        .select_related("department")
        .order_by("due_date", "pk")
    )
    groups = defaultdict(list)
    for message in pending:
        groups[message.department_id].append(message)
    departments = Department.objects.in_bulk([pk for pk in groups if pk is not None])

    details, errors = [], []
    notified = 0
    for department_id, messages in groups.items():
        department = departments.get(department_id)
        addresses = recipients_for(department)
        where = department.name if department else str(_("not assigned yet"))
        if dry_run:
            details.append(
                _("would notify %(where)s (%(addresses)s): %(messages)s")
                % {
                    "where": where,
                    "addresses": ", ".join(addresses) or _("nobody"),
                    "messages": "、".join(
                        _("#%(pk)s due %(day)s") % {"pk": m.pk, "day": m.due_date} for m in messages
                    ),
                }
            )
            continue
        if not addresses:
            details.append(_("%(where)s: nobody with an e-mail address to notify") % {"where": where})
            continue
        try:
            with transaction.atomic():
                claimed = _claim(messages)
                if claimed:
                    _send(department, claimed, addresses, today)
        except Exception as exc:  # e.g. a template error: the next run tries again
            logger.exception("Overdue notice to %s failed", where)
            errors.append(f"{where}: {type(exc).__name__}: {exc}")
            continue
        notified += len(claimed)
        if claimed:
            details.append(
                _("notified %(where)s: %(messages)s")
                % {"where": where, "messages": "、".join(f"#{m.pk}" for m in claimed)}
            )
    return {
        "overdue": overdue.count(),
        "notified": notified,
        "to_notify": len(pending) if dry_run else len(pending) - notified,
        "details": details,
        "errors": errors,
    }


def _claim(messages):
    now = timezone.now()
    claimed = []
    for message in messages:
        if CitizenMessage.objects.filter(pk=message.pk, overdue_notified_at__isnull=True).update(
            overdue_notified_at=now
        ):
            message.overdue_notified_at = now
            log(
                instance=message,
                action=handling.LOG_OVERDUE_NOTIFIED,
                data={"due_on": message.due_date.isoformat()},
            )
            claimed.append(message)
    return claimed


def _send(department, messages, addresses, today):
    context = {
        "department": department,
        "messages": [
            {
                "pk": m.pk,
                "subject": handling.public_version(m.subject),
                "received_on": m.received_on,
                "due_date": m.due_date,
                "url": _admin_url(m),
                "working_days": m.working_days_taken(today),
            }
            for m in messages
        ],
        "count": len(messages),
        "limit": govinfo_settings.MESSAGE_REPLY_WORKING_DAYS,
        "today": today,
    }
    with translation.override(settings.LANGUAGE_CODE):
        subject = render_to_string("wagtail_govinfo_interaction/emails/overdue_subject.txt", context)
        body = render_to_string("wagtail_govinfo_interaction/emails/overdue_body.txt", context)
    key = "interaction.overdue:%s:%s" % (
        department.pk if department else "-",
        ",".join(str(m.pk) for m in sorted(messages, key=lambda m: m.pk)),
    )
    queue_email(key, subject, body, addresses)
