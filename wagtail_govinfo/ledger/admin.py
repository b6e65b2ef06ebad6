"""The ledgers in the Wagtail admin (wagtail-modeladmin): read, filter, export, print.

Nobody adds, edits or deletes an entry here, superusers included: those URLs exist only
to refuse (403), and no button leads to them. Every view checks server-side who may
read which department's entries (``access.py``).
"""

import tempfile

from django.contrib import messages
from django.contrib.admin import ListFilter, SimpleListFilter
from django.contrib.admin.options import IncorrectLookupParameters
from django.http import FileResponse, HttpResponseBadRequest, HttpResponseForbidden
from django.db.models import Q
from django.shortcuts import redirect
from django.urls import re_path
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import pgettext
from django.utils.translation import gettext_lazy, pgettext_lazy
from wagtail.models import Page
from wagtail_modeladmin.helpers import ButtonHelper, PermissionHelper
from wagtail_modeladmin.options import ModelAdmin, ModelAdminGroup
from wagtail_modeladmin.views import IndexView, InspectView

from wagtail_govinfo.bounds import OutOfRange, parse_date, parse_id
from wagtail_govinfo.models import ColumnPage, Department, TopicPage

from . import access
from .export import export_ledger
from .ledger_time import LEDGER_TIME_ZONE, filter_by_dates, ledger_localtime
from .models import PublicationLedgerEntry, SubmissionLedgerEntry
from wagtail_govinfo.checklist import CHECKLIST_TEXTS
from wagtail_govinfo.screening import FindingKind

# ---------------------------------------------------------------------------
# Permissions and buttons


class LedgerPermissionHelper(PermissionHelper):
    """Read-only for those ``access.py`` allows; nothing else for anyone."""

    def get_all_model_permissions(self):
        # Only "view" is meaningful for a ledger; offer nothing else in the group editor.
        return super().get_all_model_permissions().filter(codename__startswith="view_")

    def user_can_list(self, user):
        return access.can_read_ledger(user, self.model)

    def user_can_create(self, user):
        return False

    def user_can_edit_obj(self, user, obj):
        return False

    def user_can_delete_obj(self, user, obj):
        return False

    def user_can_inspect_obj(self, user, obj):
        return self.inspect_view_enabled and access.can_read_entry(user, obj)


class LedgerButtonHelper(ButtonHelper):
    def inspect_button(self, pk, classnames_add=None, classnames_exclude=None):
        button = super().inspect_button(pk, classnames_add, classnames_exclude)
        button["label"] = _("Sign-off sheet")
        button["title"] = _("The sign-off sheet of this submission, ready to print")
        return button


def refuse(request, *args, **kwargs):
    """Where the add, edit and delete URLs of a ledger lead, for everyone: 403.

    Answered directly rather than raised, so the refusal is not turned into Wagtail's
    friendly redirect: a script that tries gets an unambiguous status.
    """
    return HttpResponseForbidden(
        _("Ledger entries cannot be added, changed or deleted."), content_type="text/plain; charset=utf-8"
    )


# ---------------------------------------------------------------------------
# Filters


class DepartmentFilter(SimpleListFilter):
    title = pgettext_lazy("ledger", "department")
    parameter_name = "department"

    def lookups(self, request, model_admin):
        visible = model_admin.get_queryset(request).values("department_id")
        return [
            (d.code, d.name)
            for d in Department.objects.filter(pk__in=visible).order_by("kind", "name")
        ]

    def queryset(self, request, queryset):
        if self.value():
            return queryset.filter(department_code=self.value())
        return queryset


class ColumnFilter(SimpleListFilter):
    title = pgettext_lazy("ledger", "column")
    parameter_name = "column"

    def lookups(self, request, model_admin):
        # The columns and topics themselves, not the ledger's rows: the choices cost the
        # same whatever the ledger's size (no scan of the entries for distinct columns).
        departments = access.visible_departments(request.user, model_admin.model)
        columns, topics = ColumnPage.objects.all(), TopicPage.objects.all()
        if departments != access.ALL:
            columns = columns.filter(responsible_departments__in=departments)
            topics = topics.filter(owner_departments__in=departments)
        pages = Page.objects.filter(
            Q(pk__in=columns.values("pk")) | Q(pk__in=topics.values("pk"))
        ).order_by("title", "pk")
        return [(str(pk), title) for pk, title in pages.values_list("pk", "title")]

    def queryset(self, request, queryset):
        value = self.value()
        if value:
            try:
                column_id = parse_id(value)
            except ValueError:
                raise IncorrectLookupParameters(_("Unknown column.")) from None
            return queryset.filter(column_id=column_id)
        return queryset


