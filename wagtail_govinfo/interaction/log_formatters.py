"""Audit-log actions of message handling (第二十六条: full-process records)."""

from django.utils.translation import gettext_lazy as _
from wagtail.log_actions import LogFormatter

from . import handling


class _CommentFormatter(LogFormatter):
    key = "comment"

    def format_comment(self, log_entry):
        return (log_entry.data or {}).get(self.key, "")


class ReceivedFormatter(LogFormatter):
    label = _("Message received")
    message = _("Message received through the public endpoint")


class AcceptedFormatter(LogFormatter):
    label = _("Message accepted")

    def format_message(self, log_entry):
        if (log_entry.data or {}).get("adjusted"):
            return _("Accepted for publication; the public text was adjusted")
        return _("Accepted for publication")


class RejectedFormatter(_CommentFormatter):
    label = _("Message rejected")
    message = _("Rejected: not to be published")
    key = "reason"


class AssignedFormatter(LogFormatter):
    label = _("Message assigned")

    def format_message(self, log_entry):
        data = log_entry.data or {}
        department = (data.get("department") or {}).get("name", "")
        previous = (data.get("previous") or {}).get("name")
        if previous:
            return _("Moved from %(previous)s to %(department)s") % {
                "previous": previous,
                "department": department,
            }
        return _("Assigned to %(department)s") % {"department": department}


class ReplyDraftedFormatter(LogFormatter):
    label = _("Reply drafted")
    message = _("Reply drafted")


class ReplyReturnedFormatter(_CommentFormatter):
    label = _("Reply returned")
    message = _("Reply returned to the handler")


class ReplyApprovedFormatter(_CommentFormatter):
    label = _("Reply approved")

    def format_message(self, log_entry):
        if (log_entry.data or {}).get("late"):
            return _("Reply approved (after the due date)")
        return _("Reply approved")


class PublishedFormatter(LogFormatter):
    label = _("Message published")
    message = _("Message and reply published")


class OverdueNotifiedFormatter(LogFormatter):
    label = _("Overdue notice")

    def format_message(self, log_entry):
        return _("Not answered by %(due)s: overdue notice sent") % {
            "due": (log_entry.data or {}).get("due_on", "")
        }


FORMATTERS = {
    handling.LOG_RECEIVED: ReceivedFormatter,
    handling.LOG_ACCEPTED: AcceptedFormatter,
    handling.LOG_REJECTED: RejectedFormatter,
    handling.LOG_ASSIGNED: AssignedFormatter,
    handling.LOG_REPLY_DRAFTED: ReplyDraftedFormatter,
    handling.LOG_REPLY_RETURNED: ReplyReturnedFormatter,
    handling.LOG_REPLY_APPROVED: ReplyApprovedFormatter,
    handling.LOG_PUBLISHED: PublishedFormatter,
    handling.LOG_OVERDUE_NOTIFIED: OverdueNotifiedFormatter,
}


def register_log_actions(actions):
    for action, formatter in FORMATTERS.items():
        actions.register_action(action)(formatter)
