"""E-mails that leave once, after the transaction that decided them commits.

Call sites use ``queue_email(key, subject, body, recipients)`` inside their
transaction instead of sending:

* the e-mail is stored as an ``OutboundEmail`` under ``key`` (unique): a second call
  with the same key, from a retried job or a second worker, stores and sends nothing;
* when the transaction commits, ``deliver`` is queued through django-q2; when it
  rolls back, nothing was stored and nothing is sent;
* ``deliver`` locks the row, sends, and records ``sent_at`` in one transaction, so two
  deliveries of the same row never both send;
* a delivery that was never queued (the process died between the commit and the
  queueing) or that failed (mail server down) is sent by ``flush`` (scheduled every
  few minutes by ``govinfo_setup``), up to ``OUTBOX_MAX_ATTEMPTS`` attempts.

One window remains, as with any mail client: a process killed after the mail server
accepted a message and before ``sent_at`` was committed sends it again on the next
attempt. The ``Message-ID`` header is derived from the key, so that repeat carries the
same id as the first and mail systems can recognise it.
"""

import hashlib
import logging

from django.conf import settings
from django.core.mail import EmailMultiAlternatives, get_connection
from django.db import IntegrityError, transaction
from django.utils import timezone

from .conf import govinfo_settings

logger = logging.getLogger(__name__)

DELIVER_TASK = "wagtail_govinfo.outbox.deliver"
MAX_KEY_LENGTH = 255


def _key(key):
    key = str(key)
    if len(key) > MAX_KEY_LENGTH:
        key = key[:190] + ":" + hashlib.sha256(key.encode("utf-8")).hexdigest()
    return key


def message_id(key):
    """A ``Message-ID`` that is the same every time the e-mail of ``key`` is sent."""
    sender = govinfo_settings.FROM_EMAIL or settings.DEFAULT_FROM_EMAIL
    domain = sender.rsplit("@", 1)[-1].strip(">") if "@" in sender else "govinfo.invalid"
    return f"<{hashlib.sha256(key.encode('utf-8')).hexdigest()[:40]}.govinfo@{domain}>"


def queue_email(key, subject, body, recipients, *, html_body="", from_email=None):
    """Store the e-mail under ``key`` (once) and deliver it after the transaction commits.

    Returns the ``OutboundEmail``, or None when there is nobody to send to. Call it
    inside the transaction that makes the e-mail true.
    """
    from .models import OutboundEmail

    recipients = [address for address in recipients if address]
    if not recipients:
        return None
    key = _key(key)
    defaults = {
        "subject": " ".join(str(subject).split())[:998],
        "body": str(body),
        "html_body": str(html_body or ""),
        "from_email": from_email or govinfo_settings.FROM_EMAIL or settings.DEFAULT_FROM_EMAIL,
        "recipients": list(recipients),
    }
    try:
        with transaction.atomic():
            email, created = OutboundEmail.objects.get_or_create(key=key, defaults=defaults)
    except IntegrityError:  # another transaction stored it first
        return OutboundEmail.objects.get(key=key)
    if created:
        pk = email.pk
        _on_commit(lambda: enqueue_delivery(pk))
    return email


def _on_commit(callback):
    transaction.on_commit(callback)


def enqueue_delivery(pk):
    """Queue the delivery of one stored e-mail; ``flush`` catches it if this fails."""
    from django_q.tasks import async_task

    try:
        async_task(DELIVER_TASK, pk, task_name=f"govinfo-email-{pk}")
    except Exception:  # broker unreachable: the row stays pending for the flush
        logger.exception("Could not queue the delivery of e-mail %s", pk)


def deliver(pk):
    """Send the stored e-mail ``pk`` unless it was sent already. True if sent now."""
    from .models import OutboundEmail

    with transaction.atomic():
        email = (
            OutboundEmail.objects.select_for_update(skip_locked=True)
            .filter(pk=pk, sent_at__isnull=True)
            .first()
        )
        if email is None:  # sent already, or being sent by another worker right now
            return False
        email.attempts += 1
        message = EmailMultiAlternatives(
            email.subject,
            email.body,
            email.from_email,
            email.recipients,
            headers={"Message-ID": message_id(email.key), "Auto-Submitted": "auto-generated"},
        )
        if email.html_body:
            message.attach_alternative(email.html_body, "text/html")
        try:
            get_connection().send_messages([message])
        except Exception as exc:
            logger.exception("E-mail %s (%s) could not be sent", email.pk, email.key)
            email.last_error = f"{type(exc).__name__}: {exc}"[:2000]
            email.save(update_fields=["attempts", "last_error"])
            return False
        email.sent_at = timezone.now()
        email.last_error = ""
        email.save(update_fields=["attempts", "last_error", "sent_at"])
    return True


def pending():
    """E-mails not sent yet that may still be tried."""
    from .models import OutboundEmail

    return OutboundEmail.objects.filter(
        sent_at__isnull=True, attempts__lt=govinfo_settings.OUTBOX_MAX_ATTEMPTS
    ).order_by("pk")


def flush():
    """Deliver every pending e-mail; returns how many were sent now."""
    sent = 0
    for pk in pending().values_list("pk", flat=True):
        sent += deliver(pk)
    return sent