class DateRangeFilter(ListFilter):
    """Entries whose time (报送时间 / 发布时间) falls on or between two dates, Beijing time."""

    title = pgettext_lazy("ledger", "date range")
    template = "wagtail_govinfo_ledger/date_range_filter.html"
    parameters = ("date_from", "date_to")

    def __init__(self, request, params, model, model_admin):
        super().__init__(request, params, model, model_admin)
        self.field_name = model.event_time_field
        for name in self.parameters:
            if name in params:
                self.used_parameters[name] = params.pop(name)[-1]
        self.date_from = parse_date_param(self.used_parameters.get("date_from"), pgettext("ledger", "From"))
        self.date_to = parse_date_param(self.used_parameters.get("date_to"), pgettext("ledger", "To"))
        if self.date_from and self.date_to and self.date_from > self.date_to:
            raise IncorrectLookupParameters(_("The start date is after the end date."))

    def has_output(self):
        return True

    def expected_parameters(self):
        return list(self.parameters)

    def choices(self, changelist):
        return []

    def hidden_params(self):
        """The other query parameters, kept when the range form is submitted."""
        return [
            (key, value)
            for key, values in self.request.GET.lists()
            if key not in self.parameters and key not in ("p", "export")
            for value in values
        ]

    def queryset(self, request, queryset):
        return filter_by_dates(queryset, self.field_name, self.date_from, self.date_to)


def parse_date_param(value, label):
    if not value:
        return None
    try:
        return parse_date(value)
    except OutOfRange as error:
        raise IncorrectLookupParameters(f"{label}: {error}") from None
    except ValueError:
        raise IncorrectLookupParameters(
            _("%(label)s: %(value)s is not a date; use YYYY-MM-DD.") % {"label": label, "value": value}
        ) from None


# ---------------------------------------------------------------------------
# Views


class LedgerIndexView(IndexView):
    """The listing; ``?export=xlsx`` exports exactly the rows it shows (all pages)."""

    FORMATS = ("xlsx",)

    def dispatch(self, request, *args, **kwargs):
        try:
            return super().dispatch(request, *args, **kwargs)
        except IncorrectLookupParameters as error:
            message = str(error.args[0]) if error.args else _("These filters are not valid.")
            if request.GET.get(self.EXPORT_VAR):
                return HttpResponseBadRequest(message, content_type="text/plain; charset=utf-8")
            messages.error(request, message)
            return redirect(self.index_url)

    def describe_filters(self):
        """The filters in force, as readable labels and values."""
        described = {}
        for spec in self.filter_specs:
            if isinstance(spec, DateRangeFilter):
                if spec.date_from:
                    described[str(pgettext("ledger", "From"))] = spec.date_from.isoformat()
                if spec.date_to:
                    described[str(pgettext("ledger", "To"))] = spec.date_to.isoformat()
                continue
            for choice in spec.choices(self):
                if choice.get("selected") and spec.used_parameters:
                    described[str(spec.title)] = str(choice["display"])
        if self.query:
            described[str(pgettext("ledger", "Search"))] = self.query
        return described

    def as_spreadsheet(self, queryset, spreadsheet_format):
        ledger = self.model.ledger
        output = tempfile.TemporaryFile(suffix=".xlsx")
        export_ledger(
            ledger, queryset, output, user=self.request.user, filters=self.describe_filters(),
            via="admin",
        )
        output.seek(0)
        stamp = ledger_localtime(timezone.now()).strftime("%Y%m%d-%H%M%S")
        filename = f"{self.model_admin.export_basename}-{stamp}.xlsx"
        return FileResponse(
            output,
            as_attachment=True,
            filename=filename,
            content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        )


class SignOffSheetView(InspectView):
    """审核签字单: the sign-off of one submission, laid out to print on A4."""

    def get_template_names(self):
        return ["wagtail_govinfo_ledger/signoff_sheet.html"]

    def get_context_data(self, **kwargs):
        entry = self.instance
        context = super().get_context_data(**kwargs)
        context.update(
            {
                "entry": entry,
                "checklist": checklist_rows(entry.checklist),
                "findings": finding_rows(entry.findings),
                "publications": entry.publications.order_by("pk"),
                "corrections": entry.corrections.order_by("pk"),
                "ledger_time_zone": LEDGER_TIME_ZONE,
            }
        )
        return context


def resolution_names():
    return {
        "overridden": pgettext("ledger", "overridden"),
        "accepted": pgettext("ledger", "checked, not blocking"),
        "masked": pgettext("ledger", "masked"),
        "removed": pgettext("ledger", "removed"),
    }


