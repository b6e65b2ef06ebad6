import datetime
from types import SimpleNamespace
from zoneinfo import ZoneInfo

import pytest
import time_machine

from tests import factories as f
from wagtail_govinfo.models import ColumnKind

TZ = ZoneInfo("Asia/Shanghai")
D = datetime.date


def at(year, month, day, hour=10, minute=0):
    """A moment in the site's time zone."""
    return datetime.datetime(year, month, day, hour, minute, tzinfo=TZ)


def travel(moment):
    return time_machine.travel(moment, tick=False)


@pytest.fixture
def run(django_capture_on_commit_callbacks):
    """Run the daily checks for a day, executing on-commit work (the e-mails)."""
    from wagtail_govinfo.checkruns import run_checks

    def _run(day, **kwargs):
        with django_capture_on_commit_callbacks(execute=True):
            return {r.name: r for r in run_checks(day, **kwargs)}

    return _run


@pytest.fixture
def topic_site(setup_roles):
    """A department owning a topic with one page, all last published 2026-11-02 10:00."""
    with travel(at(2026, 11, 2)):
        dept = f.department("slj", name="市水利局")
        editor = f.editor(dept)
        leader = f.leader(dept)
        reviewer = f.reviewer(dept)
        outsider = f.editor(f.department("other"))
        operator = f.user(operator=True)
        topics = f.column(kind=ColumnKind.TOPIC, departments=[dept])
        topic = f.topic(topics, owners=[dept], title="2026年防汛专题")
        page = f.info_page(topic, department=dept, title="防汛动态")
    return SimpleNamespace(
        dept=dept, editor=editor, leader=leader, reviewer=reviewer, outsider=outsider,
        operator=operator, topics=topics, topic=topic, page=page,
    )
