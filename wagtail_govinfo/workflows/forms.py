"""Action forms of the review steps (shown in Wagtail's workflow action modal).

Wagtail builds these forms with the POST data only, and again from JSON when the
action is taken from the editor, so every field is JSON-friendly and the form finds
its task state through the hidden ``state_id`` field. The acting user comes from
the task (``get_actions`` remembers who asked) or, in ``on_action``, explicitly.
"""

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from wagtail import hooks
from wagtail.models import TaskState, WorkflowState

from wagtail_govinfo.screening import FindingKind

from ..checklist import CHECKLIST, CHECKLIST_TEXTS, missing_items
from .findings import RevisionScreening, describe, fingerprint


class ReviewActionForm(forms.Form):
    #: The task whose action this form serves (set by the factories below).
    task = None

    state_id = forms.IntegerField(widget=forms.HiddenInput)

    def __init__(self, data=None, *args, user=None, **kwargs):
        super().__init__(data, *args, **kwargs)
        self.user = user if user is not None else getattr(self.task, "_acting_user", None)
        self.state = None
        #: True when the step was completed or restarted after the form was shown.
        self.superseded = False

    def clean(self):
        cleaned = super().clean()
        pk = cleaned.get("state_id")
        if pk is None:
            return cleaned
        state = TaskState.objects.filter(pk=pk).select_related("workflow_state").first()
        if state is None:
            self.add_error(None, gettext("This review does not exist."))
            return cleaned
        workflow_state = state.workflow_state
        if (
            state.status != TaskState.STATUS_IN_PROGRESS
            or workflow_state.status != WorkflowState.STATUS_IN_PROGRESS
            or workflow_state.current_task_state_id != state.pk
        ):
            self.superseded = True
            self.add_error(
                None,
                gettext(
                    "This step was completed or restarted in the meantime (for example "
                    "because the page was edited). Close this window and open the page again."
                ),
            )
        elif self.task is not None and state.task_id != self.task.pk:
            self.add_error(None, gettext("This form belongs to another review step."))
        else:
            self.state = state.specific
        return cleaned

    def error_messages_flat(self):
        return [str(message) for errors in self.errors.values() for message in errors]


class RejectForm(ReviewActionForm):
    reason = forms.CharField(
        label=_("Reason for returning"),
        widget=forms.Textarea(attrs={"rows": 4}),
        error_messages={
            "required": _("Give the reason for returning the page, so that its editor knows what to change.")
        },
        help_text=_("The editor receives it by e-mail and sees it in the page history."),
    )


class OverridesWidget(forms.Widget):
    """Reads the reviewer's override reasons: ``override-<finding key>`` fields from the
    modal's POST, or one ``overrides`` mapping when the data comes as JSON."""

    prefix = "override-"

    def value_from_datadict(self, data, files, name):
        value = data.get(name)
        if isinstance(value, dict):
            return value
        return {key[len(self.prefix) :]: data.get(key) for key in data if key.startswith(self.prefix)}

    def value_omitted_from_data(self, data, files, name):
        return False


class OverridesField(forms.Field):
    """Finding key → the reviewer's reason for keeping it (empty reasons are no override)."""

    widget = OverridesWidget
    max_length = 500

    def to_python(self, value):
        if not value:
            return {}
        if not isinstance(value, dict):
            raise ValidationError(gettext("The overrides could not be read."), code="invalid")
        cleaned = {}
        for key, reason in value.items():
            reason = str(reason or "").strip()
            if not reason:
                continue
            if len(reason) > self.max_length:
                raise ValidationError(
                    gettext("Keep each reason under %(max)s characters.") % {"max": self.max_length},
                    code="max_length",
                )
            cleaned[str(key)] = reason
        return cleaned


class SourceKeysField(forms.Field):
    """A list of source keys (ticked checkboxes, or a JSON list)."""

    widget = forms.MultipleHiddenInput

    def to_python(self, value):
        if not value:
            return []
        if isinstance(value, str):
            value = [value]
        if not isinstance(value, list | tuple):
            raise ValidationError(gettext("The confirmations could not be read."), code="invalid")
        return [str(v) for v in value]


