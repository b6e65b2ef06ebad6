"""The ledgers listen; they never import the apps that send (workflows, checks).

Two ordering details, both inside one transaction:

* When a review workflow is approved, Wagtail publishes the page while finishing the
  workflow, before the sign-off task announces the sign-off (``submission_signed_off``).
  The publication entry names the reviewer and the leader who signed what went online,
  so such a publication waits for the sign-off of the same revision.
* When a topic is revoked (第二十一条), it is unpublished first and ``topic_revoked``
  follows; the unpublication of the topic waits for it, so the ledger shows one 撤销
  rather than a 下线 and a 撤销.

Whatever is still waiting when the transaction commits is written then, as it happened.
"""

from asgiref.local import Local
from django.contrib.auth import get_user_model
from django.db import connection, transaction
from django.utils import timezone
from wagtail.log_actions import get_active_log_context
from wagtail.models import PageLogEntry, WorkflowState
from wagtail.signals import page_published, page_unpublished

from wagtail_govinfo import publication, signals
from wagtail_govinfo.models import AbstractGovInfoContentPage, AbstractTopicPage, TopicStatus

from .models import PublicationKind, SubmissionLedgerEntry
from .recording import (
    emergency_remarks,
    record_publication,
    record_revocation,
    record_submission,
    withdrawal_remarks,
)

#: Events waiting for the signal that completes them, per thread:
#: (kind, revision or page pk) -> the arguments of ``record_publication``.
_waiting = Local()


def _waiting_events():
    if not hasattr(_waiting, "events"):
        _waiting.events = {}
    return _waiting.events


def _wait(key, page, kind, revision=None):
    _waiting_events()[key] = {
        "page": page,
        "kind": kind,
        "revision": revision,
        "user": get_active_log_context().user,
        "at": timezone.now(),
    }
    transaction.on_commit(lambda: _write_waiting(key))


def _take_waiting(key):
    """The waiting event ``key`` if it still stands (its transaction was not rolled back)."""
    event = _waiting_events().pop(key, None)
    if event is None:
        return None
    page = event["page"]
    live, live_revision_id = (
        type(page).objects.filter(pk=page.pk).values_list("live", "live_revision_id").first()
        or (False, None)
    )
    if event["kind"] == PublicationKind.PUBLISH:
        stands = live and live_revision_id == event["revision"].pk
    else:
        stands = not live
    return event if stands else None


def _write_waiting(key):
    event = _take_waiting(key)
    if event is None:
        return
    if event["user"] is None and event["revision"] is not None:
        # Outside an admin request the publisher is known from Wagtail's log entry of the
        # publication, written after the signal that made the event wait.
        event["user"] = (
            PageLogEntry.objects.filter(
                page_id=event["page"].pk, revision_id=event["revision"].pk, action="wagtail.publish"
            )
            .order_by("-timestamp")
            .values_list("user", flat=True)
            .first()
        )
        if event["user"] is not None:
            event["user"] = get_user_model().objects.filter(pk=event["user"]).first()
    record_publication(**event)


def _is_information(page):
    # Columns, listings and the site root are the operator's structure, not information.
    return isinstance(page, AbstractGovInfoContentPage)


def _sign_off_pending(revision):
    """Is ``revision`` being published by the workflow that is signing it off right now?"""
    return (
        connection.in_atomic_block
        and not SubmissionLedgerEntry.objects.filter(revision_key=revision.pk).exists()
        and WorkflowState.objects.filter(
            status=WorkflowState.STATUS_APPROVED, current_task_state__revision_id=revision.pk
        ).exists()
    )


def _signed_off(sender, *, page, revision, submitter, reviewer, leader, reviewed_at, signed_at,
                checklist=None, findings=None, comment="", department=None, review_comment="", **kwargs):
    record_submission(
        page=page, revision=revision, submitter=submitter, reviewer=reviewer, leader=leader,
        reviewed_at=reviewed_at, signed_at=signed_at, checklist=checklist, findings=findings,
        comment=comment, department=department, review_comment=review_comment,
    )
    if revision is not None:
        _write_waiting(("publish", revision.pk))


def _page_published(sender, instance, revision=None, **kwargs):
    if not _is_information(instance):
        return
    if publication.in_emergency(revision):
        return  # recorded as 紧急发布, with its reason, from ``emergency_published``
    if revision is not None and _sign_off_pending(revision):
        _wait(("publish", revision.pk), instance, PublicationKind.PUBLISH, revision)
    else:
        record_publication(instance, kind=PublicationKind.PUBLISH, revision=revision)


def _page_unpublished(sender, instance, **kwargs):
    if not _is_information(instance):
        return
    if publication.is_withdrawing(instance):
        return  # recorded as 撤稿, with its reason, from ``page_withdrawn``
    if getattr(instance, "status", None) == TopicStatus.REVOKED:
        # Already revoked: recorded once as 撤销, whichever of this and ``topic_revoked``
        # arrives first.
        record_revocation(instance)
    elif isinstance(instance, AbstractTopicPage) and connection.in_atomic_block:
        _wait(("unpublish", instance.pk), instance, PublicationKind.UNPUBLISH)
    else:
        record_publication(instance, kind=PublicationKind.UNPUBLISH)


def _topic_revoked(sender, *, page, days_without_update=None, **kwargs):
    event = _take_waiting(("unpublish", page.pk)) or {}
    record_revocation(
        page, days_without_update=days_without_update, user=event.get("user"), at=event.get("at")
    )


def _emergency_published(sender, *, page, revision, user, reason, **kwargs):
    record_publication(
        page, kind=PublicationKind.EMERGENCY, revision=revision, user=user,
        remarks=emergency_remarks(reason),
    )


def _page_withdrawn(sender, *, page, revision=None, user, reason, **kwargs):
    record_publication(
        page, kind=PublicationKind.WITHDRAW, revision=revision, user=user,
        remarks=withdrawal_remarks(reason),
    )


def register_signal_handlers():
    signals.emergency_published.connect(_emergency_published, dispatch_uid="govinfo_ledger_emergency")
    signals.page_withdrawn.connect(_page_withdrawn, dispatch_uid="govinfo_ledger_withdrawn")
    signals.submission_signed_off.connect(_signed_off, dispatch_uid="govinfo_ledger_signed_off")
    signals.topic_revoked.connect(_topic_revoked, dispatch_uid="govinfo_ledger_topic_revoked")
    page_published.connect(_page_published, dispatch_uid="govinfo_ledger_page_published")
    page_unpublished.connect(_page_unpublished, dispatch_uid="govinfo_ledger_page_unpublished")
