"""The reports of 第二十七、二十八条, as Excel workbooks and stored ``Report`` records.

* Quarterly publication report (通报): per department — submitted, published, rejected,
  revoked, median time from submission to publication, and the stale and empty columns
  it is responsible for; per column — last update and status.
* Monthly interaction check: consultations not answered within the working-day limit
  (第十八条) and interaction columns not updated for more than three months.

Figures owned by a sub-app come through ``reporting.py`` (the ledger's counts, the
interaction module's consultations); rejections are read from Wagtail's own workflow
records; column figures are the core's and describe the columns as of the day the
report is built.
"""

import calendar
import datetime
import io

import xlsxwriter
from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.core.files.base import ContentFile
from django.db import IntegrityError, transaction
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import pgettext
from wagtail.models import Page, TaskState

from . import reporting
from .cell_text import cell_text
from .conf import govinfo_settings
from .models import CONTENT_PAGE_MODELS, ColumnKind, ColumnPage, ColumnState, Department, Report
from .printing import set_up_for_print
from .staleness import evaluate_columns

TEXT_WIDTH = 16


def _local(moment):
    return timezone.localtime(moment).strftime("%Y-%m-%d %H:%M") if moment else ""


def _date(day):
    return day.isoformat() if day else ""


# ---------------------------------------------------------------------------
# Figures


def page_departments(page_ids):
    """``{page id: submitting department id}`` for content pages among ``page_ids``."""
    found = {}
    for model in CONTENT_PAGE_MODELS:
        found.update(
            model.objects.filter(pk__in=page_ids).values_list("pk", "submitting_department_id")
        )
    return found


def rejections_by_department(start, end):
    """Review steps rejected in [start, end), per submitting department (Wagtail's TaskState)."""
    page_type = ContentType.objects.get_for_model(Page)
    rows = TaskState.objects.filter(
        status=TaskState.STATUS_REJECTED,
        finished_at__gte=start,
        finished_at__lt=end,
        workflow_state__base_content_type=page_type,
    ).values_list("workflow_state__object_id", flat=True)
    page_ids = [int(object_id) for object_id in rows]
    departments = page_departments(set(page_ids))
    counts = {}
    for page_id in page_ids:
        department_id = departments.get(page_id)
        counts[department_id] = counts.get(department_id, 0) + 1
    return counts


def column_departments():
    """``{column id: [department id, …]}`` of every column."""
    through = ColumnPage.responsible_departments.through
    mapping = {}
    for column_id, department_id in through.objects.values_list("columnpage_id", "department_id"):
        mapping.setdefault(column_id, []).append(department_id)
    return mapping


def column_rows(today, kinds=None):
    """Every live column (of ``kinds``) with its facts, state and departments, in tree order."""
    queryset = ColumnPage.objects.live()
    if kinds:
        queryset = queryset.filter(column_kind__in=kinds)
    facts = evaluate_columns(queryset)
    departments = column_departments()
    forecast = govinfo_settings.STALE_FORECAST_DAYS
    return [
        (item, item.state(today, forecast), departments.get(item.column_id, []))
        for item in facts
    ]


# ---------------------------------------------------------------------------
# Workbook


class Workbook:
    """A small xlsxwriter wrapper: text cells are always written as text, through
    :func:`~wagtail_govinfo.cell_text.cell_text` (never a formula, no control character)."""

    def __init__(self):
        self.buffer = io.BytesIO()
        self.book = xlsxwriter.Workbook(self.buffer, {"in_memory": True})
        self.bold = self.book.add_format({"bold": True, "bg_color": "#EEEEEE", "border": 1})
        self.title = self.book.add_format({"bold": True, "font_size": 14})

    def sheet(self, name, title, headers, rows, notes=()):
        sheet = self.book.add_worksheet(name[:31])
        sheet.write_string(0, 0, cell_text(title), self.title)
        line = 1
        for note in notes:
            sheet.write_string(line, 0, cell_text(note))
            line += 1
        line += 1
        for col, header in enumerate(headers):
            sheet.write_string(line, col, str(header), self.bold)
            sheet.set_column(col, col, max(TEXT_WIDTH, len(str(header)) * 2))
        sheet.freeze_panes(line + 1, 0)
        set_up_for_print(sheet, title=title, header_rows=(line, line), filters="；".join(str(n) for n in notes))
        for row in rows:
            line += 1
            for col, value in enumerate(row):
                self.write(sheet, line, col, value)
        return sheet

    def write(self, sheet, row, col, value):
        if value is None:
            sheet.write_blank(row, col, None)
        elif isinstance(value, bool):
            sheet.write_string(row, col, _("Yes") if value else _("No"))
        elif isinstance(value, (int, float)):
            sheet.write_number(row, col, value)
        else:
            sheet.write_string(row, col, cell_text(value))

    def close(self):
        self.book.close()
        return self.buffer.getvalue()


