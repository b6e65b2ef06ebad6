"""Reading word lists into the screening dictionary (admin import, command, settings).

Two formats, chosen by the file name:

* **Plain text** (UTF-8, or GB 18030 as older Chinese tools write it), one entry a
  line; blank lines and lines starting with ``#`` are skipped::

      敏感词
      按装→安装                 (a typo and its correct form; "=>" and "->" work too)
      某词<TAB>阻断<TAB>政治      (optional columns: severity, category)

  Columns are separated by a tab or a comma (``,`` or ``，``). Severity is
  ``提示``/``notice`` (the default) or ``阻断``/``blocking``.
* **Excel** (``.xlsx``), first sheet, one header row with the columns
  ``词语`` (required), ``类型`` (敏感词/错别字, or sensitive/typo; default: 错别字
  when a correct form is given), ``正确写法``, ``级别`` (提示/阻断), ``分类``.

A list is checked as a whole first: each bad row is named with its line number,
and if any row is bad nothing is written. Writing creates new words and updates
the correct form, severity and category of existing ones (reactivating them);
words that are not in the list are left alone. Importing the same list twice
changes nothing the second time.
"""

import io
import re
from dataclasses import dataclass

from django.db import transaction
from django.utils.translation import gettext_lazy as _

from .dictionary import BLOCKING, NOTICE, SENSITIVE, TYPO, bump_dictionary_version
from .normalise import normalise_word

MAX_WORD_LENGTH = 100  # SensitiveWord.word / correction
MAX_CATEGORY_LENGTH = 50  # SensitiveWord.category

_SEVERITIES = {
    "": NOTICE, "notice": NOTICE, "提示": NOTICE, "一般": NOTICE,
    "blocking": BLOCKING, "阻断": BLOCKING, "禁止": BLOCKING, "严重": BLOCKING,
}
_KINDS = {
    "sensitive": SENSITIVE, "sensitive_word": SENSITIVE, "敏感词": SENSITIVE,
    "typo": TYPO, "错别字": TYPO,
}
_TYPO_ARROW = re.compile(r"\s*(?:→|=>|->)\s*")
_COLUMNS = re.compile(r"\t|,|，")
HEADERS = {"word": "词语", "kind": "类型", "correction": "正确写法", "severity": "级别", "category": "分类"}


@dataclass(frozen=True)
class WordRow:
    """One valid entry of a list, with the line it came from."""

    line: int
    word: str
    kind: str = SENSITIVE
    correction: str = ""
    severity: str = NOTICE
    category: str = ""

    @property
    def key(self):
        return (self.word, self.kind)


@dataclass(frozen=True)
class RowError:
    line: int  # 0: the file as a whole
    message: str


class WordListError(Exception):
    """A list that cannot be imported; ``errors`` names each bad row."""

    def __init__(self, errors):
        self.errors = errors
        super().__init__("; ".join(str(e.message) for e in errors))


def parse_word_list(name, data):
    """``(rows, errors)`` of the uploaded file ``name`` with content ``data`` (bytes)."""
    lower = name.lower()
    if lower.endswith(".xlsx"):
        return parse_xlsx(data)
    if lower.endswith((".xls", ".ods", ".et")):
        return [], [RowError(0, _("Upload a plain-text (.txt) word list or an .xlsx workbook."))]
    for encoding in ("utf-8-sig", "gb18030"):
        try:
            return parse_text(data.decode(encoding))
        except UnicodeDecodeError:
            continue
    return [], [RowError(0, _("The file is neither UTF-8 nor GB 18030 text."))]


