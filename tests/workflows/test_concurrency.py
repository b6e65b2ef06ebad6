"""Each approval exactly once (issue 8): two people approving the same step at the same
moment, in real threads with their own PostgreSQL connections. Exactly one wins; the
other is told the step was already decided; no duplicate log entries, ledger entries
or orphan sign-off tasks."""

import os
import threading

import pytest
from django.db import connection, connections
from django.urls import reverse
from wagtail.models import PageLogEntry, TaskState, WorkflowState

from tests import factories as f
from wagtail_govinfo.checklist import CHECKLIST_KEYS
from wagtail_govinfo.ledger.models import PublicationLedgerEntry, SubmissionLedgerEntry
from wagtail_govinfo.ledger.setup import setup_ledgers
from wagtail_govinfo.models import InfoPage
from wagtail_govinfo.workflows.findings import fingerprint
from wagtail_govinfo.workflows.models import LeaderSignOffTaskState
from wagtail_govinfo.workflows.setup import default_workflow, setup_workflow

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]

#: Pages raced (each: two reviewers, then two leaders at once). Lower it to try quickly.
PAGES = int(os.environ.get("GOVINFO_RACE_PAGES", "50"))


@pytest.fixture(autouse=True)
def postgres_only():
    if connection.vendor != "postgresql":
        pytest.skip(
            "needs PostgreSQL for real concurrent transactions with row locks "
            "(set DATABASE_URL=postgres://…; SQLite serialises writers and ignores select_for_update)"
        )


def race(task_state, people, data):
    """``people`` act on ``task_state`` at the same moment; returns what each got back."""
    start = threading.Barrier(len(people))
    results, errors = {}, []

    def act(user):
        try:
            state = TaskState.objects.get(pk=task_state.pk)
            start.wait()
            results[user.username] = state.task.specific.on_action(
                state, user, "approve", state_id=state.pk, fingerprint=fingerprint(state.revision), **data
            )
        except Exception as error:  # reported with the user who raised it
            errors.append((user.username, repr(error)))
        finally:
            connections.close_all()

    threads = [threading.Thread(target=act, args=(user,)) for user in people]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    assert not errors, errors
    return results


def test_fifty_double_approvals_decide_each_step_once():
    from wagtail_govinfo.setup import setup_roles

    setup_roles()
    setup_workflow()
    setup_ledgers()
    department = f.department("fgw", name="市发改委")
    column = f.column(departments=[department])
    editor = f.editor(department)
    reviewers = [f.reviewer(department), f.reviewer(department)]
    leaders = [f.leader(department), f.leader(department)]
    workflow = default_workflow()[0]
    pages = []
    for _ in range(PAGES):
        page = f.info_page(column, department=department, live=False)
        page.save_revision(user=editor)
        workflow.start(InfoPage.objects.get(pk=page.pk), editor)
        pages.append(page)

    decided = reverse("govinfo_workflows:already_decided", args=[0]).rsplit("/0/", 1)[0]
    for page in pages:
        state = InfoPage.objects.get(pk=page.pk).current_workflow_task_state
        answers = race(state, reviewers, {"checklist": list(CHECKLIST_KEYS), "comment": ""})
        # One decides (and is sent on with a confirmation), the other is told 已处理.
        assert sorted(bool(a) and a.startswith(decided) for a in answers.values()) == [False, True], answers
        assert any(a and a.startswith(decided) for a in answers.values())

        state = InfoPage.objects.get(pk=page.pk).current_workflow_task_state
        assert isinstance(state.specific, LeaderSignOffTaskState)
        answers = race(state, leaders, {"confirm": True, "comment": "同意"})
        # One decides (and is sent on with a confirmation), the other is told 已处理.
        assert sorted(bool(a) and a.startswith(decided) for a in answers.values()) == [False, True], answers

    for page in pages:
        page = InfoPage.objects.get(pk=page.pk)
        assert page.live
        logs = PageLogEntry.objects.filter(page=page)
        assert logs.filter(action="wagtail_govinfo.confidentiality_approved").count() == 1
        assert logs.filter(action="wagtail_govinfo.signed_off").count() == 1
        assert logs.filter(action="wagtail.publish").count() == 1
        assert SubmissionLedgerEntry.objects.filter(page_key=page.pk).count() == 1
        assert PublicationLedgerEntry.objects.filter(page_key=page.pk).count() == 1
        [workflow_state] = WorkflowState.objects.filter(object_id=str(page.pk))
        assert workflow_state.status == WorkflowState.STATUS_APPROVED
        # The review and the sign-off (the 复核 step, with nothing to re-check, is skipped).
        assert TaskState.objects.filter(workflow_state=workflow_state).exclude(status=TaskState.STATUS_SKIPPED).count() == 2
    # No orphan task left open anywhere (dashboards would show it).
    assert not TaskState.objects.filter(status=TaskState.STATUS_IN_PROGRESS).exists()
