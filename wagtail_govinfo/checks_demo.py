"""Demo data for the checks (``govinfo_demo`` hook): a topic the running qcluster revokes.

The demo's topic ``flood-season-2026`` (2026年防汛专题) is made quiet: its last
publication is moved nine days back and the warning of its sixth day is on record, as
if the check had warned its owners three days ago. The daily check's schedule is then
set due in 30 seconds, so ``make demo`` shows the revocation by django-q2 within a
minute: the topic goes offline with status “revoked”, its history shows the entries,
and the publication ledger a 撤销. Runs once: when the topic has a notice, nothing changes.
"""

import datetime

from django.utils import timezone
from django_q.models import Schedule
from wagtail.models import Page, PageLogEntry, Revision

from .lifecycle import owner_addresses
from .models import TopicNotice, TopicNoticeKind, TopicPage, TopicStatus
from .schedules import DAILY_CHECKS, register_schedules
from .subtree import in_subtree

QUIET_DAYS = 9
DUE_IN_SECONDS = 30


def demo_stale_topic(stdout, demo):
    topic = demo.pages.get("stale_topic")
    if topic is None:
        return
    topic = TopicPage.objects.get(pk=topic.pk)
    if topic.status != TopicStatus.ACTIVE or TopicNotice.objects.filter(topic=topic).exists():
        return
    now = timezone.now()
    last_update = now - datetime.timedelta(days=QUIET_DAYS)
    subtree = Page.objects.filter(in_subtree(topic.path))
    subtree.update(first_published_at=last_update, last_published_at=last_update)
    # Its history and revisions tell the same story.
    PageLogEntry.objects.filter(page__in=subtree).update(timestamp=last_update)
    page_ids = [str(pk) for pk in subtree.values_list("pk", flat=True)]
    Revision.page_revisions.filter(object_id__in=page_ids).update(created_at=last_update)
    warned_at = now - datetime.timedelta(days=QUIET_DAYS - 6)
    TopicNotice.objects.create(
        topic=topic,
        kind=TopicNoticeKind.WARNING,
        last_update=last_update,
        day=timezone.localdate(warned_at),
        days_without_update=6,
        recipients=owner_addresses(topic),
    )
    entry = PageLogEntry.objects.log_action(
        topic,
        "wagtail_govinfo.topic_warned",
        data={"days_without_update": 6, "last_update": last_update.isoformat()},
    )
    PageLogEntry.objects.filter(pk=entry.pk).update(timestamp=warned_at)

    register_schedules()
    due = now + datetime.timedelta(seconds=DUE_IN_SECONDS)
    Schedule.objects.filter(name=DAILY_CHECKS).update(next_run=due)
    stdout.write(
        f"Checks: “{topic.title}” has had no update for {QUIET_DAYS} days and was warned; the "
        f"daily check is due at {timezone.localtime(due):%H:%M:%S} and the running qcluster "
        "will revoke it."
    )
