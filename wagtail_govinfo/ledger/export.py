"""Streaming a ledger into an Excel workbook.

The resource (``resources.py``) says which columns there are; rows are read with
``values_list()`` over the resource's attributes and written one by one into an
``xlsxwriter`` workbook in constant-memory mode, so exporting 100,000 entries needs
about as much memory as exporting 10 (``docs/explanation/ledger-performance.md``).

What the file guarantees an auditor:

* dates and times are real Excel dates, in Beijing time;
* text is always written as text, through :func:`wagtail_govinfo.cell_text.cell_text`:
  text starting with ``= + - @`` (or a tab or carriage return) gets a leading apostrophe,
  so it cannot run as a formula even after the sheet is saved as CSV and opened again, and
  control characters that a workbook cannot hold are removed;
* the header row is frozen and filterable, the columns are as wide as their content;
* the workbook's properties and its second sheet carry the export time, who exported,
  the filters used, the number of rows and the head hash of the ledger's chain;
* the rows are exactly the ledger as it stood at that head: entries appended while the
  export runs are left out.
"""

import datetime
import getpass
from dataclasses import dataclass, field

import xlsxwriter
from django.utils import timezone
from django.utils.translation import gettext as _
from import_export import widgets
from wagtail.log_actions import log

from wagtail_govinfo import signals
from wagtail_govinfo.cell_text import cell_text, printable_text
from wagtail_govinfo.printing import set_up_for_print

from .ledger_time import LEDGER_TIME_ZONE, ledger_localtime
from .models import Ledger, LedgerChain
from .recording import person_name
from .resources import RESOURCES, LedgerDateTimeWidget
from .witness import EXPORTED_ACTION, head_data, publish


MAX_COLUMN_WIDTH = 60
DATE_FORMAT = "yyyy-mm-dd"
DATETIME_FORMAT = "yyyy-mm-dd hh:mm:ss"


def display_width(text):
    """Columns ``text`` needs: CJK characters are two wide (3 UTF-8 bytes → 2)."""
    return (len(text) + len(text.encode("utf-8"))) // 2


@dataclass
class ExportResult:
    ledger: str
    rows: int
    head_hash: str
    exported_at: datetime.datetime
    filters: dict = field(default_factory=dict)


class _Column:
    """How one resource field is read and written."""

    def __init__(self, resource_field):
        self.field = resource_field
        self.header = str(resource_field.column_name)
        self.attribute = resource_field.attribute
        widget = resource_field.widget
        if isinstance(widget, LedgerDateTimeWidget):
            self.kind = "datetime"
        elif isinstance(widget, widgets.DateWidget):
            self.kind = "date"
        elif isinstance(widget, widgets.NumberWidget):
            self.kind = "number"
        else:
            self.kind = "text"
        self.render = widget.render
        self.width = display_width(self.header) + 2


def _columns(resource):
    return [_Column(f) for f in resource.get_export_fields()]


def _cell_writers(worksheet, columns, formats):
    """One function per column that writes a value into (row, column)."""
    writers = []
    write_string = worksheet.write_string
    write_number = worksheet.write_number
    write_datetime = worksheet.write_datetime

    for index, column in enumerate(columns):
        if column.kind == "datetime":
            def write(row, value, col=index, render=column.render):
                if value is not None:
                    write_datetime(row, col, render(value), formats["datetime"])
            column.width = max(column.width, 20)
        elif column.kind == "date":
            def write(row, value, col=index):
                if value is not None:
                    write_datetime(row, col, value, formats["date"])
            column.width = max(column.width, 12)
        elif column.kind == "number":
            def write(row, value, col=index):
                if value is not None:
                    write_number(row, col, value)
        else:
            render = column.render
            plain = type(column.field.widget) is widgets.CharWidget

            def write(row, value, col=index, column=column, render=render, plain=plain):
                if value is None:
                    return
                text = value if plain and type(value) is str else render(value)
                text = cell_text(text)
                if not text:
                    return
                write_string(row, col, text)
                if len(text) * 2 > column.width and column.width < MAX_COLUMN_WIDTH:
                    column.width = min(max(column.width, display_width(text) + 1), MAX_COLUMN_WIDTH)
        writers.append(write)
    return writers