def finding_rows(findings):
    """The stored findings of a sign-off, each with its kind and resolution in words."""
    names = resolution_names()
    rows = []
    for finding in findings or []:
        if not isinstance(finding, dict):
            finding = {"text": str(finding)}
        kind = finding.get("kind") or ""
        label = finding.get("label")
        if not label and kind:
            try:
                label = FindingKind(kind).label
            except ValueError:
                label = kind
        resolution = finding.get("resolution") or ""
        rows.append({**finding, "label": label, "resolution_label": names.get(resolution, resolution)})
    return rows


def checklist_rows(checklist):
    """(number, item, answer) rows of a stored checklist, for the sign-off sheet.

    The review stores its answers as a mapping of item key to confirmation. The items of
    第十七条 come first, in the article's order and wording; keys the ledger does not know
    (a site's own extra items) follow under their own name.
    """
    answers = dict(checklist) if isinstance(checklist, dict) else {}
    keys = [key for key in CHECKLIST_TEXTS if key in answers]
    keys += [key for key in answers if key not in CHECKLIST_TEXTS]
    return [
        {
            "number": index,
            "key": key,
            "label": CHECKLIST_TEXTS.get(key, key),
            "confirmed": answers[key] is True,
        }
        for index, key in enumerate(keys, start=1)
    ]


# ---------------------------------------------------------------------------
# ModelAdmins


class LedgerModelAdmin(ModelAdmin):
    permission_helper_class = LedgerPermissionHelper
    button_helper_class = LedgerButtonHelper
    index_view_class = LedgerIndexView
    index_template_name = "wagtail_govinfo_ledger/index.html"
    history_view_enabled = False
    inspect_view_enabled = False
    list_per_page = 50
    list_export = ()
    export_basename = "ledger"

    def get_queryset(self, request):
        return access.visible_entries(request.user, self.model)

    def get_admin_urls_for_registration(self):
        urls = [
            re_path(
                self.url_helper.get_action_url_pattern("index"),
                self.index_view,
                name=self.url_helper.get_action_url_name("index"),
            )
        ]
        if self.inspect_view_enabled:
            urls.append(
                re_path(
                    self.url_helper.get_action_url_pattern("inspect"),
                    self.inspect_view,
                    name=self.url_helper.get_action_url_name("inspect"),
                )
            )
        # Kept (under modeladmin's usual names) only to refuse, whoever asks.
        for action in ("create", "edit", "delete"):
            urls.append(
                re_path(
                    self.url_helper.get_action_url_pattern(action),
                    refuse,
                    name=self.url_helper.get_action_url_name(action),
                )
            )
        return tuple(urls)

    def entry_number(self, obj):
        return obj.reference

    entry_number.short_description = pgettext_lazy("ledger", "number")
    entry_number.admin_order_field = "number"


class SubmissionLedgerAdmin(LedgerModelAdmin):
    model = SubmissionLedgerEntry
    menu_label = gettext_lazy("Submission ledger")  # 信息报送台账
    menu_icon = "clipboard-list"
    inspect_view_enabled = True
    inspect_view_class = SignOffSheetView
    export_basename = "信息报送台账"
    list_display = (
        "entry_number", "title", "department_name", "column_title", "reviewer_name", "leader_name",
        "submitted_at", "info_type",
    )
    list_filter = (DepartmentFilter, ColumnFilter, "info_type", DateRangeFilter)
    search_fields = (
        "title", "source_author", "reviewer_name", "leader_name", "submitter_name",
        "department_name", "column_title", "remarks",
    )


class PublicationLedgerAdmin(LedgerModelAdmin):
    model = PublicationLedgerEntry
    menu_label = gettext_lazy("Publication ledger")  # 信息发布台账
    menu_icon = "doc-full"
    export_basename = "信息发布台账"
    list_display = (
        "entry_number", "title", "column_title", "department_name", "publisher_name",
        "published_at", "reviewer_name", "leader_name", "kind",
    )
    list_filter = (DepartmentFilter, ColumnFilter, "info_type", "kind", DateRangeFilter)
    search_fields = (
        "title", "column_title", "department_name", "publisher_name", "reviewer_name",
        "leader_name", "page_url", "remarks",
    )


class LedgerAdminGroup(ModelAdminGroup):
    menu_label = gettext_lazy("Ledgers")  # 台账
    menu_icon = "clipboard-list"
    menu_order = 260
    items = (SubmissionLedgerAdmin, PublicationLedgerAdmin)
