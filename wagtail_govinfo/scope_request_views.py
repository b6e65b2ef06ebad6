"""Admin screens of the out-of-scope publication requests (第二十三条).

Every permission is checked here, on every request; the menu and buttons are a convenience.
"""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods
from wagtail.admin.menu import MenuItem
from wagtail.models import ModelLogEntry

from . import scope_requests as sr
from .models import ScopeRequestStatus


def index(request):
    if not sr.may_see_list(request.user):
        raise PermissionDenied
    requests = sr.visible_requests(request.user)
    status = request.GET.get("status")
    if status in ScopeRequestStatus.values:
        requests = requests.filter(status=status)
    return TemplateResponse(
        request,
        "wagtail_govinfo/scope_requests/index.html",
        {
            "requests": requests,
            "statuses": ScopeRequestStatus.choices,
            "status": status,
            "may_file": sr.may_file(request.user),
            "page_title": _("Out-of-scope publication requests"),
            "header_icon": "doc-full-inverse",
        },
    )


@require_http_methods(["GET", "POST"])
def create(request):
    if not sr.may_file(request.user):
        raise PermissionDenied
    form = sr.ScopeRequestForm(request.POST or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        scope_request = sr.file_request(form, request.user)
        messages.success(
            request,
            _("Request “%(title)s” filed: it now awaits the approval of your department's principal "
              "or responsible leader.") % {"title": scope_request.title},
        )
        return redirect("govinfo_articles:scope_request", pk=scope_request.pk)
    return TemplateResponse(
        request,
        "wagtail_govinfo/scope_requests/form.html",
        {"form": form, "page_title": _("File an out-of-scope publication request"), "header_icon": "doc-full-inverse",
         "notice_days": sr.notice_days()},
    )


@require_http_methods(["GET", "POST"])
def detail(request, pk):
    if not sr.may_see_list(request.user):
        raise PermissionDenied
    scope_request = get_object_or_404(sr.visible_requests(request.user), pk=pk)
    step = None
    if scope_request.status == ScopeRequestStatus.FILED and sr.may_approve(request.user, scope_request):
        step = "department"
    elif scope_request.status == ScopeRequestStatus.APPROVED and sr.may_decide(request.user):
        step = "operator"
    form = sr.DecisionForm(request.POST or None)
    if request.method == "POST":
        if step is None:
            raise PermissionDenied
        if form.is_valid():
            approve = form.cleaned_data["decision"] == "approve"
            reason = form.cleaned_data["reason"]
            if step == "department":
                sr.department_decides(scope_request, request.user, approve, reason)
                done = _("Request approved: it goes to the platform operator.") if approve else _("Request refused.")
            else:
                sr.operator_decides(scope_request, request.user, approve, reason)
                done = (
                    _("Request accepted: the department may publish it in the column until %(date)s.")
                    % {"date": scope_request.wanted_on.isoformat()}
                    if approve else _("Request declined.")
                )
            messages.success(request, done)
            return redirect("govinfo_articles:scope_request", pk=scope_request.pk)
    history = ModelLogEntry.objects.for_instance(scope_request).select_related("user").order_by("timestamp", "pk")
    return TemplateResponse(
        request,
        "wagtail_govinfo/scope_requests/detail.html",
        {
            "scope_request": scope_request,
            "form": form,
            "step": step,
            "history": history,
            "page_title": _("Out-of-scope publication request"),
            "header_icon": "doc-full-inverse",
        },
    )


class ScopeRequestsMenuItem(MenuItem):
    def __init__(self):
        super().__init__(
            gettext_lazy("Out-of-scope requests"),
            reverse("govinfo_articles:scope_requests"),
            name="govinfo-scope-requests",
            icon_name="doc-full-inverse",
            order=262,
        )

    def is_shown(self, request):
        return sr.may_see_list(request.user)
