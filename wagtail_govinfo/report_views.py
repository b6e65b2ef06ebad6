"""Admin list and download of the stored reports, for the platform operator and auditors."""

from django.core.exceptions import PermissionDenied
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404
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
            "page_title": _("Reports"),
            "header_icon": "doc-full",
        },
    )


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


class ReportsMenuItem(MenuItem):
    def __init__(self):
        super().__init__(
            gettext_lazy("Reports"),
            reverse("govinfo_checks:reports"),
            name="govinfo-reports",
            icon_name="doc-full",
            order=260,
        )

    def is_shown(self, request):
        return can_read_reports(request.user)
