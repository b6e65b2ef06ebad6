from django.db.models.signals import post_save
from django.utils.translation import gettext
from wagtail.models import Revision, WorkflowState
from wagtail.signals import task_submitted

from .models import AbstractGovInfoReviewTask, ConfidentialityReviewTaskState, LeaderSignOffTaskState
from .notifications import step_started_email_notifier


def restart_review_on_new_revision(sender, instance, created, raw=False, **kwargs):
    """A new revision saved while a govinfo step is in progress (someone who may act
    edited the content) sends the workflow back to 保密审核 on the new content: the
    approvals of the earlier revision no longer count."""
    if not created or raw:
        return
    workflow_state = (
        WorkflowState.objects.filter(
            base_content_type_id=instance.base_content_type_id,
            object_id=instance.object_id,
            status=WorkflowState.STATUS_IN_PROGRESS,
        )
        .select_related("current_task_state", "workflow")
        .first()
    )
    current = workflow_state and workflow_state.current_task_state
    if current is None or current.status != current.STATUS_IN_PROGRESS or current.revision_id == instance.pk:
        return
    task = current.task.specific
    if isinstance(task, AbstractGovInfoReviewTask):
        task.restart_review(
            workflow_state, instance.user, gettext("The content was edited during the review.")
        )


def register_signal_handlers():
    for state_class in (ConfidentialityReviewTaskState, LeaderSignOffTaskState):
        task_submitted.connect(
            step_started_email_notifier,
            sender=state_class,
            dispatch_uid=f"govinfo_step_started_email_{state_class.__name__}",
        )
    post_save.connect(
        restart_review_on_new_revision,
        sender=Revision,
        dispatch_uid="govinfo_restart_review_on_new_revision",
    )
