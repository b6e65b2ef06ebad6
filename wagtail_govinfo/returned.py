"""Pages sent back for changes (退回修改): who returned them, at which step, why, and
the findings of the screening that go with it.

Works on any Wagtail workflow: a workflow state that "needs changes" has, as its current
task state, the rejected step; its ``finished_by`` returned it and its comment is the
reason (the package's review steps store their reason there too). A task state with a
``findings_for_editor()`` method (the package's review steps) adds its findings: rows
with ``label``, ``text``, ``places``, ``outcome`` and ``blocking``.
"""

from dataclasses import dataclass, field
from datetime import datetime

from django.contrib import messages
from django.contrib.contenttypes.models import ContentType
from django.db.models import CharField, Q
from django.db.models.functions import Cast
from django.utils.translation import gettext as _
from wagtail.models import Page, WorkflowState

from .names import display_name


@dataclass
class Returned:
    workflow_state: WorkflowState
    by: str  # 姓名 of the person who returned it
    step: str  # the task's name, e.g. 保密审核
    reason: str
    at: datetime | None
    findings: list = field(default_factory=list)

    @property
    def object(self):
        return self.workflow_state.content_object


def returned_info(workflow_state):
    """A ``Returned`` for ``workflow_state`` if it is waiting for changes, else None."""
    if workflow_state is None or workflow_state.status != WorkflowState.STATUS_NEEDS_CHANGES:
        return None
    task_state = workflow_state.current_task_state
    if task_state is None:
        return None
    task_state = task_state.specific
    reason = (getattr(task_state, "reason", "") or task_state.get_comment() or "").strip()
    by = getattr(task_state, "finished_by_name", "") or display_name(task_state.finished_by)
    findings_for_editor = getattr(task_state, "findings_for_editor", None)
    findings = findings_for_editor() if callable(findings_for_editor) else []
    return Returned(workflow_state, by, task_state.task.name, reason, task_state.finished_at, findings)


def describe_finding(row):
    """One line for a finding row, e.g. 手机号码“139****5678”（摘要）：须修改."""
    text = _("%(kind)s “%(text)s”") % {"kind": row["label"], "text": row["text"]}
    if row["places"]:
        text += _(" (%(places)s)") % {"places": row["places"]}
    return _("%(finding)s: %(outcome)s") % {"finding": text, "outcome": row["outcome"]}


def returned_to(user, limit=20):
    """Pages waiting for ``user``'s changes (they submitted or own them), newest first."""
    owned = Page.objects.filter(owner=user).annotate(key=Cast("pk", CharField())).values("key")
    states = (
        WorkflowState.objects.filter(
            status=WorkflowState.STATUS_NEEDS_CHANGES,
            base_content_type=ContentType.objects.get_for_model(Page),
        )
        .filter(Q(requested_by=user) | Q(object_id__in=owned))
        .select_related("current_task_state__task", "current_task_state__finished_by", "workflow")
        .order_by("-current_task_state__finished_at")[:limit]
    )
    return [info for info in (returned_info(state) for state in states) if info is not None]


def tell_editor_returned(request, page):
    """Opening a returned page: who returned it, at which step, why, and what to do."""
    if request.method != "GET":
        return None
    info = returned_info(page.current_workflow_state)
    if info is None:
        return None
    text = _("Returned for changes by %(who)s at the step “%(step)s”.") % {"who": info.by, "step": info.step}
    if info.reason:
        text += " " + _("Reason: %(reason)s") % {"reason": info.reason}
    if info.findings:
        text += " " + _("Findings: %(findings)s.") % {"findings": "；".join(describe_finding(r) for r in info.findings)}
    text += " " + _("Next: make the changes, then choose “Resubmit for review” in the menu beside Save.")
    messages.warning(request, text)
    return None
