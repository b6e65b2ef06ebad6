"""The 第十条 table of which department provides which column, as a spreadsheet.

Headers: ``栏目`` (a column's title, or the titles from the site root joined by ``/``) and
``提供单位`` (department names or codes joined by ``、``). Reading checks every row first and
reports each bad one; nothing is written unless the whole file is good.
"""

import csv
import io
from dataclasses import dataclass
from pathlib import Path

from django.db import transaction
from django.utils.translation import gettext as _
from wagtail.models import Page, Site

from .cell_text import read_cell_text
from .models import ColumnPage, Department

COLUMN_HEADER = "栏目"
DEPARTMENTS_HEADER = "提供单位"
PATH_SEPARATOR = "/"
LIST_SEPARATOR = "、"


class ColumnTableError(Exception):
    """The file cannot be imported; ``errors`` lists each problem, one line each."""

    def __init__(self, errors):
        self.errors = errors
        super().__init__("\n".join(errors))


@dataclass
class ColumnChange:
    row: int
    column: ColumnPage
    departments: list
    before: list

    @property
    def changed(self):
        return {d.pk for d in self.departments} != {d.pk for d in self.before}


def read_rows(path):
    """Rows of ``path`` (.xlsx or .csv) as ``(row_number, column, departments)`` strings."""
    path = Path(path)
    if not path.exists():
        raise ColumnTableError([_("File not found: %(path)s") % {"path": path}])
    if path.suffix.lower() == ".csv":
        text = path.read_bytes().decode("utf-8-sig")
        rows = list(csv.reader(io.StringIO(text)))
    elif path.suffix.lower() in (".xlsx", ".xlsm"):
        from openpyxl import load_workbook

        try:
            sheet = load_workbook(path, read_only=True, data_only=True).worksheets[0]
        except Exception as exc:  # openpyxl raises several types for a broken file
            raise ColumnTableError([_("Not a readable Excel file: %(error)s") % {"error": exc}])
        rows = [["" if v is None else str(v) for v in row] for row in sheet.iter_rows(values_only=True)]
    else:
        raise ColumnTableError([_("Use an .xlsx or .csv file, not %(name)s.") % {"name": path.name}])
    if not rows:
        raise ColumnTableError([_("The file is empty.")])
    header = [h.strip() for h in rows[0]]
    if COLUMN_HEADER not in header or DEPARTMENTS_HEADER not in header:
        raise ColumnTableError(
            [_("The first row must have the headers %(a)s and %(b)s.") % {"a": COLUMN_HEADER, "b": DEPARTMENTS_HEADER}]
        )
    ci, di = header.index(COLUMN_HEADER), header.index(DEPARTMENTS_HEADER)
    for number, row in enumerate(rows[1:], start=2):
        cells = list(row) + [""] * (max(ci, di) + 1 - len(row))
        column, departments = read_cell_text(cells[ci].strip()), read_cell_text(cells[di].strip())
        if column or departments:
            yield number, column, departments


def _column_index():
    """Every column by title and by title path below its site's root, in two queries."""
    root_paths = [site.root_page.path for site in Site.objects.select_related("root_page")]
    columns = list(ColumnPage.objects.order_by("path").prefetch_related("responsible_departments"))
    step = ColumnPage.steplen
    ancestor_paths = {c.path[:i] for c in columns for i in range(step, len(c.path), step)}
    titles = dict(Page.objects.filter(path__in=ancestor_paths).values_list("path", "title"))
    by_title, by_path = {}, {}
    for column in columns:
        root = max((r for r in root_paths if column.path.startswith(r)), key=len, default="")
        start = len(root) + step if root else step
        parts = [titles[column.path[:i]] for i in range(start, len(column.path), step)]
        by_path[PATH_SEPARATOR.join([*parts, column.title])] = column
        by_title.setdefault(column.title, []).append(column)
    return by_title, by_path


def plan(path):
    """Check the whole file; return the changes or raise ``ColumnTableError`` naming each bad row."""
    by_title, by_path = _column_index()
    departments = {}
    for d in Department.objects.all():
        departments[d.name] = d
        departments[d.code] = d
    changes, errors, seen = [], [], {}
    for number, column_name, department_names in read_rows(path):
        row_errors = []
        column = by_path.get(column_name)
        if column is None:
            candidates = by_title.get(column_name, [])
            if len(candidates) == 1:
                column = candidates[0]
            elif len(candidates) > 1:
                row_errors.append(
                    _("row %(row)d: several columns are titled %(name)s; give the path with '/'.")
                    % {"row": number, "name": column_name}
                )
            else:
                row_errors.append(_("row %(row)d: no column %(name)s.") % {"row": number, "name": column_name or "''"})
        wanted = []
        for name in filter(None, (n.strip() for n in department_names.split(LIST_SEPARATOR))):
            if name in departments:
                wanted.append(departments[name])
            else:
                row_errors.append(_("row %(row)d: no department %(name)s.") % {"row": number, "name": name})
        if column is not None and column.pk in seen:
            row_errors.append(
                _("row %(row)d: column %(name)s is already given in row %(first)d.")
                % {"row": number, "name": column_name, "first": seen[column.pk]}
            )
        if row_errors:
            errors.extend(row_errors)
            continue
        seen[column.pk] = number
        changes.append(ColumnChange(number, column, wanted, list(column.responsible_departments.all())))
    if errors:
        raise ColumnTableError(errors)
    return changes


@transaction.atomic
def apply(changes, user=None):
    """Write the departments of each changed column and publish it, so permissions follow."""
    for change in changes:
        if change.changed:
            column = change.column
            column.responsible_departments.set(change.departments)
            column.save_revision(user=user, log_action=True).publish(user=user)


def export_rows():
    by_title, by_path = _column_index()
    for path, column in sorted(by_path.items(), key=lambda item: item[1].path):
        yield path, LIST_SEPARATOR.join(d.name for d in column.responsible_departments.all())
