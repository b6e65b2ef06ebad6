"""紧急发布: the platform operator publishes before the review, for a written reason.

Modelled on GOV.UK's force publish. What still holds in an emergency:

* only the platform operator (市政数局, superusers included), and only while
  ``WAGTAIL_GOVINFO["EMERGENCY_PUBLICATION"]`` is on;
* a written reason, kept in the audit log and in the publication ledger (紧急发布);
* the screening of the revision: a secrecy marking always blocks, personal data blocks
  unless it was removed or masked (``RevisionScreening.blocking``);
* the review and sign-off of the same revision start at once (补审、补签); until the
  leader signs, the publication shows on dashboards and in the quarterly report.
"""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _
from wagtail.log_actions import log

from wagtail_govinfo import signals
from wagtail_govinfo.conf import govinfo_settings
from wagtail_govinfo.publication import PublicationRefused, emergency_authority, requires_sign_off
from wagtail_govinfo.roles import is_operator

from .findings import RevisionScreening, describe
from .models import department_of_revision, newest_revision

LOG_EMERGENCY_PUBLISHED = "wagtail_govinfo.emergency_published"


def may_publish_in_emergency(user, page=None):
    """Whether ``user`` may make an emergency publication (of ``page``)."""
    if not govinfo_settings.EMERGENCY_PUBLICATION:
        return False
    if user is None or not user.is_authenticated or not user.is_active or not is_operator(user):
        return False
    return page is None or requires_sign_off(page.specific)


def blocking_findings(revision):
    """Descriptions of what stops ``revision`` going online, even in an emergency."""
    return [describe(finding) for finding in RevisionScreening.of(revision).blocking]


@transaction.atomic
def emergency_publish(page, user, reason):
    """Publish the newest revision of ``page`` now, then start its review and sign-off.

    Raises ``PermissionDenied`` (not allowed), ``ValidationError`` (no reason, or the
    screening blocks). Returns the published revision.
    """
    if not govinfo_settings.EMERGENCY_PUBLICATION:
        raise PublicationRefused(_("Emergency publication is switched off on this site."))
    if not may_publish_in_emergency(user):
        raise PermissionDenied(_("Only the platform operator can publish in an emergency."))
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError({"reason": _("Write down why this cannot wait for the review and sign-off.")})
    page = type(page.specific).objects.select_for_update().get(pk=page.pk)
    revision = newest_revision(page) or page.save_revision(user=user)
    blocking = blocking_findings(revision)
    if blocking:
        raise ValidationError(
            _("The screening blocks this version, even in an emergency: %(findings)s. "
              "Remove the secrecy marking or remove or mask the personal data first.")
            % {"findings": "；".join(blocking)}
        )
    screening = RevisionScreening.of(revision)
    with emergency_authority(revision):
        revision.publish(user=user, skip_permission_checks=True)
    page = type(page).objects.get(pk=page.pk)
    log(
        instance=page,
        action=LOG_EMERGENCY_PUBLISHED,
        user=user,
        revision=revision,
        data={"reason": reason, "revision_id": revision.pk, "fingerprint": screening.fingerprint},
    )
    signals.emergency_published.send(
        sender=type(page),
        page=page,
        revision=revision,
        user=user,
        reason=reason,
        findings=screening.records(),
        department=department_of_revision(revision),
    )
    # 补审、补签: the same revision goes through both steps now.
    workflow = page.get_workflow()
    if workflow is not None and workflow.active:
        workflow.start(page, user)
    return revision