def _header_notes(period, today):
    return [
        _("Period: %(period)s (%(first)s to %(last)s)")
        % {"period": period.label, "first": period.first_day, "last": period.last_day},
        _("Built on %(day)s; column figures are as of that day.") % {"day": today.isoformat()},
    ]


def quarterly_workbook(period, today):
    """The 通报 of ``period``: (xlsx bytes, summary dict)."""
    stats = reporting.publication_stats(period.start, period.end)
    rejected = rejections_by_department(period.start, period.end)
    columns = column_rows(today)
    departments = list(Department.objects.order_by("kind", "name"))
    names = {d.pk: d.name for d in departments}

    per_department = {d.pk: {"columns": 0, "stale": 0, "empty": 0} for d in departments}
    for item, state, department_ids in columns:
        for department_id in department_ids:
            figures = per_department.setdefault(department_id, {"columns": 0, "stale": 0, "empty": 0})
            figures["columns"] += 1
            figures["stale"] += state == ColumnState.STALE
            figures["empty"] += state == ColumnState.EMPTY

    book = Workbook()
    notes = _header_notes(period, today)
    if stats is None:
        notes.append(
            _("The ledger app is not installed: submitted, published and revoked counts are not available.")
        )
    rows = []
    totals = {
        "submitted": 0, "published": 0, "rejected": 0, "revoked": 0, "stale": 0, "empty": 0,
        "emergency": 0, "emergency_unsigned": 0,
    }
    for department in departments:
        own = (stats or {}).get(department.pk, {})
        figures = per_department[department.pk]
        median = own.get("median_hours")
        row = [
            department.name,
            own.get("submitted", 0) if stats is not None else None,
            own.get("published", 0) if stats is not None else None,
            rejected.get(department.pk, 0),
            own.get("revoked", 0) if stats is not None else None,
            round(median, 1) if median is not None else None,
            figures["columns"],
            figures["stale"],
            figures["empty"],
            own.get("emergency", 0) if stats is not None else None,
            own.get("emergency_unsigned", 0) if stats is not None else None,
        ]
        rows.append(row)
        for key, value in zip(("submitted", "published", "rejected", "revoked"), row[1:5]):
            totals[key] += value or 0
        totals["stale"] += figures["stale"]
        totals["empty"] += figures["empty"]
        totals["emergency"] += row[9] or 0
        totals["emergency_unsigned"] += row[10] or 0
    book.sheet(
        pgettext("report sheet", "Departments"),
        _("Quarterly publication report %(period)s") % {"period": period.label},
        [
            pgettext("report", "Department"),
            pgettext("report", "Submitted"),
            pgettext("report", "Published"),
            pgettext("report", "Rejected"),
            pgettext("report", "Revoked"),
            pgettext("report", "Median hours from submission to publication"),
            pgettext("report", "Columns responsible for"),
            pgettext("report", "Stale columns"),
            pgettext("report", "Empty columns"),
            pgettext("report", "Emergency publications"),
            pgettext("report", "Emergency publications awaiting sign-off"),
        ],
        rows,
        notes,
    )
    book.sheet(
        pgettext("report sheet", "Columns"),
        _("Columns as of %(day)s") % {"day": today.isoformat()},
        [
            pgettext("report", "Column"),
            pgettext("report", "Address"),
            pgettext("report", "Column kind"),
            pgettext("report", "Responsible departments"),
            pgettext("report", "Last update"),
            pgettext("report", "Stale after (days)"),
            pgettext("report", "Status"),
        ],
        [
            [
                item.title,
                item.url_path,
                str(ColumnKind(item.kind).label) if item.kind in ColumnKind.values else item.kind,
                "、".join(names.get(d, "") for d in department_ids),
                _local(item.last_update),
                item.threshold_days,
                str(ColumnState(state).label),
            ]
            for item, state, department_ids in columns
        ],
    )
    summary = {**totals, "ledger": stats is not None, "columns": len(columns)}
    for sheet in reporting.quarterly_sheets(period, today):
        book.sheet(sheet["name"], sheet["title"], sheet["headers"], sheet["rows"], sheet.get("notes", ()))
        summary.update(sheet.get("summary", {}))
    return book.close(), summary


