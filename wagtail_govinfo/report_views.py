"""Admin list and download of the stored reports, for the platform operator and auditors."""

from django.core.exceptions import PermissionDenied
from django.http import FileResponse, Http404
from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from wagtail.admin.menu import MenuItem
from wagtail.log_actions import log

from .models import Report, ReportKind
from .roles import is_auditor, is_operator

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def can_read_reports(user):
    return user.is_authenticated and user.is_active and (is_operator(user) or is_auditor(user))


def index(request):
    if not can_read_reports(request.user):
        raise PermissionDenied
    if request.method == "POST":
        return generate(request)
    reports = Report.objects.order_by("-period", "kind")
    kind = request.GET.get("kind")
    if kind in ReportKind.values:
        reports = reports.filter(kind=kind)
    return TemplateResponse(
        request,
        "wagtail_govinfo/reports/index.html",
        {
            "reports": reports,
            "kinds": ReportKind.choices,
            "kind": kind,
            "page_title": MENU_LABEL,
            "can_generate": is_operator(request.user),
            "header_icon": "doc-full",
        },
    )


def generate(request):
    """Build the report of a chosen kind and period now (the platform operator)."""
    from .reporting import PeriodError
    from .reports import build_and_store

    if not is_operator(request.user):
        raise PermissionDenied
    kind = request.POST.get("kind", "")
    period = request.POST.get("period", "").strip() or None
    if kind not in ReportKind.values:
        messages.error(request, _("Choose the kind of report."))
        return redirect("govinfo_checks:reports")
    try:
        report = build_and_store(kind, period, user=request.user)
    except PeriodError as exc:
        messages.error(request, str(exc))
        return redirect("govinfo_checks:reports")
    messages.success(
        request,
        _("%(kind)s for %(period)s built: download it below.")
        % {"kind": report.get_kind_display(), "period": report.period},
    )
    return redirect("govinfo_checks:reports")


def download(request, pk):
    if not can_read_reports(request.user):
        raise PermissionDenied
    report = get_object_or_404(Report, pk=pk)
    if not report.file:
        raise Http404
    try:
        handle = report.file.open("rb")
    except (FileNotFoundError, OSError):
        raise Http404
    log(instance=report, action="wagtail_govinfo.report_downloaded", user=request.user)  # 第二十六条
    return FileResponse(
        handle, as_attachment=True, filename=f"{report.kind}-{report.period}.xlsx", content_type=XLSX
    )


#: Not "Reports": Wagtail's own menu has an item of that name.
MENU_LABEL = gettext_lazy("Article 28 reports")


class ReportsMenuItem(MenuItem):
    def __init__(self):
        super().__init__(
            MENU_LABEL,
            reverse("govinfo_checks:reports"),
            name="govinfo-reports",
            icon_name="doc-full",
            order=260,
        )

    def is_shown(self, request):
        return can_read_reports(request.user)
