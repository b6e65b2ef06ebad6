from django import template

from ...checklist import CHECKLIST
from ..findings import RevisionScreening

register = template.Library()


@register.simple_tag
def govinfo_screening(task_state):
    """The screening of the exact revision under review."""
    return RevisionScreening.of(task_state.revision)


@register.simple_tag
def govinfo_duty_conflict(task_state, user):
    """Why separation of duties stops ``user`` approving this step ('' if nothing does)."""
    return task_state.task.specific.duty_conflict(task_state, user) or ""


@register.simple_tag
def govinfo_passed_review(task_state):
    """For a sign-off: the confidentiality review of this very version, or None."""
    task = task_state.task.specific
    return task.passed_review(task_state.workflow_state, task_state.revision)


@register.simple_tag
def govinfo_checklist(answers):
    """(item text, confirmed) for each item of 第十七条."""
    answers = answers or {}
    return [(text, bool(answers.get(key))) for key, text in CHECKLIST]


@register.simple_tag
def govinfo_fingerprint(revision):
    """The fingerprint of a revision's current content."""
    from ..findings import fingerprint

    return fingerprint(revision)


@register.simple_tag
def govinfo_submitted_overrides(form):
    """The override reasons the reviewer typed (shown again when the form has errors)."""
    if form is None or not form.is_bound:
        return {}
    field = form.fields.get("overrides")
    if field is None:
        return {}
    value = field.widget.value_from_datadict(form.data, form.files, form.add_prefix("overrides"))
    return {str(k): str(v or "") for k, v in (value or {}).items()}


@register.simple_tag
def govinfo_submitted_confirmations(form):
    """The unreadable sources the reviewer ticked (shown again when the form has errors)."""
    if form is None or not form.is_bound or "confirmed_unreadable" not in form.fields:
        return []
    field = form.fields["confirmed_unreadable"]
    return list(field.widget.value_from_datadict(form.data, form.files, form.add_prefix("confirmed_unreadable")) or [])


@register.simple_tag
def govinfo_resolution(resolution):
    """How a finding was resolved, in words."""
    from ..findings import resolution_label

    return resolution_label(resolution)


@register.simple_tag
def govinfo_revision_content(task_state):
    """Every field of the revision under review, as safe HTML."""
    from ..content import revision_content

    return revision_content(task_state.revision.as_object())


@register.simple_tag
def govinfo_changes_since_live(task_state, request):
    """Wagtail's comparisons of the live version with the revision under review."""
    from ..content import changes_since_live

    return changes_since_live(task_state.workflow_state.content_object, task_state.revision, request)
