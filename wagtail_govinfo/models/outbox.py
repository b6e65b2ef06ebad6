"""The outbox: every e-mail the package sends, recorded before it leaves.

A notification is written here inside the transaction that decides it (a claimed
overdue message, a topic warning), under a unique ``key`` naming the event and the
recipient. It is delivered by a django-q2 task queued once the transaction commits;
``sent_at`` records the delivery. A rolled-back transaction leaves no row and sends
nothing; a retried job finds the key taken and queues nothing new; a worker killed
before delivery leaves a pending row that the next delivery or the periodic flush
sends (``wagtail_govinfo/outbox.py``).
"""

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class OutboundEmail(models.Model):
    """One e-mail, sent at most once per ``key``."""

    key = models.CharField(_("idempotency key"), max_length=255, unique=True)
    subject = models.CharField(_("subject"), max_length=998)
    body = models.TextField(_("body"))
    html_body = models.TextField(_("HTML body"), blank=True)
    from_email = models.CharField(_("from"), max_length=254)
    recipients = models.JSONField(_("recipients"), default=list)
    created_at = models.DateTimeField(_("created at"), default=timezone.now)
    sent_at = models.DateTimeField(_("sent at"), null=True, blank=True, db_index=True)
    attempts = models.PositiveSmallIntegerField(_("delivery attempts"), default=0)
    last_error = models.TextField(_("last error"), blank=True)

    class Meta:
        verbose_name = _("outbound e-mail")
        verbose_name_plural = _("outbound e-mails")
        ordering = ["-created_at", "-pk"]

    def __str__(self):
        return self.subject
