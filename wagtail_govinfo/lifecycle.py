"""The life of a topic (专题/专栏, 第二十一条): warned, revoked, archived, restored.

A topic's last update is the latest publication of the topic or of any page under it.
The daily check (``check_topics``):

* warns the owner departments' editors and leaders once the topic has gone
  ``TOPIC_WARNING_DAYS`` days without update (e-mail, audit log, dashboard panel);
* revokes it after ``TOPIC_REVOKE_DAYS`` days: unpublishes the topic with its subtree,
  sets its status to ``revoked``, logs ``wagtail_govinfo.topic_revoked``, sends the
  ``topic_revoked`` signal (the ledger records a 撤销 entry) and tells the owners.
  A revocation always follows a warning made on an earlier day: if the check could
  not run on the warning days, the topic is warned first and revoked at the next run.

"Day N" is N calendar days after the day of the last update (Asia/Shanghai, the
site's ``TIME_ZONE``). Each warning and each revocation is recorded as a
``TopicNotice`` unique per topic, kind and last update: a second run, or a second
worker running at the same moment, finds the record and does nothing more.

Archived topics stay readable but can no longer be edited and are not checked; a
revoked topic can be restored only by the platform operator (市政数局).
"""

import datetime
import logging
from dataclasses import dataclass

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.db.models import Subquery
from django.urls import reverse
from django.utils import formats, timezone, translation
from django.utils.translation import gettext as _
from wagtail.log_actions import log
from wagtail.models import Page, Revision

from . import publication, signals
from .conf import govinfo_settings
from .outbox import queue_email
from .models import Role, TopicNotice, TopicNoticeKind, TopicPage, TopicStatus
from .roles import has_role, is_operator
from .subtree import in_subtree, under_outer

logger = logging.getLogger(__name__)

WARN = "warn"
REVOKE = "revoke"


def latest_publication_under(include_self=True):
    """Subquery: the latest ``last_published_at`` in the outer page's subtree."""
    return Subquery(
        Page.objects.filter(under_outer(include_self=include_self), last_published_at__isnull=False)
        .order_by("-last_published_at")
        .values("last_published_at")[:1]
    )


def topics_with_last_update(queryset=None):
    """Topics annotated with ``last_update``, in one query whatever their number."""
    if queryset is None:
        queryset = TopicPage.objects.all()
    return queryset.annotate(last_update=latest_publication_under())


def last_update_of(topic):
    page = Page.objects.filter(in_subtree(topic.path), last_published_at__isnull=False)
    return page.order_by("-last_published_at").values_list("last_published_at", flat=True).first()


def days_since(moment, today):
    return (today - timezone.localdate(moment)).days


def revoke_on(last_update):
    """The first day on which a topic last updated at ``last_update`` may be revoked."""
    return timezone.localdate(last_update) + datetime.timedelta(days=govinfo_settings.TOPIC_REVOKE_DAYS)


@dataclass
class TopicAction:
    kind: str  # WARN or REVOKE
    topic_id: int
    title: str
    last_update: datetime.datetime
    days: int

    def as_dict(self):
        return {
            "action": self.kind,
            "topic": self.topic_id,
            "title": self.title,
            "last_update": self.last_update,
            "days_without_update": self.days,
        }


def plan_topics(today):
    """What the check would do today: (actions, number of topics checked, topics without date).

    Two queries: the active live topics with their last update, and the notices
    already made for the quiet ones.
    """
    warning_days = govinfo_settings.TOPIC_WARNING_DAYS
    revoke_days = govinfo_settings.TOPIC_REVOKE_DAYS
    rows = list(
        topics_with_last_update(TopicPage.objects.live().filter(status=TopicStatus.ACTIVE))
        .order_by("path")
        .values_list("pk", "title", "last_update")
    )
    undated = [{"topic": pk, "title": title} for pk, title, last in rows if last is None]
    quiet = [
        (pk, title, last, days_since(last, today))
        for pk, title, last in rows
        if last is not None and days_since(last, today) >= min(warning_days, revoke_days)
    ]
    warned_before = {}
    if quiet:
        for topic_id, last, day in TopicNotice.objects.filter(
            topic_id__in=[pk for pk, *_ in quiet], kind=TopicNoticeKind.WARNING
        ).values_list("topic_id", "last_update", "day"):
            warned_before[(topic_id, last)] = day
    actions = []
    for pk, title, last, days in quiet:
        warned_on = warned_before.get((pk, last))
        if days >= revoke_days and warned_on is not None and warned_on < today:
            actions.append(TopicAction(REVOKE, pk, title, last, days))
        elif warned_on is None:
            actions.append(TopicAction(WARN, pk, title, last, days))
    return actions, len(rows), undated


