"""Demo data for the checks (``govinfo_demo`` hook): a topic the running qcluster revokes.

The demo's topic ``old-town-renewal`` (老城区更新改造专题) is made quiet for a day less
than the revocation period and warned: it stays "about to be revoked" on its owners'
dashboards. The topic ``flood-season-2026`` (2026年防汛专题) is made quiet: its last
publication is moved nine days back and the warning of its sixth day is on record, as
if the check had warned its owners three days ago. The daily check's schedule is then
set due in 30 seconds, so ``make demo`` shows the revocation by django-q2 within a
minute: the topic goes offline with status “revoked”, its history shows the entries,
and the publication ledger a 撤销. Runs once: when the topic has a notice, nothing changes.
"""

import datetime

from django.utils import timezone
from django.utils.translation import gettext as _
from django_q.models import Schedule
from wagtail.models import Page, PageLogEntry, Revision

from .conf import govinfo_settings
from .lifecycle import owner_addresses, revoke_on
from .models import TopicNotice, TopicNoticeKind, TopicPage, TopicStatus
from .schedules import DAILY_CHECKS, register_schedules
from .subtree import in_subtree

QUIET_DAYS = 9
DUE_IN_SECONDS = 30


def _make_quiet(topic, quiet_days, warned_days_ago):
    """Move ``topic``'s publications ``quiet_days`` back and put on record the warning the
    check gave ``warned_days_ago`` days ago. Returns the new last update."""
    now = timezone.now()
    last_update = now - datetime.timedelta(days=quiet_days)
    subtree = Page.objects.filter(in_subtree(topic.path))
    subtree.update(first_published_at=last_update, last_published_at=last_update)
    # Its history and revisions tell the same story.
    PageLogEntry.objects.filter(page__in=subtree).update(timestamp=last_update)
    page_ids = [str(pk) for pk in subtree.values_list("pk", flat=True)]
    Revision.page_revisions.filter(object_id__in=page_ids).update(created_at=last_update)
    warned_at = now - datetime.timedelta(days=warned_days_ago)
    days_at_warning = quiet_days - warned_days_ago
    TopicNotice.objects.create(
        topic=topic,
        kind=TopicNoticeKind.WARNING,
        last_update=last_update,
        day=timezone.localdate(warned_at),
        days_without_update=days_at_warning,
        recipients=owner_addresses(topic),
    )
    entry = PageLogEntry.objects.log_action(
        topic,
        "wagtail_govinfo.topic_warned",
        data={"days_without_update": days_at_warning, "last_update": last_update.isoformat()},
    )
    PageLogEntry.objects.filter(pk=entry.pk).update(timestamp=warned_at)
    return last_update


def _untouched(demo, key):
    topic = demo.pages.get(key)
    if topic is None:
        return None
    topic = TopicPage.objects.get(pk=topic.pk)
    if topic.status != TopicStatus.ACTIVE or TopicNotice.objects.filter(topic=topic).exists():
        return None
    return topic


def demo_stale_topic(stdout, demo):
    # A topic about to be revoked: warned yesterday, revoked only tomorrow, so the
    # dashboards of its owners (市发改委) show it for a day.
    warned = _untouched(demo, "warned_topic")
    if warned is not None:
        quiet = govinfo_settings.TOPIC_REVOKE_DAYS - 1
        last_update = _make_quiet(warned, quiet, warned_days_ago=max(quiet - govinfo_settings.TOPIC_WARNING_DAYS, 0))
        stdout.write(
            _("Checks: “%(title)s” has had no update for %(days)d days and was warned; it is revoked on %(day)s unless it is updated.")
            % {"title": warned.title, "days": quiet, "day": revoke_on(last_update)}
        )
    topic = _untouched(demo, "stale_topic")
    if topic is None:
        return
    _make_quiet(topic, QUIET_DAYS, warned_days_ago=QUIET_DAYS - 6)
    register_schedules()
    due = timezone.now() + datetime.timedelta(seconds=DUE_IN_SECONDS)
    Schedule.objects.filter(name=DAILY_CHECKS).update(next_run=due)
    stdout.write(
        _("Checks: “%(title)s” has had no update for %(days)d days and was warned; the daily check is due at %(time)s and the running qcluster will revoke it.")
        % {"title": topic.title, "days": QUIET_DAYS, "time": f"{timezone.localtime(due):%H:%M:%S}"}
    )
