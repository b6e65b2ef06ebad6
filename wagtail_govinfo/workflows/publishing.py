"""What happens when a workflow is approved: ``WAGTAIL_FINISH_WORKFLOW_ACTION``.

Wagtail's default finish action publishes the *latest* revision with the permissions
of the last approver, so a leader without publish rights gets
``PublishPagePermissionError`` and an edit made after the sign-off would go live
unsigned. Point the setting at :func:`publish_signed_revision`::

    WAGTAIL_FINISH_WORKFLOW_ACTION = "wagtail_govinfo.workflows.publishing.publish_signed_revision"

Wagtail reads this setting when ``wagtail.models`` is imported, so this module imports
nothing from Wagtail's models at the top.
"""


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
    revision.publish(user=user, skip_permission_checks=True)
