"""The demo: its stale topic is revoked by the scheduler within a minute of ``govinfo_demo``."""

import datetime
import io

import pytest
import time_machine
from django.core.management import call_command
from django.utils import timezone
from django_q.brokers import get_broker
from django_q.models import Schedule
from django_q.scheduler import scheduler

from wagtail_govinfo.models import TopicNotice, TopicPage, TopicStatus
from wagtail_govinfo.schedules import DAILY_CHECKS

pytestmark = pytest.mark.django_db


def test_the_demo_topic_is_revoked_by_the_due_schedule(django_capture_on_commit_callbacks):
    out = io.StringIO()
    call_command("govinfo_setup", stdout=out)
    with django_capture_on_commit_callbacks(execute=True):
        call_command("govinfo_demo", stdout=out)
    topic = TopicPage.objects.get(slug="flood-season-2026")
    assert topic.status == TopicStatus.ACTIVE and topic.live
    assert (timezone.now() - topic.last_published_at).days == 9
    assert list(TopicNotice.objects.filter(topic=topic).values_list("kind", flat=True)) == ["warning"]
    due = Schedule.objects.get(name=DAILY_CHECKS).next_run
    assert timezone.now() < due <= timezone.now() + datetime.timedelta(minutes=1)
    assert "2026年防汛专题" in out.getvalue()

    # Running the demo again changes nothing, not even the schedule.
    call_command("govinfo_demo", stdout=io.StringIO())
    assert Schedule.objects.get(name=DAILY_CHECKS).next_run == due
    assert TopicNotice.objects.filter(topic=topic).count() == 1

    # Before it is due the scheduler does nothing; once due it runs the checks.
    scheduler(broker=get_broker())
    assert TopicPage.objects.get(pk=topic.pk).status == TopicStatus.ACTIVE
    with time_machine.travel(due + datetime.timedelta(seconds=5), tick=False):
        with django_capture_on_commit_callbacks(execute=True):
            scheduler(broker=get_broker())
    topic = TopicPage.objects.get(pk=topic.pk)
    assert topic.status == TopicStatus.REVOKED and not topic.live
    # The other demo topic, updated today, is untouched.
    assert TopicPage.objects.get(slug="business-environment").status == TopicStatus.ACTIVE
    # One stays about to be revoked (warned, revoked tomorrow) for people to see.
    warned = TopicPage.objects.get(slug="old-town-renewal")
    assert warned.status == TopicStatus.ACTIVE and warned.live
    assert list(TopicNotice.objects.filter(topic=warned).values_list("kind", flat=True)) == ["warning"]
