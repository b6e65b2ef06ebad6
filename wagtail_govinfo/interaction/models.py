"""Citizen messages (网民留言) and their handling (第十八、二十八条).

A message arrives through the public API, is moderated by the platform operator
before anything is public (先审后发), handled by a department: its editor
(承办人员) drafts the reply, one of its reviewers or leaders (审核人员), not the
drafter, approves it, and the approved reply is published. A simple consultation
(简单咨询) is answered within ``MESSAGE_REPLY_WORKING_DAYS`` working days of the
Chinese official calendar.

The original text and the sender's name and contact never leave the admin; the
public sees ``public_subject``/``public_body``/``reply``, which pass through
:func:`wagtail_govinfo.screening.mask` when they are saved.
"""

import secrets

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.db.models.functions import TruncDate
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from wagtail_govinfo.calendar import add_working_days, working_days_between
from wagtail_govinfo.conf import govinfo_settings
from wagtail_govinfo.models import Department
from wagtail_govinfo.roles import is_auditor, is_operator
from wagtail_govinfo.screening import mask

#: Letters and digits a citizen cannot confuse when copying a code (no 0/O, 1/I/L).
TRACKING_ALPHABET = "23456789ABCDEFGHJKMNPQRSTUVWXYZ"
TRACKING_GROUPS, TRACKING_GROUP_LENGTH = 4, 4  # 16 characters: about 79 bits


def new_tracking_code():
    """An unguessable code such as ``7KQM-X3HA-PZ9W-RT4C`` (``secrets``-based)."""
    return "-".join(
        "".join(secrets.choice(TRACKING_ALPHABET) for _ in range(TRACKING_GROUP_LENGTH))
        for _ in range(TRACKING_GROUPS)
    )


def normalise_tracking_code(text):
    """The stored form of a code as a citizen may type it (case, spaces, missing dashes)."""
    compact = "".join(ch for ch in str(text).upper() if ch.isalnum())
    if len(compact) != TRACKING_GROUPS * TRACKING_GROUP_LENGTH:
        return None
    n = TRACKING_GROUP_LENGTH
    return "-".join(compact[i : i + n] for i in range(0, len(compact), n))


class MessageKind(models.TextChoices):
    CONSULTATION = "consultation", _("Consultation")  # 咨询 (简单咨询问题: 5 个工作日内答复)
    COMPLAINT = "complaint", _("Complaint")  # 投诉
    SUGGESTION = "suggestion", _("Suggestion")  # 建议
    OTHER = "other", _("Other")  # 其他


class MessageStatus(models.TextChoices):
    RECEIVED = "received", _("Received, awaiting moderation")  # 已收到，待审核
    REJECTED = "rejected", pgettext_lazy("citizen message", "Rejected")  # 不予受理
    ACCEPTED = "accepted", _("Accepted, awaiting assignment")  # 审核通过，待分办
    ASSIGNED = "assigned", _("Assigned, awaiting reply")  # 已分办，待答复
    REPLY_DRAFTED = "reply_drafted", _("Reply drafted, awaiting review")  # 答复待审核
    REPLY_APPROVED = "reply_approved", _("Reply approved, awaiting publication")  # 答复已审核，待发布
    PUBLISHED = "published", pgettext_lazy("citizen message", "Published")  # 已公开


class PublicStatus(models.TextChoices):
    """What the sender is told: the internal steps collapse into “being handled”."""

    RECEIVED = "received", _("Received, awaiting review")  # 待审核
    REJECTED = "rejected", _("Not accepted")  # 不予受理
    PROCESSING = "processing", _("Being handled")  # 办理中
    ANSWERED = "answered", pgettext_lazy("citizen message", "Answered")  # 已答复
    PUBLISHED = "published", _("Answered and published")  # 已答复并公开


PUBLIC_STATUS = {
    MessageStatus.RECEIVED: PublicStatus.RECEIVED,
    MessageStatus.REJECTED: PublicStatus.REJECTED,
    MessageStatus.ACCEPTED: PublicStatus.PROCESSING,
    MessageStatus.ASSIGNED: PublicStatus.PROCESSING,
    MessageStatus.REPLY_DRAFTED: PublicStatus.PROCESSING,
    MessageStatus.REPLY_APPROVED: PublicStatus.ANSWERED,
    MessageStatus.PUBLISHED: PublicStatus.PUBLISHED,
}

#: Statuses in which the message has its answer (the approved reply).
ANSWERED_STATUSES = (MessageStatus.REPLY_APPROVED, MessageStatus.PUBLISHED)
#: Statuses in which the handling department works on the message.
DEPARTMENT_STATUSES = (
    MessageStatus.ASSIGNED,
    MessageStatus.REPLY_DRAFTED,
    MessageStatus.REPLY_APPROVED,
    MessageStatus.PUBLISHED,
)


class CitizenMessageQuerySet(models.QuerySet):
    def published(self):
        return self.filter(status=MessageStatus.PUBLISHED)

    def consultations(self):
        return self.filter(kind=MessageKind.CONSULTATION)

    def unanswered(self):
        return self.exclude(status__in=(*ANSWERED_STATUSES, MessageStatus.REJECTED))

    def overdue(self, today=None):
        """Consultations past their due date and still without an approved reply."""
        today = today or timezone.localdate()
        return self.unanswered().filter(due_date__lt=today)

    def answered_late(self):
        """Consultations answered after their due date (local dates)."""
        return self.annotate(answered_on=TruncDate("answered_at")).filter(
            due_date__isnull=False, answered_on__gt=F("due_date")
        )

    def visible_to(self, user):
        """What ``user`` may see in the admin: everything for the platform operator and
        auditors; for department members, their departments' messages once assigned."""
        if not user.is_authenticated or not user.is_active:
            return self.none()
        if is_operator(user) or is_auditor(user):
            return self
        return self.filter(
            department__in=Department.objects.for_user(user), status__in=DEPARTMENT_STATUSES
        )

    def for_departments(self, departments):
        return self.filter(department__in=departments, status__in=DEPARTMENT_STATUSES)


