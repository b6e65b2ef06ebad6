"""撤稿: the responsible department takes its own page offline (第二十二条, 谁报送、谁负责).

The leader (分管负责人) or principal (主要负责人) of the page's submitting department,
or the platform operator anywhere, takes a published page offline with a written
reason. It is recorded in the audit log (``wagtail_govinfo.withdrawn``) and, through the
``page_withdrawn`` signal, in the publication ledger (撤稿); the department's editors
are told by e-mail once the transaction commits. Wagtail's own unpublish, which asks
for no reason, is not offered on content pages.
"""

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _lazy
from wagtail.actions.unpublish_page import UnpublishPageAction
from wagtail.log_actions import LogFormatter, log

from . import signals
from .lifecycle import queue_notice
from .models import Department, DepartmentRole, Role
from .names import display_name
from .publication import requires_sign_off, withdrawing
from .roles import is_operator

LOG_WITHDRAWN = "wagtail_govinfo.withdrawn"


class WithdrawnFormatter(LogFormatter):
    label = _lazy("Withdraw")

    def format_message(self, log_entry):
        return _("Withdrawn (article 22). Reason: %(reason)s") % {"reason": (log_entry.data or {}).get("reason", "")}


def department_of(page):
    """The submitting department of what is online (the live revision), else the page's."""
    revision = page.live_revision
    content = revision.content if revision is not None and isinstance(revision.content, dict) else {}
    department_id = content.get("submitting_department", getattr(page, "submitting_department_id", None))
    return Department.objects.filter(pk=department_id).first() if department_id else None


def can_withdraw(user, page):
    """The operator, or a leader or principal of the page's submitting department."""
    if user is None or not user.is_authenticated or not user.is_active:
        return False
    page = page.specific
    if not page.live or not requires_sign_off(page):
        return False
    if is_operator(user):
        return True
    department = department_of(page)
    return department is not None and DepartmentRole.objects.filter(
        user=user, department=department, department__is_active=True,
        role__in=[Role.LEADER, Role.PRINCIPAL],
    ).exists()


def editor_addresses(department):
    if department is None:
        return []
    users = (
        get_user_model()
        .objects.filter(govinfo_roles__department=department, govinfo_roles__role=Role.EDITOR, is_active=True)
        .exclude(email="")
        .distinct()
        .order_by("pk")
    )
    return list(users.values_list("email", flat=True))


@transaction.atomic
def withdraw_page(page, user, reason):
    """Take ``page`` offline for ``reason``. Raises PermissionDenied or ValidationError."""
    reason = (reason or "").strip()
    if not can_withdraw(user, page):
        raise PermissionDenied(
            _("Only the responsible or principal leader of the submitting department, or the "
              "platform operator, can withdraw this page.")
        )
    if not reason:
        raise ValidationError({"reason": _("Give the reason for withdrawing the page.")})
    page = type(page.specific).objects.select_for_update().get(pk=page.pk)
    if not page.live:
        return False
    revision = page.live_revision
    department = department_of(page)
    with withdrawing(page):
        # The permission is the one checked above (Wagtail's unpublish is not offered here).
        UnpublishPageAction(page, user=user, log_action=True).execute(skip_permission_checks=True)
    page = type(page).objects.get(pk=page.pk)
    log(instance=page, action=LOG_WITHDRAWN, user=user, revision=revision, data={"reason": reason})
    signals.page_withdrawn.send(
        sender=type(page), page=page, revision=revision, user=user, reason=reason, department=department
    )
    recipients = editor_addresses(department)
    with translation.override(settings.LANGUAGE_CODE):
        values = {"title": page.title, "reason": reason, "name": display_name(user)}
        subject = _("“%(title)s” was withdrawn") % values
        body = _(
            "The page “%(title)s” was taken offline (withdrawn, article 22) by %(name)s.\n\n"
            "Reason: %(reason)s"
        ) % values
    # Through the outbox: stored with the withdrawal, sent once after it commits.
    queue_notice(f"withdrawn:{page.pk}:{revision.pk if revision else 0}", recipients, subject, body)
    return True
