"""After a review action: what happened and what comes next, as a Django message.

Wagtail's workflow action view has no request-aware hook after ``on_action`` and shows no
confirmation; it does redirect to the URL ``on_action`` returns. So the step returns the
dashboard's URL with a signed ``govinfo_notice`` (the task state and the user), and the
dashboard turns it into the message, read from the database at that moment.
"""

from django.contrib import messages
from django.core import signing
from django.urls import reverse
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from wagtail.models import TaskState

from wagtail_govinfo.names import display_name

PARAM = "govinfo_notice"
_SALT = "wagtail_govinfo.workflows.notice"
_MAX_AGE = 600  # seconds: a notice is for the redirect right after the action


def notice_url(task_state, user):
    """The dashboard URL that confirms what ``user`` just did to ``task_state``."""
    token = signing.dumps({"s": task_state.pk, "u": user.pk}, salt=_SALT, compress=True)
    return reverse("wagtailadmin_home") + "?" + urlencode({PARAM: token})


def notice_text(task_state, user):
    """One or two sentences: what ``user``'s action on ``task_state`` did, and what's next."""
    from .models import AbstractGovInfoReviewTask, content_object_of, users_who_may_act

    workflow_state = task_state.workflow_state
    obj = content_object_of(workflow_state)
    title = getattr(obj, "title", None) or str(obj)
    if task_state.status == TaskState.STATUS_REJECTED:
        return _(
            "You returned “%(title)s” to %(author)s for changes; they are told your reason. "
            "Next: they make the changes and resubmit it for review."
        ) % {"title": title, "author": display_name(workflow_state.requested_by) or _("its editor")}
    if task_state.status == TaskState.STATUS_CANCELLED:
        return _(
            "“%(title)s” changed after its confidentiality review, so your decision was not "
            "recorded: it is back at the confidentiality review."
        ) % {"title": title}
    if task_state.status != TaskState.STATUS_APPROVED:
        return None
    current = workflow_state.current_task_state
    if workflow_state.status == workflow_state.STATUS_IN_PROGRESS and current and current.pk != task_state.pk:
        task = current.task.specific
        people = ""
        if isinstance(task, AbstractGovInfoReviewTask):
            people = "、".join(display_name(u) for u in users_who_may_act(task, obj)[:3])
        return _(
            "You passed “%(title)s” at “%(step)s”. Next: “%(next)s”%(people)s."
        ) % {
            "title": title,
            "step": task_state.task.name,
            "next": task.name,
            "people": _(" by %(people)s") % {"people": people} if people else "",
        }
    live = type(obj).objects.filter(pk=obj.pk, live=True, has_unpublished_changes=False).exists()
    if live:
        return _("You signed off “%(title)s”: the review is complete and the page is published.") % {
            "title": title
        }
    return _("You signed off “%(title)s”: the review is complete.") % {"title": title}


def show_notice(request):
    """On the dashboard: turn a ``govinfo_notice`` from the redirect into a message."""
    token = request.GET.get(PARAM)
    if not token:
        return
    try:
        data = signing.loads(token, salt=_SALT, max_age=_MAX_AGE)
    except signing.BadSignature:
        return
    if data.get("u") != request.user.pk:
        return
    task_state = TaskState.objects.filter(pk=data.get("s")).select_related("workflow_state").first()
    text = task_state and notice_text(task_state.specific, request.user)
    if text:
        level = messages.WARNING if task_state.status == TaskState.STATUS_CANCELLED else messages.SUCCESS
        messages.add_message(request, level, text)
