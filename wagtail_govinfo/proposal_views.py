"""Admin screens of the proposals (第二十一、二十四条); permissions checked on every request."""

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

from . import proposals as pr
from .models import ProposalStatus


def index(request):
    if not pr.may_see_list(request.user):
        raise PermissionDenied
    return TemplateResponse(
        request,
        "wagtail_govinfo/proposals/index.html",
        {
            "proposals": pr.visible_proposals(request.user),
            "may_file": pr.may_file(request.user),
            "page_title": _("Proposals of topics and columns"),
            "header_icon": "list-ul",
        },
    )


@require_http_methods(["GET", "POST"])
def create(request):
    if not pr.may_file(request.user):
        raise PermissionDenied
    form = pr.ProposalForm(request.POST or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        proposal = pr.file_proposal(form, request.user)
        messages.success(request, _("Proposal “%(title)s” sent to the platform operator.") % {"title": proposal.title})
        return redirect("govinfo_articles:proposal", pk=proposal.pk)
    return TemplateResponse(
        request,
        "wagtail_govinfo/proposals/form.html",
        {"form": form, "page_title": _("Propose a topic, a column or a redesign"), "header_icon": "list-ul"},
    )


@require_http_methods(["GET", "POST"])
def detail(request, pk):
    if not pr.may_see_list(request.user):
        raise PermissionDenied
    proposal = get_object_or_404(pr.visible_proposals(request.user), pk=pk)
    may_decide = proposal.status == ProposalStatus.SUBMITTED and pr.may_decide(request.user)
    form = pr.DecisionForm(request.POST or None)
    if request.method == "POST":
        if not may_decide:
            raise PermissionDenied
        if form.is_valid():
            approve = form.cleaned_data["decision"] == "approve"
            proposal = pr.decide(proposal, request.user, approve, form.cleaned_data["reason"])
            messages.success(request, _("Proposal approved.") if approve else _("Proposal declined."))
            return redirect("govinfo_articles:proposal", pk=proposal.pk)
    history = ModelLogEntry.objects.for_instance(proposal).select_related("user").order_by("timestamp", "pk")
    return TemplateResponse(
        request,
        "wagtail_govinfo/proposals/detail.html",
        {
            "proposal": proposal,
            "form": form,
            "may_decide": may_decide,
            "history": history,
            "page_title": _("Proposal"),
            "header_icon": "list-ul",
        },
    )


class ProposalsMenuItem(MenuItem):
    def __init__(self):
        super().__init__(
            gettext_lazy("Proposals"),
            reverse("govinfo_articles:proposals"),
            name="govinfo-proposals",
            icon_name="list-ul",
            order=263,
        )

    def is_shown(self, request):
        return pr.may_see_list(request.user)