class CitizenMessage(models.Model):
    """A message left by a citizen (网民留言) and its handling up to the published reply."""

    tracking_code = models.CharField(
        _("tracking code"), max_length=32, unique=True, default=new_tracking_code, editable=False
    )
    kind = models.CharField(
        _("kind"), max_length=16, choices=MessageKind.choices, default=MessageKind.CONSULTATION
    )
    # What the citizen wrote: never shown publicly.
    subject = models.CharField(_("subject"), max_length=100)
    body = models.TextField(_("message"))
    sender_name = models.CharField(_("sender's name"), max_length=50)  # personal information
    sender_contact = models.CharField(_("sender's contact"), max_length=100)  # personal information
    requested_department = models.ForeignKey(
        Department,
        verbose_name=_("department asked by the sender"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )

    status = models.CharField(
        _("status"),
        max_length=16,
        choices=MessageStatus.choices,
        default=MessageStatus.RECEIVED,
        db_index=True,
    )
    received_at = models.DateTimeField(_("received at"), default=timezone.now, db_index=True)
    #: The last day to answer a consultation (第十八条); None for other kinds.
    due_date = models.DateField(_("answer due on"), null=True, blank=True, db_index=True)

    # Moderation (先审后发) by the platform operator.
    public_subject = models.CharField(_("public subject"), max_length=100, blank=True)
    public_body = models.TextField(
        _("public text"),
        blank=True,
        help_text=_("The message as published: adjusted by the reviewer and masked."),
    )
    rejection_reason = models.TextField(_("reason for rejection"), blank=True)
    moderated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("moderated by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    moderated_at = models.DateTimeField(_("moderated at"), null=True, blank=True)

    # Handling department (承办单位).
    department = models.ForeignKey(
        Department,
        verbose_name=_("handling department"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="citizen_messages",
    )
    assigned_at = models.DateTimeField(_("assigned at"), null=True, blank=True)

    # The reply: drafted by a handler (承办人员), approved by another person (审核人员).
    reply = models.TextField(_("reply"), blank=True)
    reply_drafted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("reply drafted by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    reply_drafted_at = models.DateTimeField(_("reply drafted at"), null=True, blank=True)
    review_comment = models.TextField(
        _("reviewer's comment"),
        blank=True,
        help_text=_("Why the reply was returned, or a note on its approval."),
    )
    reply_approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("reply approved by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    #: When the reply was approved: from then on the sender can read it.
    answered_at = models.DateTimeField(_("answered at"), null=True, blank=True)
    published_at = models.DateTimeField(_("published at"), null=True, blank=True)

    #: Set once the handling department was told the message is overdue.
    overdue_notified_at = models.DateTimeField(_("overdue notice sent at"), null=True, blank=True)

    objects = CitizenMessageQuerySet.as_manager()

    class Meta:
        verbose_name = _("citizen message")
        verbose_name_plural = _("citizen messages")
        ordering = ["-received_at", "-pk"]
        indexes = [models.Index(fields=["status", "due_date"], name="govinfo_message_due_idx")]
        constraints = [
            models.CheckConstraint(
                condition=~Q(status="published") | Q(published_at__isnull=False, answered_at__isnull=False),
                name="govinfo_message_published_has_dates",
            )
        ]

    def __str__(self):
        # Also the label of audit-log entries: masked, as an auditor may read it.
        return f"{self.reference} {self.masked_subject()}".strip()

    def masked_subject(self):
        """The subject for lists and titles in the admin: the public subject once
        moderated, else the original with personal information masked."""
        return self.public_subject or mask(self.subject)

    masked_subject.short_description = _("subject")
    masked_subject.admin_order_field = "subject"

    def save(self, *args, **kwargs):
        if self.due_date is None and self.kind == MessageKind.CONSULTATION:
            self.due_date = self.compute_due_date()
        super().save(*args, **kwargs)

    def compute_due_date(self):
        """``MESSAGE_REPLY_WORKING_DAYS`` working days after the day of receipt (local time)."""
        if self.kind != MessageKind.CONSULTATION:
            return None
        received_on = timezone.localdate(self.received_at)
        return add_working_days(received_on, govinfo_settings.MESSAGE_REPLY_WORKING_DAYS)

    @property
    def reference(self):
        """A short internal reference for reports and e-mails (not the tracking code,
        which lets its holder read the message's status)."""
        return f"LY{self.pk:06d}" if self.pk else ""

    @property
    def received_on(self):
        return timezone.localdate(self.received_at)

    @property
    def is_answered(self):
        return self.status in ANSWERED_STATUSES

    def is_overdue(self, today=None):
        """Past the due date without an approved reply (never stored: computed)."""
        if self.due_date is None or self.is_answered or self.status == MessageStatus.REJECTED:
            return False
        return (today or timezone.localdate()) > self.due_date

    def was_answered_late(self):
        return bool(
            self.due_date and self.answered_at and timezone.localdate(self.answered_at) > self.due_date
        )

    def working_days_taken(self, today=None):
        """Working days from receipt to the answer, or to ``today`` while unanswered."""
        end = timezone.localdate(self.answered_at) if self.answered_at else (today or timezone.localdate())
        return working_days_between(self.received_on, end)

    @property
    def public_status(self):
        return PUBLIC_STATUS[MessageStatus(self.status)]
