"""Telling the person who edited a page under review what their edit did."""

import datetime

from django.utils import timezone
from django.utils.translation import gettext as _
from wagtail.admin import messages
from wagtail.models import TaskState

from .models import AbstractGovInfoReviewTask

#: How recent a restart must be to have come from the request being answered.
_RECENT = datetime.timedelta(seconds=30)


def warn_if_review_restarted(request, obj):
    """After "edit and approve/return" in one go: the edit itself restarted the review
    (a new version needs a new review), so the action was not applied. Say so."""
    if request.method != "POST" or not request.POST.get("action-workflow-action"):
        return None
    workflow_state = obj.current_workflow_state
    current = workflow_state and workflow_state.current_task_state
    if current is None or not isinstance(current.task.specific, AbstractGovInfoReviewTask):
        return None
    restarted = TaskState.objects.filter(
        workflow_state=workflow_state,
        status=TaskState.STATUS_CANCELLED,
        finished_by=request.user,
        finished_at__gte=timezone.now() - _RECENT,
    ).exists()
    if restarted and current.started_at >= timezone.now() - _RECENT:
        messages.warning(
            request,
            _(
                "Your changes were saved as a new version, so the review starts again on "
                "it and your decision was not recorded. Review the new version, or ask "
                "another reviewer to."
            ),
        )
    return None


def hide_restart_workflow(menu_items, request, context):
    """Under the review workflow, resubmitting is the one way back into review (a changed
    version goes back to 保密审核 by itself): Wagtail's "Restart workflow" only confuses."""
    page = context.get("page")
    workflow_state = page.current_workflow_state if page is not None and page.pk else None
    if workflow_state is None:
        return
    if not any(isinstance(t, AbstractGovInfoReviewTask) for t in workflow_state.workflow.tasks.specific()):
        return
    menu_items[:] = [item for item in menu_items if item.name != "action-restart-workflow"]
