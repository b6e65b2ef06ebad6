"""The handling of a citizen message (留言办理), step by step (第十八条).

Who may do what:

=========  ==========================================  ==========================
action     who                                         from status
=========  ==========================================  ==========================
moderate   platform operator (市政数局)                received
assign     platform operator                           accepted, assigned
reply      editor (承办人员) of the handling department  assigned, reply_drafted
review     reviewer or leader (审核人员) of the handling  reply_drafted
           department, not the one who drafted the reply
publish    platform operator, or a reviewer or leader  reply_approved
           of the handling department
=========  ==========================================  ==========================

Every step runs in a transaction on a locked row, checks both rules again, writes
an audit-log entry (``wagtail_govinfo.message_…``) and raises ``PermissionDenied``
(who) or :class:`HandlingError` (when) otherwise. Views call these functions and
nothing else changes a message's status.

Public text (the adjusted message and the reply) always goes through
:func:`wagtail_govinfo.screening.mask`; what masking cannot remove (a secrecy
marking, 第五条) refuses the step.
"""

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from wagtail.log_actions import log

from wagtail_govinfo.models import DepartmentRole, Role
from wagtail_govinfo.roles import is_auditor, is_operator
from wagtail_govinfo.screening import mask, screen

from .models import CitizenMessage, MessageStatus

MODERATE, ASSIGN, REPLY, REVIEW, PUBLISH = "moderate", "assign", "reply", "review", "publish"
ACTIONS = (MODERATE, ASSIGN, REPLY, REVIEW, PUBLISH)
APPROVER_ROLES = (Role.REVIEWER, Role.LEADER)

#: The statuses from which each action may start.
READY = {
    MODERATE: (MessageStatus.RECEIVED,),
    ASSIGN: (MessageStatus.ACCEPTED, MessageStatus.ASSIGNED),
    REPLY: (MessageStatus.ASSIGNED, MessageStatus.REPLY_DRAFTED),
    REVIEW: (MessageStatus.REPLY_DRAFTED,),
    PUBLISH: (MessageStatus.REPLY_APPROVED,),
}

#: Audit-log actions, registered in ``wagtail_hooks.py``.
LOG_RECEIVED = "wagtail_govinfo.message_received"
LOG_ACCEPTED = "wagtail_govinfo.message_accepted"
LOG_REJECTED = "wagtail_govinfo.message_rejected"
LOG_ASSIGNED = "wagtail_govinfo.message_assigned"
LOG_REPLY_DRAFTED = "wagtail_govinfo.reply_drafted"
LOG_REPLY_RETURNED = "wagtail_govinfo.reply_returned"
LOG_REPLY_APPROVED = "wagtail_govinfo.reply_approved"
LOG_PUBLISHED = "wagtail_govinfo.message_published"
LOG_OVERDUE_NOTIFIED = "wagtail_govinfo.message_overdue_notified"


class HandlingError(Exception):
    """A step that the message's present state does not allow, or unpublishable text."""

    def __init__(self, message, field=None):
        super().__init__(message)
        self.message = message
        self.field = field


# ---------------------------------------------------------------------------
# Who may act


def _holds(user, department, roles):
    if department is None or not user.is_authenticated or not user.is_active:
        return False
    return DepartmentRole.objects.filter(user=user, department=department, role__in=roles).exists()


def may(user, action, message):
    """Whether ``user``'s roles allow ``action`` on ``message`` (whatever its status)."""
    if not user.is_authenticated or not user.is_active:
        return False
    if action in (MODERATE, ASSIGN):
        return is_operator(user)
    if action == REPLY:
        return _holds(user, message.department, (Role.EDITOR,))
    if action == REVIEW:
        # Separation of duties (第十八条: 承办人员 and 审核人员 are two people).
        return _holds(user, message.department, APPROVER_ROLES) and (
            message.reply_drafted_by_id is None or message.reply_drafted_by_id != user.pk
        )
    if action == PUBLISH:
        return is_operator(user) or _holds(user, message.department, APPROVER_ROLES)
    raise ValueError(f"unknown action {action!r}")


