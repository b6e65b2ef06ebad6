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
