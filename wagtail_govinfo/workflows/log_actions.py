"""How the review steps read in page history and the audit log (第二十六条)."""

from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from wagtail.log_actions import LogFormatter

from .models import (
    LOG_CONFIDENTIALITY_APPROVED,
    LOG_REJECTED,
    LOG_REVIEW_RESTARTED,
    LOG_SIGNED_OFF,
)


def _task_title(log_entry):
    try:
        return log_entry.data["workflow"]["task"]["title"]
    except (KeyError, TypeError):
        return ""


class ReviewLogFormatter(LogFormatter):
    def format_comment(self, log_entry):
        return (log_entry.data or {}).get("comment", "")


class ConfidentialityApprovedFormatter(ReviewLogFormatter):
    label = _("Confidentiality review passed")

    def format_message(self, log_entry):
        govinfo = (log_entry.data or {}).get("govinfo") or {}
        checklist = govinfo.get("checklist") or {}
        return gettext(
            "Passed '%(task)s': %(confirmed)s of %(total)s items of article 17 confirmed, "
            "%(findings)s screening notices."
        ) % {
            "task": _task_title(log_entry),
            "confirmed": sum(1 for v in checklist.values() if v),
            "total": len(checklist),
            "findings": govinfo.get("findings", 0),
        }


class SignedOffFormatter(ReviewLogFormatter):
    label = _("Signed off by the responsible leader")

    def format_message(self, log_entry):
        return gettext("Signed off at '%(task)s'.") % {"task": _task_title(log_entry)}


class RejectedFormatter(ReviewLogFormatter):
    label = _("Returned for changes")

    def format_message(self, log_entry):
        return gettext("Returned for changes at '%(task)s'.") % {"task": _task_title(log_entry)}


class ReviewRestartedFormatter(LogFormatter):
    label = _("Review restarted")

    def format_message(self, log_entry):
        data = log_entry.data or {}
        return gettext("Back to '%(task)s': %(reason)s") % {
            "task": (data.get("to_task") or {}).get("title", ""),
            "reason": data.get("reason", ""),
        }


class EmergencyPublishedFormatter(LogFormatter):
    label = _("Emergency publication")

    def format_message(self, log_entry):
        return gettext("Published in an emergency, before review and sign-off. Reason: %(reason)s") % {
            "reason": (log_entry.data or {}).get("reason", "")
        }


def register(actions):
    from .emergency import LOG_EMERGENCY_PUBLISHED

    actions.register_action(LOG_EMERGENCY_PUBLISHED)(EmergencyPublishedFormatter)
    actions.register_action(LOG_CONFIDENTIALITY_APPROVED)(ConfidentialityApprovedFormatter)
    actions.register_action(LOG_SIGNED_OFF)(SignedOffFormatter)
    actions.register_action(LOG_REJECTED)(RejectedFormatter)
    actions.register_action(LOG_REVIEW_RESTARTED)(ReviewRestartedFormatter)