def write_workbook(resource, queryset, output, *, info, print_time=None):
    """Stream ``queryset`` through ``resource`` into a workbook at ``output``.

    ``info`` is a list of ``(label, value)`` pairs for the second sheet and the workbook
    properties. Returns the number of rows written.
    """
    workbook = xlsxwriter.Workbook(
        output,
        {"constant_memory": True, "strings_to_formulas": False, "strings_to_urls": False},
    )
    formats = {
        "header": workbook.add_format({"bold": True, "bg_color": "#DDEBF7", "border": 1}),
        "date": workbook.add_format({"num_format": DATE_FORMAT}),
        "datetime": workbook.add_format({"num_format": DATETIME_FORMAT}),
    }
    sheet = workbook.add_worksheet(resource.sheet_title or "ledger")
    columns = _columns(resource)
    for col, column in enumerate(columns):
        sheet.write_string(0, col, column.header, formats["header"])
    sheet.freeze_panes(1, 0)
    writers = _cell_writers(sheet, columns, formats)
    pairs = list(zip(range(len(writers)), writers))
    rows = 0
    attributes = [column.attribute for column in columns]
    for rows, values in enumerate(queryset.values_list(*attributes).iterator(chunk_size=2000), start=1):
        for index, write in pairs:
            write(rows, values[index])
    for col, column in enumerate(columns):
        sheet.set_column(col, col, column.width)
    sheet.autofilter(0, 0, max(rows, 1), len(columns) - 1)
    labels = {str(label): value for label, value in info}
    set_up_for_print(
        sheet,
        title=labels.get(str(_("Ledger")), resource.sheet_title),
        filters=_("Filters: %(filters)s") % {"filters": labels.get(str(_("Filters")), "")},
        exported_at=print_time,
    )

    about = workbook.add_worksheet(_("Export information")[:31])
    about.set_column(0, 0, 18)
    about.set_column(1, 1, 80)
    about.set_landscape()
    about.set_paper(9)
    about.fit_to_pages(1, 1)
    for row, (label, value) in enumerate([*info, (_("Rows"), rows)]):
        about.write_string(row, 0, str(label), formats["header"])
        if isinstance(value, datetime.datetime):
            about.write_datetime(row, 1, value, formats["datetime"])
        elif isinstance(value, int):
            about.write_number(row, 1, value)
        else:
            about.write_string(row, 1, cell_text(value))

    properties = {str(label): value for label, value in info}
    workbook.set_properties(
        {
            "title": resource.sheet_title,
            "subject": resource.sheet_title,
            "author": printable_text(properties.get(_("Exported by"), "")),
            "comments": printable_text("; ".join(
                f"{label}: {value}" for label, value in info if not isinstance(value, datetime.datetime)
            )),
            "created": timezone.now().astimezone(datetime.UTC).replace(tzinfo=None),
        }
    )
    for label, value in [*info, (_("Rows"), rows)]:
        if isinstance(value, datetime.datetime):
            workbook.set_custom_property(str(label), value, "date")
        elif isinstance(value, int):
            workbook.set_custom_property(str(label), value, "number_int")
        else:
            workbook.set_custom_property(str(label), printable_text(value) or "-", "text")
    workbook.close()
    return rows


def describe_filters(filters):
    """Filters as one line: ``报送单位: 市发改委; 起: 2026-01-01``; ``全部`` when none."""
    if not filters:
        return _("none (the whole ledger)")
    return "; ".join(f"{label}: {value}" for label, value in filters.items())


def export_ledger(ledger, queryset, output, *, user=None, filters=None, via="admin"):
    """Write ``queryset`` (entries of ``ledger``) to ``output`` and record the export.

    ``filters`` maps a readable filter name to its readable value. The export is
    recorded in Wagtail's audit log (action ``wagtail_govinfo.ledger_exported``, on the
    ledger's chain) and announced with the ``ledger_exported`` signal.
    """
    ledger = Ledger(ledger)
    resource = RESOURCES[ledger]()
    filters = dict(filters or {})
    chain, _created = LedgerChain.objects.get_or_create(ledger=ledger)
    # Freeze the export at the chain head read now, so the file matches its head hash.
    queryset = queryset.order_by("year", "number")
    if chain.head_entry_id is None:
        queryset = queryset.none()
    else:
        queryset = queryset.filter(pk__lte=chain.head_entry_id)
    exported_at = timezone.now()
    exporter = person_name(user) if user is not None else _("command line (%(user)s)") % {
        "user": _system_user()
    }
    info = [
        (_("Ledger"), str(ledger.label)),
        (_("Exported at"), ledger_localtime(exported_at).replace(tzinfo=None)),
        (_("Time zone"), str(LEDGER_TIME_ZONE)),
        (_("Exported by"), exporter),
        (_("Filters"), describe_filters(filters)),
        (_("Chain length"), chain.length),
        (_("Chain head hash"), chain.head_hash),
    ]
    rows = write_workbook(resource, queryset, output, info=info, print_time=exported_at)
    result = ExportResult(
        ledger=ledger.value, rows=rows, head_hash=chain.head_hash, exported_at=exported_at,
        filters=filters,
    )
    # The export is a witness of the chain head (witness.py): in the audit log and outside.
    witness = head_data(chain)
    log(
        instance=chain,
        action=EXPORTED_ACTION,
        user=user,
        data={
            **witness,
            "rows": rows,
            "filters": {str(k): str(v) for k, v in filters.items()},
            "via": via,
            "exported_by": exporter,
        },
    )
    publish({**witness, "via": f"export ({via})"}, recorded_at=exported_at)
    signals.ledger_exported.send(
        sender=queryset.model,
        user=user,
        ledger=ledger.value,
        filters=result.filters,
        rows=rows,
        head_hash=chain.head_hash,
    )
    return result


def _system_user():
    try:
        return getpass.getuser()
    except Exception:  # no login name in some containers
        return "?"