def check_topics(today, dry_run=False):
    """The daily topic check. Returns a summary; ``errors`` lists topics it could not handle."""
    actions, checked, undated = plan_topics(today)
    summary = {
        "checked": checked,
        "warned": [],
        "revoked": [],
        "undated": undated,
        "planned": [a.as_dict() for a in actions],
        "errors": [],
        "details": [
            _("%(action)s: %(title)s (#%(id)s), %(days)d days without update")
            % {"action": _("warn") if a.kind == WARN else _("revoke"), "title": a.title, "id": a.topic_id, "days": a.days}
            for a in actions
        ],
    }
    if dry_run:
        return summary
    for action in actions:
        try:
            done = (warn_topic if action.kind == WARN else revoke_topic)(action, today)
        except Exception as exc:  # one topic must not stop the others
            logger.exception("Topic check failed for topic %s", action.topic_id)
            summary["errors"].append(f"{action.title} (#{action.topic_id}): {exc!r}")
            continue
        if done:
            summary["warned" if action.kind == WARN else "revoked"].append(action.topic_id)
    return summary


def _claim_notice(action, today, kind):
    """Lock the topic of ``action`` for this transaction and record its notice of ``kind``
    for this quiet streak. Returns (topic, notice), or None when there is nothing to do:
    the topic is no longer active, live and as planned, or the notice exists already
    (an earlier run, or another worker, made it)."""
    topic = TopicPage.objects.select_for_update().filter(pk=action.topic_id).first()
    if topic is None or topic.status != TopicStatus.ACTIVE or not topic.live:
        return None
    if last_update_of(topic) != action.last_update:  # updated since the plan was made
        return None
    notice, created = TopicNotice.objects.get_or_create(
        topic=topic,
        kind=kind,
        last_update=action.last_update,
        defaults={"day": today, "days_without_update": action.days},
    )
    if not created:
        return None
    return topic, notice


def warn_topic(action, today):
    """Warn the owners of a quiet topic, once per quiet streak. True if warned now."""
    with transaction.atomic():
        claimed = _claim_notice(action, today, TopicNoticeKind.WARNING)
        if claimed is None:
            return False
        topic, notice = claimed
        recipients = owner_addresses(topic)
        notice.recipients = recipients
        notice.save(update_fields=["recipients"])
        log(
            instance=topic,
            action="wagtail_govinfo.topic_warned",
            data={
                "days_without_update": action.days,
                "last_update": action.last_update.isoformat(),
                "revoke_on": revoke_on(action.last_update).isoformat(),
            },
        )
        signals.topic_warned.send(
            sender=TopicPage,
            page=topic,
            days_without_update=action.days,
            today=today,
            last_update=action.last_update,
        )
        queue_notice(f"topic.warning:{notice.pk}", recipients, *_warning_message(topic, action))
    return True


def revoke_topic(action, today):
    """Revoke a topic without update (第二十一条), once. True if revoked now."""
    with transaction.atomic():
        claimed = _claim_notice(action, today, TopicNoticeKind.REVOCATION)
        if claimed is None:
            return False
        topic, notice = claimed
        live_pages = list(
            Page.objects.filter(in_subtree(topic.path)).live().order_by("path").specific()
        )
        notice.unpublished = [[p.pk, p.live_revision_id] for p in live_pages]
        notice.recipients = owner_addresses(topic)
        notice.save(update_fields=["unpublished", "recipients"])
        # Deepest first, so no moment exists where a live page sits under an unpublished one.
        for page in reversed(live_pages):
            page.unpublish(log_action=True)
        TopicPage.objects.filter(pk=topic.pk).update(status=TopicStatus.REVOKED)
        topic.refresh_from_db()
        log(
            instance=topic,
            action="wagtail_govinfo.topic_revoked",
            data={
                "days_without_update": action.days,
                "last_update": action.last_update.isoformat(),
                "unpublished": [p.pk for p in live_pages],
            },
        )
        signals.topic_revoked.send(
            sender=TopicPage,
            page=topic,
            days_without_update=action.days,
            today=today,
            last_update=action.last_update,
            unpublished=[p.pk for p in live_pages],
        )
        queue_notice(f"topic.revocation:{notice.pk}", notice.recipients, *_revocation_message(topic, action))
    return True