def is_ready(action, message):
    """Whether ``message``'s status allows ``action``."""
    return message.status in READY[action]


def available_actions(user, message):
    return [a for a in ACTIONS if is_ready(a, message) and may(user, a, message)]


def may_read_originals(user):
    """Whether every message ``user`` sees in the admin list is one whose original text
    they may read: the operator, and department staff (who see only their departments'
    assigned messages); not auditors, who read originals masked."""
    return is_operator(user) or not is_auditor(user)


def may_see_sender(user, message):
    """The sender's name and contact: the operator and the handling department only."""
    if is_operator(user):
        return True
    return message.status in (
        MessageStatus.ASSIGNED,
        MessageStatus.REPLY_DRAFTED,
        MessageStatus.REPLY_APPROVED,
        MessageStatus.PUBLISHED,
    ) and _holds(user, message.department, Role.values)


# ---------------------------------------------------------------------------
# Public text


def public_version(text):
    """``text`` as it may be published: stripped and masked (personal information,
    sensitive words)."""
    return mask((text or "").replace("\r\n", "\n").strip())


def unmaskable_findings(text):
    """Blocking findings that masking does not remove (secrecy markings)."""
    return [f for f in screen(public_version(text)) if f.blocking]


def _checked_public(text, field):
    findings = unmaskable_findings(text)
    if findings:
        raise HandlingError(
            gettext("Remove %(what)s “%(text)s”: it may not be published (article 5).")
            % {"what": findings[0].label, "text": findings[0].text},
            field=field,
        )
    return public_version(text)


# ---------------------------------------------------------------------------
# Steps


def _locked(message, user, action):
    """``message`` re-read under a row lock, after checking who and when."""
    locked = CitizenMessage.objects.select_for_update().get(pk=message.pk)
    if not may(user, action, locked):
        raise PermissionDenied(gettext("You may not do this with this message."))
    if not is_ready(action, locked):
        raise HandlingError(
            gettext("This message is “%(status)s”: this step is no longer possible.")
            % {"status": locked.get_status_display()}
        )
    return locked


def _refresh(target, source):
    for field in source._meta.concrete_fields:
        setattr(target, field.attname, getattr(source, field.attname))
    return target


def receive(*, kind, subject, body, sender_name, sender_contact, requested_department=None):
    """Store a message from the public endpoint (nothing public yet)."""
    with transaction.atomic():
        message = CitizenMessage.objects.create(
            kind=kind,
            subject=subject,
            body=body,
            sender_name=sender_name,
            sender_contact=sender_contact,
            requested_department=requested_department,
        )
        log(instance=message, action=LOG_RECEIVED, data={"kind": message.kind})
    return message


def accept(message, user, *, public_subject, public_body, department=None):
    """先审后发: accept for publication with the adjusted, masked text; assign at once
    when ``department`` is given."""
    subject = _checked_public(public_subject, "public_subject")
    body = _checked_public(public_body, "public_body")
    if not subject or not body:
        raise HandlingError(gettext("The public subject and text may not be empty."))
    with transaction.atomic():
        locked = _locked(message, user, MODERATE)
        now = timezone.now()
        locked.public_subject, locked.public_body = subject, body
        locked.status = MessageStatus.ACCEPTED
        locked.moderated_by, locked.moderated_at = user, now
        locked.save()
        log(instance=locked, action=LOG_ACCEPTED, user=user, data={"adjusted": _adjusted(locked)})
        if department is not None:
            _assign(locked, user, department)
    return _refresh(message, locked)


def _adjusted(message):
    return message.public_subject != message.subject.strip() or message.public_body != message.body.strip()