class ReviewApprovalForm(ReviewActionForm):
    """保密审核: every item of 第十七条 confirmed, no blocking finding left (each one removed,
    masked or, for personal information, overridden with a reason), every source that
    could not be machine-checked confirmed by hand, not one's own work."""

    fingerprint = forms.CharField(widget=forms.HiddenInput, required=False)
    overrides = OverridesField(
        label=_("Overridden findings"),
        required=False,
        help_text=_(
            "Personal information that is meant to be public (for example a published service "
            "hotline) may be kept: give the reason. A secrecy marking can never be overridden."
        ),
    )
    confirmed_unreadable = SourceKeysField(
        label=_("Checked by hand"),
        required=False,
        help_text=_("Confirm each source that could not be machine-checked once you have read it yourself."),
    )
    checklist = forms.MultipleChoiceField(
        label=_("Review items of article 17"),
        choices=CHECKLIST,
        widget=forms.CheckboxSelectMultiple,
        required=False,
        help_text=_("Confirm each item once you have checked the content against it."),
    )
    comment = forms.CharField(
        label=pgettext_lazy("review", "Comment"), widget=forms.Textarea(attrs={"rows": 3}), required=False
    )

    def clean(self):
        cleaned = super().clean()
        if self.state is None:
            return cleaned
        self.screening = RevisionScreening.of(self.state.revision)
        shown = cleaned.get("fingerprint")
        if shown and shown != self.screening.fingerprint:
            self.add_error(
                None,
                gettext(
                    "The page changed while you were reviewing it. The findings below are "
                    "those of the current content: check them and confirm again."
                ),
            )
            return cleaned
        missing = missing_items(cleaned.get("checklist"))
        if missing:
            self.add_error(
                "checklist",
                [
                    gettext("Not confirmed: %(item)s") % {"item": CHECKLIST_TEXTS[key]}
                    for key in missing
                ],
            )
        requested = cleaned.get("overrides") or {}
        self.accepted_overrides = {}
        groups = {group.key: group for group in self.screening.groups}
        for key, reason in requested.items():
            group = groups.get(key)
            if group is None:
                self.add_error(
                    "overrides", gettext("A finding you overrode is not in this version any more: open the page again.")
                )
            elif group.kind == FindingKind.SECRET_MARKING:
                self.add_error(
                    "overrides",
                    gettext("A secrecy marking can never be overridden: %(finding)s.") % {"finding": describe(group)},
                )
            elif not group.overridable:
                self.add_error(
                    "overrides",
                    gettext("Only blocking personal information can be overridden: %(finding)s.")
                    % {"finding": describe(group)},
                )
            else:
                self.accepted_overrides[key] = reason
        for group in self.screening.blocking_groups:
            if group.key in self.accepted_overrides:
                continue
            if group.kind == FindingKind.SECRET_MARKING:
                message = gettext(
                    "Secrecy marking found: %(finding)s. Classified information must never "
                    "go online (article 5); return the page."
                )
            elif group.overridable:
                message = gettext(
                    "Blocking finding: %(finding)s. It must be removed or masked before approval "
                    "(return the page to its editor), or, if it is meant to be public, "
                    "overridden with your reason."
                )
            else:
                message = gettext(
                    "Blocking finding: %(finding)s. It must be removed or masked before "
                    "approval; return the page to its editor."
                )
            self.add_error(None, message % {"finding": describe(group)})
        confirmed = set(cleaned.get("confirmed_unreadable") or [])
        for source in self.screening.unreadable:
            if source.key not in confirmed:
                self.add_error(
                    "confirmed_unreadable",
                    gettext("Not machine-checked: %(source)s (%(problem)s). Read it yourself and confirm.")
                    % {"source": source.label, "problem": source.problem or gettext("unreadable")},
                )
        conflict = self.task.duty_conflict(self.state, self.user) if self.task else None
        if conflict:
            self.add_error(None, conflict)
        return cleaned


class ConfirmVersionForm(ReviewActionForm):
    """A step that confirms the version it was shown: a ticked confirmation, an optional
    comment, the fingerprint of the version on screen and the separation of duties.
    Subclasses give ``confirm`` its label and may add conditions in ``check_more``."""

    fingerprint = forms.CharField(widget=forms.HiddenInput, required=False)
    comment = forms.CharField(
        label=pgettext_lazy("review", "Comment"), widget=forms.Textarea(attrs={"rows": 3}), required=False
    )

    def clean(self):
        cleaned = super().clean()
        if self.state is None:
            return cleaned
        shown = cleaned.get("fingerprint")
        if shown and shown != fingerprint(self.state.revision):
            self.add_error(
                None,
                gettext("The page changed while you were reading it. Close this window and open the page again."),
            )
            return cleaned
        conflict = self.task.duty_conflict(self.state, self.user) if self.task else None
        if conflict:
            self.add_error(None, conflict)
        self.check_more()
        return cleaned

    def check_more(self):
        pass


class SignOffForm(ConfirmVersionForm):
    """分管负责人审核签字: the leader confirms and may comment; the time is recorded."""

    confirm = forms.BooleanField(
        label=_("I have read this version and its confidentiality review, and I sign off its publication."),
        error_messages={"required": _("Tick the confirmation to sign off.")},
    )
    field_order = ["fingerprint", "confirm", "comment"]

    def check_more(self):
        # Other conditions of publication, e.g. an interpretation only with or after its
        # policy document (第十二条): ``govinfo_before_sign_off`` hooks return a message or None.
        for fn in hooks.get_hooks("govinfo_before_sign_off"):
            refusal = fn(self.state.revision)
            if refusal:
                self.add_error(None, refusal)


def _bind(form_class, task):
    return type(form_class.__name__, (form_class,), {"task": task})


def reject_form_class(task):
    return _bind(RejectForm, task)


def review_form_class(task):
    return _bind(ReviewApprovalForm, task)


def sign_off_form_class(task):
    return _bind(SignOffForm, task)