# ---------------------------------------------------------------------------
# Archive and restore


WARNED = "warned"


def with_life_status(pages):
    """``pages`` (any page queryset, e.g. the explorer's) with what :func:`warned_until`
    needs for their topics, in the same query: the latest publication in each topic's
    subtree and whether its owners were warned since. Other pages get None."""
    from django.contrib.contenttypes.models import ContentType
    from django.db.models import BooleanField, Case, Exists, OuterRef, When

    topic_type = ContentType.objects.get_for_model(TopicPage)
    return pages.annotate(
        govinfo_last_update=Case(When(content_type=topic_type, then=latest_publication_under()), default=None),
    ).annotate(
        govinfo_warned=Case(
            When(
                content_type=topic_type,
                then=Exists(
                    TopicNotice.objects.filter(
                        topic_id=OuterRef("pk"),
                        kind=TopicNoticeKind.WARNING,
                        last_update=OuterRef("govinfo_last_update"),
                    )
                ),
            ),
            default=False,
            output_field=BooleanField(),
        )
    )


def warned_until(topic):
    """For an active topic whose owners were warned in its current quiet streak (预警, not
    yet revoked): the first day it may be revoked; None otherwise (two queries, none when
    the topic came from :func:`with_life_status`)."""
    if topic.status != TopicStatus.ACTIVE:
        return None
    if hasattr(topic, "govinfo_last_update"):
        last_update, warned = topic.govinfo_last_update, topic.govinfo_warned
    else:
        last_update = last_update_of(topic)
        warned = last_update is not None and TopicNotice.objects.filter(
            topic_id=topic.pk, kind=TopicNoticeKind.WARNING, last_update=last_update
        ).exists()
    if last_update is None:
        return None
    return revoke_on(last_update) if warned else None


def life_status(topic):
    """(key, label) of ``topic``'s life cycle as people see it: active (正常), warned
    (即将撤销, with the day), revoked (已撤销) or archived (已归档)."""
    if topic.status == TopicStatus.REVOKED:
        return TopicStatus.REVOKED.value, _("Revoked")
    if topic.status == TopicStatus.ARCHIVED:
        return TopicStatus.ARCHIVED.value, _("Archived")
    day = warned_until(topic)
    if day is not None:
        return WARNED, _("To be revoked from %(day)s") % {"day": formats.date_format(day, "DATE_FORMAT")}
    return TopicStatus.ACTIVE.value, _("Active topic")


def can_archive(user, topic):
    """Owners (editors and leaders of an owner department) and the operator may archive."""
    if not user.is_authenticated or not user.is_active:
        return False
    if is_operator(user):
        return True
    return any(
        has_role(user, department, role)
        for department in topic.owner_departments.all()
        for role in (Role.EDITOR, Role.LEADER)
    )


def can_restore(user, topic):
    return user.is_authenticated and user.is_active and is_operator(user)


def archive_topic(topic, user):
    """Archive a finished topic: it stays readable, is frozen and is no longer checked."""
    if not can_archive(user, topic):
        raise PermissionDenied
    with transaction.atomic():
        topic = TopicPage.objects.select_for_update().get(pk=topic.pk)
        if topic.status != TopicStatus.ACTIVE:
            return False
        TopicPage.objects.filter(pk=topic.pk).update(status=TopicStatus.ARCHIVED)
        topic.refresh_from_db()
        log(instance=topic, action="wagtail_govinfo.topic_archived", user=user)
        signals.topic_archived.send(sender=TopicPage, page=topic, user=user)
    return True


