"""复核 of an interpretation by its drafting (or leading) department (第十二条).

``DraftingRecheckTask`` sits between 保密审核 and the sign-off in the default workflow.
It acts only on an interpretation (解读) whose ``drafting_department`` is not its
submitting department: then a confidentiality reviewer of the *drafting* department
re-checks the exact revision that passed the review. For every other object (any other
page type, a snippet, an interpretation drafted by the submitting department itself)
the step is skipped at once, with an entry in the audit log saying why.

The guarantees are those of the other steps: the approval belongs to the revision shown
(fingerprint), an edit sends the workflow back to 保密审核, the author, submitter and
confidentiality reviewer of the revision may not re-check it, and a task state is
decided once (the action form refuses a state that is no longer in progress).
"""

from django import forms
from django.core.checks import Warning, register
from django.core.exceptions import PermissionDenied
from django.db import models
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from wagtail.log_actions import log
from wagtail.models import TaskState

from wagtail_govinfo.models import Department, Role

from .models import (
    AbstractGovInfoReviewTask,
    AbstractGovInfoTaskState,
    ConfidentialityReviewTaskState,
    _user_roles,
    content_object_of,
    display_name,
    newest_revision,
)
from .forms import ConfirmVersionForm

LOG_RECHECKED = "wagtail_govinfo.drafting_rechecked"
LOG_RECHECK_SKIPPED = "wagtail_govinfo.drafting_recheck_skipped"
STEP_DRAFTING_RECHECK = "drafting_recheck"


def drafting_department_id(obj, revision=None):
    """The drafting department of the version under review, or None if ``obj`` has none."""
    revision = revision or getattr(obj, "latest_revision", None)
    if revision is not None and isinstance(revision.content, dict) and "drafting_department" in revision.content:
        return revision.content["drafting_department"]
    return getattr(obj, "drafting_department_id", None)


def submitting_department_id(obj, revision=None):
    revision = revision or getattr(obj, "latest_revision", None)
    if revision is not None and isinstance(revision.content, dict) and "submitting_department" in revision.content:
        return revision.content["submitting_department"]
    return getattr(obj, "submitting_department_id", None)


def recheck_needed(obj, revision=None):
    """Why no 复核 is needed for ``obj`` (a message), or None when it is."""
    if not hasattr(obj, "drafting_department_id") or not hasattr(obj, "policy_document_id"):
        return gettext("Not an interpretation: no re-check by a drafting department.")
    drafting = drafting_department_id(obj, revision)
    if drafting is None:
        return gettext("No drafting department is named: no re-check.")
    if drafting == submitting_department_id(obj, revision):
        return gettext("Drafted by the submitting department itself: no re-check.")
    return None


class RecheckForm(ConfirmVersionForm):
    """The re-checker confirms the interpretation for the drafting department."""

    confirm = forms.BooleanField(
        label=_("I re-checked this interpretation for the drafting department: it agrees with the policy document."),
        error_messages={"required": _("Tick the confirmation to pass the re-check.")},
    )
    field_order = ["fingerprint", "confirm", "comment"]