def months_before(day, months):
    """The same day ``months`` calendar months earlier (the month's last day if shorter)."""
    year, month = divmod(day.year * 12 + day.month - 1 - months, 12)
    month += 1
    return datetime.date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def monthly_workbook(period, today):
    """The interaction check of ``period``: (xlsx bytes, summary dict)."""
    stats = reporting.interaction_stats(period.start, period.end, today)
    limit = govinfo_settings.MESSAGE_REPLY_WORKING_DAYS
    book = Workbook()
    notes = _header_notes(period, today)

    if stats is None:
        consultation_rows = []
        notes_consultations = notes + [
            _("The interaction module is not installed: consultations could not be checked.")
        ]
        overdue = None
    else:
        overdue = stats.get("overdue_consultations") or []
        consultation_rows = [
            [
                row.get("reference", ""),
                row.get("title", ""),
                row.get("department", ""),
                _local(row.get("received_at")),
                _date(row.get("due_on")),
                _local(row.get("answered_at")) or _("Not answered"),
                row.get("working_days"),
            ]
            for row in overdue
        ]
        notes_consultations = notes + [
            _("Simple consultations not answered within %(days)s working days (article 18).")
            % {"days": limit}
        ]
    book.sheet(
        pgettext("report sheet", "Consultations"),
        _("Monthly interaction check %(period)s") % {"period": period.label},
        [
            pgettext("report", "Reference"),
            pgettext("report", "Title"),
            pgettext("report", "Handling department"),
            pgettext("report", "Received"),
            pgettext("report", "Due"),
            pgettext("report", "Answered"),
            pgettext("report", "Working days"),
        ],
        consultation_rows,
        notes_consultations,
    )

    three_months_ago = months_before(today, 3)
    if stats is not None and stats.get("interaction_columns") is not None:
        column_data = [
            [row.get("title", ""), row.get("department", ""), _local(row.get("last_update"))]
            for row in stats["interaction_columns"]
        ]
    else:
        names = dict(Department.objects.values_list("pk", "name"))
        column_data = [
            [
                item.title,
                "、".join(names.get(d, "") for d in department_ids),
                _local(item.last_update) or _("Never (empty)"),
            ]
            for item, state, department_ids in column_rows(today, kinds=[ColumnKind.INTERACTION])
            if item.is_empty or item.last_update is None
            or timezone.localdate(item.last_update) < three_months_ago
        ]
    book.sheet(
        pgettext("report sheet", "Interaction columns"),
        _("Interaction columns not updated for more than three months"),
        [
            pgettext("report", "Column"),
            pgettext("report", "Responsible departments"),
            pgettext("report", "Last update"),
        ],
        column_data,
        [_("Not updated since before %(day)s.") % {"day": three_months_ago.isoformat()}],
    )
    summary = {
        "interaction_module": stats is not None,
        "overdue_consultations": None if overdue is None else len(overdue),
        "stale_interaction_columns": len(column_data),
    }
    return book.close(), summary


BUILDERS = {"quarterly": quarterly_workbook, "monthly": monthly_workbook}


def build_workbook(kind, period_label=None, today=None):
    """(period, xlsx bytes, summary) for the ``kind`` report of ``period_label``
    (default: the last complete quarter or month). Raises ``reporting.PeriodError``."""
    today = today or timezone.localdate()
    if kind not in BUILDERS:
        raise reporting.PeriodError(_("Unknown report kind “%(kind)s”.") % {"kind": kind})
    period = (
        reporting.parse_period(kind, period_label, today)
        if period_label
        else reporting.previous_period(kind, today)
    )
    with translation.override(settings.LANGUAGE_CODE):
        content, summary = BUILDERS[kind](period, today)
    return period, content, summary


def build_and_store(kind, period_label=None, today=None, user=None):
    """Build the report and store it as the ``Report`` of its kind and period (replacing
    an earlier build of the same period). Safe to run twice or on two workers at once."""
    period, content, summary = build_workbook(kind, period_label, today)
    filename = f"{kind}-{period.label}.xlsx"
    with transaction.atomic():
        try:
            with transaction.atomic():
                report, _created = Report.objects.get_or_create(
                    kind=kind,
                    period=period.label,
                    defaults={"created_at": timezone.now(), "created_by": user, "summary": summary},
                )
        except IntegrityError:  # another worker created it in between
            report = Report.objects.get(kind=kind, period=period.label)
        report = Report.objects.select_for_update().get(pk=report.pk)
        old_name = report.file.name if report.file else None
        report.file.save(filename, ContentFile(content), save=False)
        report.created_at = timezone.now()
        report.created_by = user
        report.summary = summary
        report.save()
        if old_name and old_name != report.file.name:
            report.file.storage.delete(old_name)
    return report
