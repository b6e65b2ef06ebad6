"""Out-of-scope publication requests (第二十三条).

A department that needs to publish information outside the columns it is authorised
for files a request at least ``SCOPE_REQUEST_NOTICE_DAYS`` days before the wanted date
(urgent information, 紧急信息, excepted, with its reason). The department's principal
(主要负责人) or responsible leader (分管负责人) approves it, then the platform operator
(市政数局) accepts or declines it with a reason.

An accepted request gives the department's editors ``add`` on the column until the
wanted date (create pages there and edit their own; the normal review applies). The
right is computed with the date wherever it is checked, and the daily check marks the
request expired and takes the page permission away the day after.

Every step is in the audit log (``wagtail_govinfo.scope_request.*``).
"""

import datetime

from django import forms
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from wagtail.log_actions import log

from .conf import govinfo_settings
from .models import ColumnPage, Department, Role, ScopeRequest, ScopeRequestStatus
from .roles import has_role, is_auditor, is_operator

LOG_FILED = "wagtail_govinfo.scope_request.filed"
LOG_APPROVED = "wagtail_govinfo.scope_request.approved"
LOG_REFUSED = "wagtail_govinfo.scope_request.refused"  # by the department
LOG_ACCEPTED = "wagtail_govinfo.scope_request.accepted"
LOG_DECLINED = "wagtail_govinfo.scope_request.declined"  # by the operator
LOG_EXPIRED = "wagtail_govinfo.scope_request.expired"
LOG_PAGE_CREATED = "wagtail_govinfo.scope_request.page_created"

LOG_ACTIONS = [
    (LOG_FILED, gettext_lazy("File out-of-scope request"), gettext_lazy("Out-of-scope request filed")),
    (LOG_APPROVED, gettext_lazy("Approve out-of-scope request"), gettext_lazy("Out-of-scope request approved by the department")),
    (LOG_REFUSED, gettext_lazy("Refuse out-of-scope request"), gettext_lazy("Out-of-scope request refused by the department")),
    (LOG_ACCEPTED, gettext_lazy("Accept out-of-scope request"), gettext_lazy("Out-of-scope request accepted by the platform operator")),
    (LOG_DECLINED, gettext_lazy("Decline out-of-scope request"), gettext_lazy("Out-of-scope request declined by the platform operator")),
    (LOG_EXPIRED, gettext_lazy("Expire out-of-scope request"), gettext_lazy("Out-of-scope request expired")),
    (LOG_PAGE_CREATED, gettext_lazy("Create page under out-of-scope request"), gettext_lazy("Page created under an out-of-scope request")),
]

APPROVER_ROLES = (Role.PRINCIPAL, Role.LEADER)


def notice_days():
    return govinfo_settings.SCOPE_REQUEST_NOTICE_DAYS


def earliest_date(filed_on=None):
    """The earliest wanted date of a request that is not urgent, filed on ``filed_on``."""
    return (filed_on or timezone.localdate()) + datetime.timedelta(days=notice_days())


def granted_department_ids(page, today=None):
    """Departments holding an accepted, unexpired request on ``page`` or a column above it."""
    if page is None:
        return set()
    path = page.path
    ancestors = [path[:i] for i in range(page.steplen, len(path) + 1, page.steplen)]
    return set(
        ScopeRequest.objects.active(today)
        .filter(column__path__in=ancestors)
        .values_list("department_id", flat=True)
    )


# ---------------------------------------------------------------------------
# Who may do what


def may_file(user):
    return user.is_active and Department.objects.for_user(user, Role.EDITOR).exists()


def may_approve(user, scope_request):
    if not user.is_active or scope_request.filed_by_id == user.pk:
        return False
    return any(has_role(user, scope_request.department, role) for role in APPROVER_ROLES)


def may_decide(user):
    return user.is_active and is_operator(user)


def may_see_list(user):
    if not user.is_authenticated or not user.is_active:
        return False
    if is_operator(user) or is_auditor(user):
        return True
    return Department.objects.for_user(user).filter(
        roles__role__in=[Role.EDITOR, *APPROVER_ROLES], roles__user=user
    ).exists()


def visible_requests(user):
    requests = ScopeRequest.objects.select_related("department", "column", "filed_by")
    if is_operator(user) or is_auditor(user):
        return requests
    own = Department.objects.filter(
        roles__user=user, roles__role__in=[Role.EDITOR, *APPROVER_ROLES]
    ).values("pk")
    return requests.filter(department__in=own)


# ---------------------------------------------------------------------------
# Forms