def reject(message, user, *, reason):
    """Not accepted (不予受理): never published; the sender sees the reason."""
    reason = (reason or "").strip()
    if not reason:
        raise HandlingError(gettext("Give the reason for the rejection."), field="rejection_reason")
    with transaction.atomic():
        locked = _locked(message, user, MODERATE)
        locked.status = MessageStatus.REJECTED
        locked.rejection_reason = reason
        locked.moderated_by, locked.moderated_at = user, timezone.now()
        locked.save()
        log(instance=locked, action=LOG_REJECTED, user=user, data={"reason": reason})
    return _refresh(message, locked)


def assign(message, user, *, department):
    """Give the message to ``department`` (承办单位), or move it to another one."""
    with transaction.atomic():
        locked = _locked(message, user, ASSIGN)
        _assign(locked, user, department)
    return _refresh(message, locked)


def _assign(locked, user, department):
    if not department.is_active:
        raise HandlingError(gettext("This department is not active."), field="department")
    previous = locked.department
    locked.department = department
    locked.status = MessageStatus.ASSIGNED
    locked.assigned_at = timezone.now()
    locked.save()
    log(
        instance=locked,
        action=LOG_ASSIGNED,
        user=user,
        data={
            "department": {"code": department.code, "name": department.name},
            "previous": {"code": previous.code, "name": previous.name} if previous else None,
        },
    )


def draft_reply(message, user, *, reply, public_subject=None, public_body=None):
    """The handler (承办人员) writes or revises the reply; they may adjust the public
    text of the message as well (第十八条)."""
    reply_text = _checked_public(reply, "reply")
    if not reply_text:
        raise HandlingError(gettext("Write the reply."), field="reply")
    subject = _checked_public(public_subject, "public_subject") if public_subject is not None else None
    body = _checked_public(public_body, "public_body") if public_body is not None else None
    with transaction.atomic():
        locked = _locked(message, user, REPLY)
        locked.reply = reply_text
        if subject:
            locked.public_subject = subject
        if body:
            locked.public_body = body
        locked.reply_drafted_by, locked.reply_drafted_at = user, timezone.now()
        locked.status = MessageStatus.REPLY_DRAFTED
        locked.save()
        log(instance=locked, action=LOG_REPLY_DRAFTED, user=user)
    return _refresh(message, locked)


def approve_reply(message, user, *, comment=""):
    """A reviewer or leader other than the drafter approves: the message is answered."""
    with transaction.atomic():
        locked = _locked(message, user, REVIEW)
        now = timezone.now()
        locked.status = MessageStatus.REPLY_APPROVED
        locked.reply_approved_by = user
        locked.answered_at = now
        locked.review_comment = (comment or "").strip()
        locked.save()
        log(
            instance=locked,
            action=LOG_REPLY_APPROVED,
            user=user,
            data={"comment": locked.review_comment, "late": locked.was_answered_late()},
        )
    return _refresh(message, locked)


def return_reply(message, user, *, comment):
    """The reviewer sends the reply back to the handler, saying why."""
    comment = (comment or "").strip()
    if not comment:
        raise HandlingError(gettext("Say why the reply is returned."), field="comment")
    with transaction.atomic():
        locked = _locked(message, user, REVIEW)
        locked.status = MessageStatus.ASSIGNED
        locked.review_comment = comment
        locked.save()
        log(instance=locked, action=LOG_REPLY_RETURNED, user=user, data={"comment": comment})
    return _refresh(message, locked)


def publish(message, user):
    """Publish the message with its approved reply (it appears in the public list)."""
    with transaction.atomic():
        locked = _locked(message, user, PUBLISH)
        locked.status = MessageStatus.PUBLISHED
        locked.published_at = timezone.now()
        locked.save()
        log(instance=locked, action=LOG_PUBLISHED, user=user)
    return _refresh(message, locked)


#: Labels of the actions, for buttons and the history.
ACTION_LABELS = {
    MODERATE: _("Moderate"),
    ASSIGN: _("Assign"),
    REPLY: _("Draft reply"),
    REVIEW: _("Review reply"),
    PUBLISH: _("Publish"),
}