class AbstractDraftingRecheckTaskState(AbstractGovInfoTaskState):
    """One 复核 of one revision, with the drafting department it was done for."""

    drafting_department = models.ForeignKey(
        Department,
        verbose_name=_("drafting department"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    approve_log_action = LOG_RECHECKED

    class Meta:
        abstract = True
        verbose_name = _("drafting department re-check state")
        verbose_name_plural = _("drafting department re-check states")

    def log_data(self):
        return {**super().log_data(), "drafting_department_id": self.drafting_department_id}


class AbstractDraftingRecheckTask(AbstractGovInfoReviewTask):
    """复核: a confidentiality reviewer of the interpretation's drafting department."""

    role = Role.REVIEWER
    step = STEP_DRAFTING_RECHECK
    task_state_model = "wagtail_govinfo_workflows.DraftingRecheckTaskState"
    approve_label = _("Pass the re-check")
    approve_template = "wagtail_govinfo_workflows/recheck_modal.html"
    author_conflict_message = _(
        "Separation of duties: you wrote or submitted this version, so another reviewer of the "
        "drafting department must re-check it."
    )

    class Meta:
        abstract = True
        verbose_name = _("drafting department re-check")
        verbose_name_plural = _("drafting department re-checks")

    @classmethod
    def get_description(cls):
        return _(
            "A confidentiality reviewer of the drafting department re-checks an interpretation "
            "submitted by another department (article 12). Skipped for other content."
        )

    def acting_department_id(self, obj):
        return drafting_department_id(obj)

    def may_act(self, obj, user):
        if user is None or not user.is_authenticated or not user.is_active:
            return False
        department_id = drafting_department_id(obj)
        if department_id is None:
            return False
        return (department_id, self.role) in _user_roles(user)

    def get_task_states_user_can_moderate(self, user, **kwargs):
        if not user.is_authenticated or not user.is_active:
            return TaskState.objects.none()
        department_ids = [d for d, role in _user_roles(user) if role == self.role]
        if not department_ids:
            return TaskState.objects.none()
        states = TaskState.objects.filter(
            task=self,
            status=TaskState.STATUS_IN_PROGRESS,
            revision__content__drafting_department__in=department_ids,
        )
        return states.exclude(workflow_state__requested_by=user).exclude(revision__user=user)

    def step_duty_conflict(self, task_state, user):
        reviewed = ConfidentialityReviewTaskState.objects.filter(
            workflow_state=task_state.workflow_state,
            status=TaskState.STATUS_APPROVED,
            revision=task_state.revision,
            finished_by=user,
        ).exists()
        if reviewed:
            return gettext(
                "Separation of duties: you carried out the confidentiality review of this version, "
                "so another reviewer of the drafting department must re-check it."
            )
        return None

    def approve_form_class(self):
        return type("RecheckForm", (RecheckForm,), {"task": self})

    def start(self, workflow_state, user=None):
        obj = content_object_of(workflow_state)
        revision = newest_revision(obj)
        reason = recheck_needed(obj, revision)
        if reason is None:
            return super().start(workflow_state, user=user)
        # Nothing to re-check: the step is skipped at once, and the log says why.
        task_state = self.get_task_state_class()(workflow_state=workflow_state)
        task_state.status = TaskState.STATUS_SKIPPED
        task_state.revision = revision
        task_state.task = self
        task_state.comment = reason
        task_state.reason = ""
        self.prepare_state(task_state, workflow_state)
        task_state.save()
        log(
            instance=obj,
            action=LOG_RECHECK_SKIPPED,
            user=None,
            revision=revision,
            data={
                "workflow": {"id": workflow_state.workflow_id, "title": workflow_state.workflow.name},
                "task": {"id": self.pk, "title": self.name},
                "reason": str(reason),
            },
        )
        return task_state

    def approve(self, task_state, user, form):
        workflow_state = task_state.workflow_state
        if task_state.revision_id != newest_revision(content_object_of(workflow_state)).pk:
            self.restart_review(
                workflow_state, user, gettext("The content changed after the confidentiality review.")
            )
            return
        task_state.finished_by_name = display_name(user)
        task_state.drafting_department_id = drafting_department_id(
            content_object_of(workflow_state), task_state.revision
        )
        task_state.save(update_fields=["finished_by_name", "drafting_department"])
        task_state.approve(user=user, comment=form.cleaned_data.get("comment", ""))

    def on_action(self, task_state, user, action_name, **kwargs):
        if action_name not in ("approve", "reject"):
            raise PermissionDenied
        return super().on_action(task_state, user, action_name, **kwargs)


class DraftingRecheckTaskState(AbstractDraftingRecheckTaskState):
    pass


class DraftingRecheckTask(AbstractDraftingRecheckTask):
    pass


__all__ = [
    "AbstractDraftingRecheckTask",
    "AbstractDraftingRecheckTaskState",
    "DraftingRecheckTask",
    "DraftingRecheckTaskState",
    "RecheckForm",
    "recheck_needed",
]


@register()
def check_reapproval_on_edit(app_configs, **kwargs):
    """The re-check sits between two steps: its approval must be tied to the latest revision."""
    from django.conf import settings

    if getattr(settings, "WAGTAIL_WORKFLOW_REQUIRE_REAPPROVAL_ON_EDIT", False):
        return []
    return [
        Warning(
            "WAGTAIL_WORKFLOW_REQUIRE_REAPPROVAL_ON_EDIT is not True: a drafting department's re-check "
            "approved on an earlier revision would still count after the page returns to the "
            "confidentiality review.",
            hint="Set WAGTAIL_WORKFLOW_REQUIRE_REAPPROVAL_ON_EDIT = True (docs/integrators/workflow.md).",
            id="wagtail_govinfo_workflows.W010",
        )
    ]
