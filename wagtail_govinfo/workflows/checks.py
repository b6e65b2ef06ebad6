"""System checks of the workflows app."""

from django.conf import settings
from django.core.checks import Warning, register

FINISH_ACTION = "wagtail_govinfo.workflows.publishing.publish_signed_revision"


@register()
def check_finish_workflow_action(app_configs, **kwargs):
    value = getattr(settings, "WAGTAIL_FINISH_WORKFLOW_ACTION", "wagtail.workflows.publish_workflow_state")
    if value == FINISH_ACTION:
        return []
    return [
        Warning(
            f"WAGTAIL_FINISH_WORKFLOW_ACTION is {value!r}: a leader's sign-off publishes only if "
            "the leader has publish permission, and publishes the latest revision rather than "
            "the signed one.",
            hint=f"Set WAGTAIL_FINISH_WORKFLOW_ACTION = {FINISH_ACTION!r} "
            "(see docs/integrators/workflow.md), or silence this warning if your own action "
            "does the same.",
            id="wagtail_govinfo_workflows.W001",
        )
    ]