def parse_text(content):
    """``(rows, errors)`` of a plain-text word list."""
    rows, errors = [], []
    for number, raw in enumerate(content.splitlines(), start=1):
        line = raw.strip()
        if not line or line.startswith("#"):
            continue
        columns = [c.strip() for c in _COLUMNS.split(line)]
        if len(columns) > 3:
            errors.append(
                RowError(number, _("too many columns (at most: word, severity, category)."))
            )
            continue
        columns += [""] * (3 - len(columns))
        first, severity, category = columns
        pair = _TYPO_ARROW.split(first)
        if len(pair) > 2:
            errors.append(RowError(number, _("more than one arrow in “%(text)s”.") % {"text": first}))
            continue
        if len(pair) == 2:
            row, error = _row(number, pair[0], TYPO, pair[1], severity, category)
        else:
            row, error = _row(number, first, SENSITIVE, "", severity, category)
        if error:
            errors.append(RowError(number, error))
        else:
            rows.append(row)
    return _without_duplicates(rows, errors)


def parse_xlsx(data):
    """``(rows, errors)`` of a workbook whose first sheet has the columns of ``HEADERS``."""
    from openpyxl import load_workbook

    try:
        workbook = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except Exception:  # openpyxl raises many kinds for a file that is no workbook
        return [], [RowError(0, _("The file is not a readable .xlsx workbook."))]
    try:
        sheet = workbook.worksheets[0]
        lines = sheet.iter_rows(values_only=True)
        header = next(lines, None) or ()
        names = [_cell(c) for c in header]
        if HEADERS["word"] not in names:
            return [], [
                RowError(1, _("the header row has no column “%(name)s”.") % {"name": HEADERS["word"]})
            ]
        index = {key: names.index(title) for key, title in HEADERS.items() if title in names}
        rows, errors = [], []
        for number, values in enumerate(lines, start=2):
            cells = {key: _cell(values[i]) if i < len(values) else "" for key, i in index.items()}
            if not any(cells.values()):
                continue
            kind_text = cells.get("kind", "")
            kind = _KINDS.get(kind_text.lower())
            if kind_text and kind is None:
                errors.append(
                    RowError(number, _("unknown type “%(value)s” (use 敏感词 or 错别字).") % {"value": kind_text})
                )
                continue
            if kind is None:
                kind = TYPO if cells.get("correction") else SENSITIVE
            row, error = _row(
                number, cells["word"], kind, cells.get("correction", ""),
                cells.get("severity", ""), cells.get("category", ""),
            )
            if error:
                errors.append(RowError(number, error))
            else:
                rows.append(row)
    finally:
        workbook.close()
    return _without_duplicates(rows, errors)


def _cell(value):
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return str(value).strip()


def _row(number, word, kind, correction, severity_text, category):
    if not word:
        return None, _("the word is empty.")
    if len(word) > MAX_WORD_LENGTH or len(correction) > MAX_WORD_LENGTH:
        return None, _("a word is longer than %(max)s characters.") % {"max": MAX_WORD_LENGTH}
    if not normalise_word(word):
        return None, _("“%(word)s” has no letters, digits or characters to match.") % {"word": word}
    if kind == TYPO:
        if not correction:
            return None, _("the typo “%(word)s” has no correct form.") % {"word": word}
        if correction == word:
            return None, _("the correct form of “%(word)s” is the same word.") % {"word": word}
    elif correction:
        return None, _("only a typo has a correct form.")
    severity = _SEVERITIES.get(severity_text.lower())
    if severity is None:
        return None, _("unknown severity “%(value)s” (use 提示/notice or 阻断/blocking).") % {
            "value": severity_text
        }
    if len(category) > MAX_CATEGORY_LENGTH:
        return None, _("the category is longer than %(max)s characters.") % {"max": MAX_CATEGORY_LENGTH}
    return WordRow(number, word, kind, correction, severity, category), None


def _without_duplicates(rows, errors):
    first_line = {}
    unique = []
    for row in rows:
        if row.key in first_line:
            errors.append(
                RowError(row.line, _("“%(word)s” is already on line %(first)s.")
                         % {"word": row.word, "first": first_line[row.key]})
            )
        else:
            first_line[row.key] = row.line
            unique.append(row)
    errors.sort(key=lambda e: e.line)
    return unique, errors


# --- writing ---------------------------------------------------------------------------

CREATE, UPDATE, UNCHANGED = "create", "update", "unchanged"


