"""What happens when a workflow is approved: ``WAGTAIL_FINISH_WORKFLOW_ACTION``.

Wagtail's default finish action publishes the *latest* revision with the permissions
of the last approver, so a leader without publish rights gets
``PublishPagePermissionError`` and an edit made after the sign-off would go live
unsigned. Point the setting at :func:`publish_signed_revision`::

    WAGTAIL_FINISH_WORKFLOW_ACTION = "wagtail_govinfo.workflows.publishing.publish_signed_revision"

Wagtail reads this setting when ``wagtail.models`` is imported, so this module imports
nothing from Wagtail's models at the top.
"""


from django.db import models


def publish_signed_revision(workflow_state, user=None):
    """Publish (or schedule, if it has a future go-live date) the revision that the last
    step approved.

    When that step is one of the package's review tasks, the workflow itself is the
    authority: the signing leader was checked by the task, so publishing does not ask
    for their general publish permission. Any other workflow keeps Wagtail's default
    behaviour (publish the latest revision with the approver's permissions).
    """
    from wagtail.workflows import publish_workflow_state

    from .models import AbstractGovInfoReviewTask

    task_state = workflow_state.current_task_state
    if task_state is None or not isinstance(task_state.task.specific, AbstractGovInfoReviewTask):
        return publish_workflow_state(workflow_state, user=user)
    revision = task_state.revision
    obj = revision.content_object
    if getattr(obj, "live", False) and getattr(obj, "live_revision_id", None) == revision.pk:
        # The retrospective sign-off (补签) of an emergency publication: this very
        # revision is online already; the signatures are recorded, nothing is republished.
        return None
    # The gate checks again that both steps approved this revision as it is now.
    revision.publish(user=user, skip_permission_checks=True)


def revision_is_signed(revision):
    """``govinfo_revision_signed`` hook: a leader approved ``revision`` after an approved
    confidentiality review of the same revision, in the same workflow, and the content
    still hashes to what both steps saw."""
    from wagtail.models import TaskState

    from .findings import fingerprint
    from .models import LeaderSignOffTaskState

    current = fingerprint(revision)
    return LeaderSignOffTaskState.objects.filter(
        revision_id=revision.pk,
        status=TaskState.STATUS_APPROVED,
        content_fingerprint=current,
        confidentiality_review__revision_id=revision.pk,
        confidentiality_review__status=TaskState.STATUS_APPROVED,
        confidentiality_review__content_fingerprint=current,
        confidentiality_review__workflow_state_id=models.F("workflow_state_id"),
    ).exists()
