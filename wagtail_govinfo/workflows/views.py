"""Admin views of the workflows app: emergency publication (紧急发布) and the answer to
an action that came second (已处理)."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods
from wagtail.admin.widgets import Button
from wagtail.models import Page, TaskState

from ..gate_views import ReasonForm, _edit_url
from ..roles import is_operator
from .emergency import blocking_findings, emergency_publish, may_publish_in_emergency
from .models import display_name, newest_revision


class EmergencyForm(ReasonForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["reason"].label = gettext_lazy("Why can this not wait for the review and sign-off?")


@require_http_methods(["GET", "POST"])
def emergency(request, pk):
    page = get_object_or_404(Page, pk=pk).specific
    if not may_publish_in_emergency(request.user, page):
        raise PermissionDenied
    revision = newest_revision(page)
    blocking = blocking_findings(revision) if revision is not None else []
    form = EmergencyForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            emergency_publish(page, request.user, form.cleaned_data["reason"])
        except ValidationError as error:
            form.add_error(None, error.messages[0] if not hasattr(error, "error_dict") else error)
        else:
            messages.success(
                request,
                _("“%(title)s” was published in an emergency. Its confidentiality review and "
                  "sign-off have started.") % {"title": page.title},
            )
            return redirect(_edit_url(page))
    return TemplateResponse(
        request,
        "wagtail_govinfo_workflows/gate/reason_form.html",
        {
            "page": page,
            "form": form,
            "blocking": blocking,
            "danger": True,
            "page_title": _("Emergency publication of “%(title)s”") % {"title": page.title},
            "explanation": _(
                "The newest version goes online now, before its review. The reason is "
                "recorded in the publication ledger (紧急发布) and the audit log; the "
                "confidentiality review and the leader's sign-off of this version start at once."
            ),
            "confirm_label": _("Publish now (紧急发布)"),
            "action_url": reverse("govinfo_workflows:emergency", args=[page.pk]),
            "cancel_url": _edit_url(page),
        },
        status=400 if request.method == "POST" else 200,
    )


def already_decided(request, task_state_id):
    """Where the second of two simultaneous actions on one step lands (已处理)."""
    task_state = get_object_or_404(TaskState, pk=task_state_id)
    # Only those who could have acted on the step (and the operator) learn who decided it.
    task = task_state.task.specific
    obj = task_state.workflow_state.content_object
    obj = getattr(obj, "specific", obj)
    may_act = getattr(task, "may_act", None)
    if not (is_operator(request.user) or (may_act is not None and may_act(obj, request.user))):
        raise PermissionDenied
    who = display_name(task_state.finished_by) if task_state.finished_by_id else ""
    messages.warning(
        request,
        _("This step was already decided (已处理) by %(name)s; your action was not recorded.")
        % {"name": who or _("someone else")}
        if who
        else _("This step was already decided (已处理); your action was not recorded."),
    )
    if isinstance(obj, Page):
        return redirect(_edit_url(obj))
    return redirect(reverse("wagtailadmin_home"))


def header_buttons(page, user, view_name, next_url=None):
    if view_name == "edit" and may_publish_in_emergency(user, page):
        yield Button(
            _("Emergency publication (紧急发布)"),
            url=reverse("govinfo_workflows:emergency", args=[page.pk]),
            icon_name="warning",
            priority=90,
        )