def restore_topic(topic, user):
    """Bring back a revoked or archived topic (operator only).

    A revoked topic is published again with exactly the revisions that were live when
    it was revoked, so nothing unreviewed goes online; the new publication restarts
    the clock of the check.
    """
    if not can_restore(user, topic):
        raise PermissionDenied
    with transaction.atomic():
        topic = TopicPage.objects.select_for_update().get(pk=topic.pk)
        if topic.status == TopicStatus.ACTIVE:
            return False
        if topic.status == TopicStatus.REVOKED:
            notice = (
                TopicNotice.objects.filter(
                    topic=topic, kind=TopicNoticeKind.REVOCATION, restored_at__isnull=True
                )
                .order_by("-created_at")
                .first()
            )
            pairs = notice.unpublished if notice else [[topic.pk, None]]
            revisions = Revision.objects.in_bulk([rev for _, rev in pairs if rev])
            # Shallowest first, so a page never goes live under an unpublished parent.
            for page_id, revision_id in pairs:
                revision = revisions.get(revision_id)
                if revision is None:
                    page = Page.objects.filter(pk=page_id).first()
                    revision = page.get_latest_revision() if page else None
                if revision is None:
                    continue
                if publication.refusal(revision) is None:
                    # Signed, and byte for byte what was signed (or structure): back online.
                    revision.publish(user=user, skip_permission_checks=True)
                else:
                    # Not what was signed (or never signed): through the workflow again.
                    send_for_review(revision, user)
            if notice:
                notice.restored_at = timezone.now()
                notice.restored_by = user
                notice.save(update_fields=["restored_at", "restored_by"])
        TopicPage.objects.filter(pk=topic.pk).update(status=TopicStatus.ACTIVE)
        topic.refresh_from_db()
        log(instance=topic, action="wagtail_govinfo.topic_restored", user=user)
        signals.topic_restored.send(sender=TopicPage, page=topic, user=user)
    return True


def send_for_review(revision, user):
    """Start the review of ``revision``'s content on its page (a new revision holding it,
    unless it is the newest already), unless a review is under way."""
    page = revision.content_object
    if page is None or page.workflow_in_progress:
        return None
    latest = page.get_latest_revision()
    if latest is None or latest.pk != revision.pk:
        revision = revision.as_object().save_revision(user=user, log_action=True)
        page = type(page).objects.get(pk=page.pk)
    workflow = page.get_workflow()
    if workflow is None or not workflow.active:
        return None
    return workflow.start(page, user)


def frozen_topic(page):
    """The archived or revoked topic that ``page`` is (or sits under), or None."""
    path = page.path
    steplen = Page.steplen
    ancestor_paths = [path[: steplen * i] for i in range(1, len(path) // steplen + 1)]
    return (
        TopicPage.objects.filter(path__in=ancestor_paths)
        .exclude(status=TopicStatus.ACTIVE)
        .order_by("path")
        .first()
    )


# ---------------------------------------------------------------------------
# Notifications


def owner_addresses(topic):
    """E-mail addresses of the editors and leaders of the topic's owner departments."""
    users = (
        get_user_model()
        .objects.filter(
            govinfo_roles__department__in=topic.owner_departments.all(),
            govinfo_roles__role__in=[Role.EDITOR, Role.LEADER],
            is_active=True,
        )
        .exclude(email="")
        .distinct()
        .order_by("pk")
    )
    return list(users.values_list("email", flat=True))


def _admin_url(topic):
    base = getattr(settings, "WAGTAILADMIN_BASE_URL", "").rstrip("/")
    return base + reverse("wagtailadmin_pages:edit", args=[topic.pk])


def _warning_message(topic, action):
    with translation.override(settings.LANGUAGE_CODE):
        values = {
            "title": topic.title,
            "days": action.days,
            "last_update": timezone.localtime(action.last_update).strftime("%Y-%m-%d %H:%M"),
            "revoke_on": revoke_on(action.last_update).isoformat(),
            "revoke_days": govinfo_settings.TOPIC_REVOKE_DAYS,
            "url": _admin_url(topic),
        }
        subject = _("Topic “%(title)s” has not been updated for %(days)s days") % values
        body = _(
            "The topic “%(title)s” was last updated on %(last_update)s, %(days)s days ago.\n\n"
            "A topic without update for %(revoke_days)s consecutive days is revoked "
            "(article 21 of the measures). Publish an update before %(revoke_on)s, or "
            "archive the topic if its work is finished.\n\n%(url)s"
        ) % values
    return subject, body


def _revocation_message(topic, action):
    with translation.override(settings.LANGUAGE_CODE):
        values = {
            "title": topic.title,
            "days": action.days,
            "last_update": timezone.localtime(action.last_update).strftime("%Y-%m-%d %H:%M"),
            "url": _admin_url(topic),
        }
        subject = _("Topic “%(title)s” has been revoked") % values
        body = _(
            "The topic “%(title)s” was not updated for %(days)s days (last update "
            "%(last_update)s) and has been revoked under article 21 of the measures: it "
            "and its pages are no longer published. Only the platform operator can "
            "restore it.\n\n%(url)s"
        ) % values
    return subject, body


def queue_notice(key, recipients, subject, body):
    """One message per recipient (addresses are not shown to each other), through the
    outbox: they leave once the check's transaction commits, once per notice."""
    for address in recipients:
        queue_email(f"{key}:{address}", subject, body, [address])