def plan_import(rows):
    """``[(row, action)]``: what importing ``rows`` would do (one query per 1,000 words)."""
    from ..models import SensitiveWord

    existing = {}
    words = sorted({r.word for r in rows})
    for i in range(0, len(words), 1000):
        for obj in SensitiveWord.objects.filter(word__in=words[i : i + 1000]):
            existing[(obj.word, obj.kind)] = obj
    plan = []
    for row in rows:
        obj = existing.get(row.key)
        if obj is None:
            plan.append((row, CREATE, None))
        elif (obj.correction, obj.severity, obj.category, obj.is_active) == (
            row.correction, row.severity, row.category, True
        ):
            plan.append((row, UNCHANGED, obj))
        else:
            plan.append((row, UPDATE, obj))
    return plan


def import_rows(rows):
    """Write ``rows`` (already valid) and return the counts by action."""
    from ..models import SensitiveWord

    counts = {CREATE: 0, UPDATE: 0, UNCHANGED: 0}
    with transaction.atomic():
        plan = plan_import(rows)
        new, changed = [], []
        for row, action, obj in plan:
            counts[action] += 1
            if action == CREATE:
                new.append(SensitiveWord(
                    word=row.word, kind=row.kind, correction=row.correction,
                    severity=row.severity, category=row.category, is_active=True,
                ))
            elif action == UPDATE:
                obj.correction, obj.severity, obj.category = row.correction, row.severity, row.category
                obj.is_active = True
                changed.append(obj)
        SensitiveWord.objects.bulk_create(new, batch_size=1000)
        if changed:
            # bulk_update leaves auto_now alone: set it ourselves.
            from django.utils import timezone

            now = timezone.now()
            for obj in changed:
                obj.updated_at = now
            SensitiveWord.objects.bulk_update(
                changed, ["correction", "severity", "category", "is_active", "updated_at"],
                batch_size=1000,
            )
        if new or changed:
            # Bulk writes send no signals: tell every process here.
            bump_dictionary_version()
            transaction.on_commit(bump_dictionary_version)
    return counts


def import_word_list(name, data, dry_run=False):
    """Parse and (unless ``dry_run``) import a file; raises :class:`WordListError`.
    Returns ``(plan, counts)``."""
    rows, errors = parse_word_list(name, data)
    if errors:
        raise WordListError(errors)
    if dry_run:
        plan = plan_import(rows)
        counts = {CREATE: 0, UPDATE: 0, UNCHANGED: 0}
        for _row_, action, _obj in plan:
            counts[action] += 1
        return plan, counts
    return None, import_rows(rows)


def format_error(error):
    """One readable line for an error: "Line 3: the word is empty."."""
    if error.line:
        return str(_("Line %(line)s: %(message)s") % {"line": error.line, "message": error.message})
    return str(error.message)


def load_dictionary_sources(stdout=None):
    """The ``govinfo_setup`` step: import each list of
    ``WAGTAIL_GOVINFO["DICTIONARY_SOURCES"]`` (idempotent: a second run changes nothing)."""
    from django.core.management.base import CommandError

    from ..conf import govinfo_settings

    for source in govinfo_settings.DICTIONARY_SOURCES:
        try:
            with open(source, "rb") as fh:
                data = fh.read()
        except OSError as e:
            raise CommandError(
                f"WAGTAIL_GOVINFO['DICTIONARY_SOURCES']: cannot read {source}: {e.strerror or e}."
            )
        try:
            _plan, counts = import_word_list(source, data)
        except WordListError as e:
            raise CommandError(
                f"WAGTAIL_GOVINFO['DICTIONARY_SOURCES']: {source} has {len(e.errors)} bad row(s), "
                f"nothing imported (first: {format_error(e.errors[0])})"
            )
        if stdout:
            stdout.write(
                _("Screening dictionary from %(source)s: %(new)d new, %(updated)d updated, %(unchanged)d unchanged.")
                % {"source": source, "new": counts[CREATE], "updated": counts[UPDATE], "unchanged": counts[UNCHANGED]}
            )
