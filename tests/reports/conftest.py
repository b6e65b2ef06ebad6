import datetime
from types import SimpleNamespace

import pytest
from django.utils import timezone
from wagtail.models import Task, Workflow, WorkflowTask

from tests import factories as f
from tests.checks.conftest import at, travel
from wagtail_govinfo import signals
from wagtail_govinfo.models import ColumnKind

CHECKLIST = dict.fromkeys(
    ("secrecy", "politics", "law", "rights", "source", "stability", "sensitivity", "statistics",
     "wording", "other"),
    True,
)


def sign_off(page, *, reviewer, leader, signed_at):
    """A new revision of ``page`` signed off at ``signed_at`` (as the workflow announces it)."""
    with travel(signed_at - datetime.timedelta(hours=1)):
        revision = page.save_revision()
    signals.submission_signed_off.send(
        sender=object, page=page, revision=revision, submitter=None, reviewer=reviewer,
        leader=leader, reviewed_at=signed_at - datetime.timedelta(minutes=30), signed_at=signed_at,
        checklist=CHECKLIST, findings=[], comment="同意", department=page.submitting_department,
    )
    f.record_approvals(revision, reviewer=reviewer, leader=leader, at=signed_at)
    return revision


def reject_once(page, user, moment):
    """A review step of ``page`` rejected at ``moment`` (Wagtail's own workflow records)."""
    workflow, _ = Workflow.objects.get_or_create(name="报告测试流程")
    task, _ = Task.objects.get_or_create(name="报告测试审核")
    WorkflowTask.objects.get_or_create(workflow=workflow, task=task, defaults={"sort_order": 0})
    with travel(moment):
        page.save_revision()
        state = workflow.start(page, user)
        state.current_task_state.reject(user=user)
    return state


@pytest.fixture
def report_site(setup_roles, django_capture_on_commit_callbacks):
    """2026Q3 activity of two departments.

    市发改委 (fgw): two pages signed off and published (6 h and 24 h later), one more
    signed off in Q2 and published in Q4 (outside), one rejection in Q3; its news column
    was updated on 09-02. 市水利局 (slj): a topic created 09-01 and revoked 09-08 by the
    check; an empty column.
    """
    fgw = f.department("fgw", name="市发改委")
    slj = f.department("slj", name="市水利局")
    reviewer, leader = f.reviewer(fgw), f.leader(fgw)
    editor = f.editor(fgw)
    with travel(at(2026, 7, 1)):
        news = f.column(kind=ColumnKind.NEWS, title="发改动态", departments=[fgw])
        interaction = f.column(kind=ColumnKind.INTERACTION, title="政民互动", departments=[fgw])
        empty = f.column(kind=ColumnKind.NOTICE, title="水利公告", departments=[slj])
        topics = f.column(kind=ColumnKind.TOPIC, title="专题", departments=[slj])
        first = f.info_page(news, department=fgw, live=False, title="第一条")
        second = f.info_page(news, department=fgw, live=False, title="第二条")
        third = f.info_page(news, department=fgw, live=False, title="第三条")
        rejected = f.info_page(news, department=fgw, live=False, title="被退回")
        answer = f.info_page(interaction, department=fgw, title="互动答复")  # 07-01: > 3 months by 10-31

    for page, signed, published in [
        (first, at(2026, 8, 3, 9), at(2026, 8, 3, 15)),
        (second, at(2026, 9, 1, 10), at(2026, 9, 2, 10)),
        (third, at(2026, 6, 30, 9), at(2026, 10, 8, 9)),
    ]:
        revision = sign_off(page, reviewer=reviewer, leader=leader, signed_at=signed)
        with travel(published):
            revision.publish()
    reject_once(rejected, reviewer, at(2026, 8, 10))

    with travel(at(2026, 9, 1)):
        topic = f.topic(topics, owners=[slj], title="防汛专题", submitting_department=slj)
    from wagtail_govinfo.checkruns import run_checks

    with django_capture_on_commit_callbacks(execute=True):
        with travel(at(2026, 9, 6, 1)):
            run_checks(datetime.date(2026, 9, 6))
        with travel(at(2026, 9, 8, 1)):
            run_checks(datetime.date(2026, 9, 8))
    return SimpleNamespace(
        fgw=fgw, slj=slj, news=news, interaction=interaction, empty=empty, topic=topic,
        editor=editor, now=timezone.now(),
    )