class ScopeRequestForm(forms.ModelForm):
    class Meta:
        model = ScopeRequest
        fields = ["department", "column", "title", "description", "wanted_on", "urgent", "urgent_reason", "reason"]
        widgets = {"wanted_on": forms.DateInput(attrs={"type": "date"})}

    def __init__(self, *args, user, today=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user
        self.today = today or timezone.localdate()
        departments = Department.objects.for_user(user, Role.EDITOR).filter(is_active=True)
        self.fields["department"].queryset = departments
        if departments.count() == 1:
            self.fields["department"].initial = departments.first().pk
        self.fields["column"].queryset = ColumnPage.objects.live().order_by("path")
        self.fields["wanted_on"].help_text = _(
            "At least %(days)s days after today (on or after %(date)s), unless the information is urgent."
        ) % {"days": notice_days(), "date": earliest_date(self.today).isoformat()}

    def clean(self):
        cleaned = super().clean()
        wanted_on, urgent = cleaned.get("wanted_on"), cleaned.get("urgent")
        if urgent and not (cleaned.get("urgent_reason") or "").strip():
            self.add_error(
                "urgent_reason", _("Urgent information needs a reason: say why it cannot wait %(days)s days.")
                % {"days": notice_days()},
            )
        if wanted_on is not None:
            earliest = earliest_date(self.today)
            if wanted_on < self.today:
                self.add_error("wanted_on", _("The wanted publication date has passed."))
            elif not urgent and wanted_on < earliest:
                self.add_error(
                    "wanted_on",
                    _("A request must be filed at least %(days)s days ahead (article 23): the earliest "
                      "date you can ask for is %(date)s, unless the information is urgent.")
                    % {"days": notice_days(), "date": earliest.isoformat()},
                )
        department, column = cleaned.get("department"), cleaned.get("column")
        if department is not None and column is not None:
            from .roles import _responsible_ids

            if department.pk in (_responsible_ids(column) or set()):
                self.add_error(
                    "column", _("%(department)s is already responsible for this column: no request is needed.")
                    % {"department": department.name},
                )
        return cleaned


class DecisionForm(forms.Form):
    decision = forms.ChoiceField(choices=[("approve", "approve"), ("refuse", "refuse")])
    reason = forms.CharField(label=gettext_lazy("Reason"), required=False, widget=forms.Textarea(attrs={"rows": 3}))

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("decision") == "refuse" and not (cleaned.get("reason") or "").strip():
            self.add_error("reason", _("Give the reason for declining: the department reads it."))
        return cleaned


# ---------------------------------------------------------------------------
# Steps


def _log(scope_request, action, user, **data):
    log(
        instance=scope_request,
        action=action,
        user=user,
        data={
            "department": scope_request.department.code,
            "column": {"id": scope_request.column_id, "title": scope_request.column.title},
            "wanted_on": scope_request.wanted_on.isoformat(),
            "urgent": scope_request.urgent,
            **data,
        },
    )


@transaction.atomic
def file_request(form, user):
    scope_request = form.save(commit=False)
    if not has_role(user, scope_request.department, Role.EDITOR):
        raise PermissionDenied
    scope_request.filed_by = user
    scope_request.filed_at = timezone.now()
    scope_request.status = ScopeRequestStatus.FILED
    if not scope_request.urgent:
        scope_request.urgent_reason = ""
    scope_request.save()
    _log(scope_request, LOG_FILED, user, title=scope_request.title, reason=scope_request.reason,
         urgent_reason=scope_request.urgent_reason)
    return scope_request


def _locked(scope_request):
    return ScopeRequest.objects.select_for_update().select_related("department", "column").get(pk=scope_request.pk)


@transaction.atomic
def department_decides(scope_request, user, approve, reason=""):
    """The principal or responsible leader approves (审定) or refuses the request."""
    scope_request = _locked(scope_request)
    if not may_approve(user, scope_request):
        raise PermissionDenied(_("Only the principal or a responsible leader of the department can approve it."))
    if scope_request.status != ScopeRequestStatus.FILED:
        raise PermissionDenied(_("This request is no longer waiting for the department."))
    now = timezone.now()
    if approve:
        scope_request.status = ScopeRequestStatus.APPROVED
        scope_request.approved_by, scope_request.approved_at = user, now
    else:
        scope_request.status = ScopeRequestStatus.DECLINED
        scope_request.decided_by, scope_request.decided_at = user, now
    scope_request.decision_reason = reason if not approve else scope_request.decision_reason
    scope_request.save()
    _log(scope_request, LOG_APPROVED if approve else LOG_REFUSED, user, reason=reason,
         late=scope_request.is_late)
    return scope_request


@transaction.atomic
def operator_decides(scope_request, user, accept, reason="", today=None):
    """The platform operator accepts (the right starts now) or declines the request."""
    from .permissions import sync_page_permissions

    scope_request = _locked(scope_request)
    if not may_decide(user):
        raise PermissionDenied(_("Only the platform operator can accept or decline a request."))
    if scope_request.status != ScopeRequestStatus.APPROVED:
        raise PermissionDenied(_("Only a request approved by its department can be decided."))
    if accept and scope_request.wanted_on < (today or timezone.localdate()):
        raise PermissionDenied(_("The wanted publication date has passed: the request can only be declined."))
    scope_request.status = ScopeRequestStatus.ACCEPTED if accept else ScopeRequestStatus.DECLINED
    scope_request.decided_by, scope_request.decided_at = user, timezone.now()
    scope_request.decision_reason = reason
    scope_request.save()
    _log(scope_request, LOG_ACCEPTED if accept else LOG_DECLINED, user, reason=reason)
    if accept:
        sync_page_permissions(scope_request.column.specific, today=today)
    return scope_request


def expire_requests(today=None, dry_run=False):
    """Daily check: accepted requests whose date has passed expire and lose their right."""
    from .permissions import sync_page_permissions

    today = today or timezone.localdate()
    expired = list(
        ScopeRequest.objects.filter(status=ScopeRequestStatus.ACCEPTED, wanted_on__lt=today)
        .select_related("department", "column")
    )
    details = [
        _("%(department)s: “%(title)s” in %(column)s, date %(date)s")
        % {"department": r.department.name, "title": r.title, "column": r.column.title,
           "date": r.wanted_on.isoformat()}
        for r in expired
    ]
    if not dry_run:
        for scope_request in expired:
            scope_request.status = ScopeRequestStatus.EXPIRED
            scope_request.save(update_fields=["status"])
            _log(scope_request, LOG_EXPIRED, None)
        for column_id in {r.column_id for r in expired}:
            sync_page_permissions(ColumnPage.objects.get(pk=column_id), today=today)
    return {"expired": len(expired), "details": details}


def daily_checks():
    return [("scope_requests", check_scope_requests)]


def check_scope_requests(today, dry_run=False):
    return expire_requests(today=today, dry_run=dry_run)


def link_created_page(request, page):
    """``after_create_page``: record the page created under an active request of its
    department on that column (when the department is not responsible for it)."""
    department_id = getattr(page, "submitting_department_id", None)
    if department_id is None:
        return
    parent = page.get_parent()
    scope_request = (
        ScopeRequest.objects.active()
        .filter(department_id=department_id, page__isnull=True)
        .filter(column__path__in=[parent.path[:i] for i in range(parent.steplen, len(parent.path) + 1, parent.steplen)])
        .order_by("wanted_on")
        .first()
    )
    from .roles import _responsible_ids

    if scope_request is None or department_id in (_responsible_ids(parent) or set()):
        return
    scope_request.page = page
    scope_request.save(update_fields=["page"])
    _log(scope_request, LOG_PAGE_CREATED, request.user, page={"id": page.pk, "title": page.title})


# ---------------------------------------------------------------------------
# Quarterly report (第二十八条)


def quarterly_rows(start, end):
    """Per department: requests filed in the period, urgent ones, late ones, accepted."""
    rows = {}
    for r in ScopeRequest.objects.filter(filed_at__gte=start, filed_at__lt=end).select_related("department"):
        figures = rows.setdefault(r.department.name, [0, 0, 0, 0])
        figures[0] += 1
        figures[1] += r.urgent
        figures[2] += r.is_late
        figures[3] += r.status in (ScopeRequestStatus.ACCEPTED, ScopeRequestStatus.EXPIRED)
    return [[name, *figures] for name, figures in sorted(rows.items())]


def quarterly_sheet(period, today):
    """``govinfo_quarterly_sheets`` provider: the out-of-scope requests of the quarter."""
    from django.utils.translation import pgettext

    rows = quarterly_rows(period.start, period.end)
    return {
        "name": pgettext("report sheet", "Out-of-scope requests"),
        "title": _("Out-of-scope publication requests filed in %(period)s (article 23)") % {"period": period.label},
        "headers": [
            pgettext("report", "Department"),
            pgettext("report", "Requests"),
            pgettext("report", "Urgent"),
            pgettext("report", "Late"),
            pgettext("report", "Accepted"),
        ],
        "rows": rows,
        "notes": [
            _("Late: not urgent, yet approved by the department less than %(days)s days before the wanted date.")
            % {"days": notice_days()}
        ],
        "summary": {
            "scope_requests": sum(r[1] for r in rows),
            "scope_requests_urgent": sum(r[2] for r in rows),
            "scope_requests_late": sum(r[3] for r in rows),
        },
    }
