"""``govinfo_setup`` and ``govinfo_demo``: the default workflow, its assignment, demo states."""

import io

import pytest
from django.core.management import call_command
from wagtail.models import Page, Site, Task, TaskState, Workflow, WorkflowPage, WorkflowState, WorkflowTask

from wagtail_govinfo.conf import govinfo_settings
from wagtail_govinfo.models import InfoPage
from wagtail_govinfo.workflows.models import ConfidentialityReviewTask, DraftingRecheckTask, LeaderSignOffTask

pytestmark = pytest.mark.django_db


def counts():
    return [m.objects.count() for m in (Task, Workflow, WorkflowTask, WorkflowPage)]


def run(command):
    out = io.StringIO()
    call_command(command, stdout=out)
    return out.getvalue()


def test_setup_creates_the_default_workflow_and_assigns_it_once():
    second_root = Page.get_first_root_node().add_child(title="第二站点", slug="second-site")
    Site.objects.create(hostname="second.example.cn", root_page=second_root)
    output = run("govinfo_setup")
    assert "政府网站信息发布流程" in output

    workflow = Workflow.objects.get(name=govinfo_settings.WORKFLOW_NAME)
    assert [t.specific_class for t in workflow.tasks] == [
        ConfidentialityReviewTask, DraftingRecheckTask, LeaderSignOffTask
    ]
    assert [t.name for t in workflow.tasks] == ["保密审核", "起草部门复核", "分管负责人审核签字"]
    for site in Site.objects.all():
        assert WorkflowPage.objects.get(page=site.root_page).workflow == workflow

    before = counts()
    run("govinfo_setup")
    assert counts() == before


def test_setup_leaves_a_site_with_its_own_workflow_alone():
    own = Workflow.objects.create(name="本站自定流程")
    root = Site.objects.get(is_default_site=True).root_page
    WorkflowPage.objects.create(page=root, workflow=own)
    output = run("govinfo_setup")
    assert WorkflowPage.objects.get(page=root).workflow == own
    assert "本站自定流程" in output


def test_demo_leaves_pages_in_each_state_and_runs_twice_without_change():
    run("govinfo_setup")
    run("govinfo_demo")
    pages = {p.slug: p for p in InfoPage.objects.filter(slug__startswith="fgw-")}

    in_review = pages["fgw-review-pending"].current_workflow_task
    assert in_review.specific_class is ConfidentialityReviewTask
    assert pages["fgw-sign-off-pending"].current_workflow_task.specific_class is LeaderSignOffTask
    returned = pages["fgw-returned"].current_workflow_state
    assert returned.status == WorkflowState.STATUS_NEEDS_CHANGES
    assert returned.current_task_state.comment
    published = pages["fgw-signed-off"]
    assert published.live and not published.workflow_in_progress

    before = (InfoPage.objects.count(), TaskState.objects.count(), WorkflowState.objects.count())
    run("govinfo_demo")
    assert (InfoPage.objects.count(), TaskState.objects.count(), WorkflowState.objects.count()) == before


def test_a_system_check_warns_when_the_finish_action_is_not_the_packages(settings):
    from django.core.checks import run_checks

    assert not [m for m in run_checks() if m.id == "wagtail_govinfo_workflows.W001"]
    settings.WAGTAIL_FINISH_WORKFLOW_ACTION = "wagtail.workflows.publish_workflow_state"
    [warning] = [m for m in run_checks() if m.id == "wagtail_govinfo_workflows.W001"]
    assert "publish_signed_revision" in warning.hint
