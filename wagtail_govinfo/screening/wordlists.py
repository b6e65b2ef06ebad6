"""Reading word lists into the screening dictionary (admin import, command, settings).

Two formats, chosen by the file name:

* **Plain text** (UTF-8, or GB 18030 as older Chinese tools write it), one entry a
  line; blank lines and lines starting with ``#`` are skipped::

      敏感词
      考试,答案                  (several words on a line, separated by commas)
      某词<TAB>阻断<TAB>政治      (optional columns: severity, category)
      某词,阻断,政治              (the same with commas, when the second is a severity)
      按装→安装                  (in a list declared a typo list: a typo and its right form)

  Severity is ``提示``/``notice`` (the default) or ``阻断``/``blocking``. Lists as teams
  download them are read as they are: duplicate lines are merged (and counted), a line
  of comma-separated words is split, and ``A=>B`` (``→``, ``->``) is a typo pair only in
  a list declared a typo list (``typos=True``, ``govinfo_import_words --typos``);
  otherwise it is the replacement rule of a filter and only ``A`` is imported.

  Some entries are *refused* (named and counted, the rest of the list still imports):
  a single character (it would match everywhere), an entry that normalisation changes
  (``㈩`` reads ``十``, ``①肖`` reads ``1肖``: the list means the odd form, screening
  would match the ordinary one), an entry with nothing to match, and an entry that is
  ordinary vocabulary (on the allow-list, see ``scripts/derive_allow_list.py``).
* **Excel** (``.xlsx``), first sheet, one header row with the columns
  ``词语`` (required), ``类型`` (敏感词/错别字, or sensitive/typo; default: 错别字
  when a correct form is given), ``正确写法``, ``级别`` (提示/阻断), ``分类``.

A list is checked as a whole first: each bad row (an unknown severity, a typo
without its right form…) is named with its line number, and if any row is bad
nothing is written. Writing creates new words and updates
the correct form, severity and category of existing ones (reactivating them);
words that are not in the list are left alone. Importing the same list twice
changes nothing the second time.
"""

import io
import re
import unicodedata
from dataclasses import dataclass, field

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


# Why an entry is refused (not an error: the rest of the list imports).
ONE_CHARACTER = "one_character"
NORMALISED = "normalised"
ORDINARY = "ordinary"
NOTHING = "nothing"
TOO_LONG = "too_long"
REFUSAL_LABELS = {
    ONE_CHARACTER: _("a single character"),
    NORMALISED: _("changed by normalisation"),
    ORDINARY: _("ordinary vocabulary"),
    NOTHING: _("nothing to match"),
    TOO_LONG: _("longer than 100 characters"),
}


@dataclass(frozen=True)
class Refusal:
    line: int
    word: str
    reason: str  # one of REFUSAL_LABELS
    normalised: str = ""  # what screening would have matched

    @property
    def label(self):
        return REFUSAL_LABELS[self.reason]


@dataclass
class WordListReport:
    """What reading a word list found: the rows to import, the bad rows (errors), and
    what was done to the list as it came: duplicates merged, lines split, replacement
    rules read as words, entries refused."""

    rows: list = field(default_factory=list)
    errors: list = field(default_factory=list)
    duplicates: int = 0
    split_lines: int = 0
    replacements: int = 0
    refused: list = field(default_factory=list)

    def refused_by_reason(self):
        counts = {}
        for refusal in self.refused:
            counts[refusal.reason] = counts.get(refusal.reason, 0) + 1
        return counts


def parse_word_list(name, data, *, typos=False, allowed=None):
    """``(rows, errors)`` of the uploaded file ``name`` with content ``data`` (bytes)."""
    report = read_word_list(name, data, typos=typos, allowed=allowed)
    return report.rows, report.errors


def read_word_list(name, data, *, typos=False, allowed=None):
    """The :class:`WordListReport` of the file ``name`` with content ``data`` (bytes).

    ``typos``: the file is a typo list (``wrong→right`` lines are typo pairs).
    ``allowed``: the allow-list (normalised words refused as ordinary vocabulary);
    None: the one in use (:func:`~wagtail_govinfo.screening.dictionary.load_allow_list`: the
    configured files with the operator's changes).
    """
    if allowed is None:
        from .dictionary import load_allow_list

        allowed = load_allow_list()
    lower = name.lower()
    if lower.endswith(".xlsx"):
        rows, errors = parse_xlsx(data)
        report = WordListReport(errors=errors)
        report.rows = _merge_duplicates(rows, report)
        return _screened(report, allowed)
    if lower.endswith((".xls", ".ods", ".et")):
        return WordListReport(
            errors=[RowError(0, _("Upload a plain-text (.txt) word list or an .xlsx workbook."))]
        )
    for encoding in ("utf-8-sig", "gb18030"):
        try:
            content = data.decode(encoding)
        except UnicodeDecodeError:
            continue
        return _screened(parse_text_report(content, typos=typos), allowed)
    return WordListReport(errors=[RowError(0, _("The file is neither UTF-8 nor GB 18030 text."))])


def parse_text(content, *, typos=False):
    """``(rows, errors)`` of a plain-text word list."""
    report = parse_text_report(content, typos=typos)
    return report.rows, report.errors


def parse_text_report(content, *, typos=False):
    """The :class:`WordListReport` of a plain-text word list (no entry refused yet)."""
    report = WordListReport()
    rows = []
    for number, raw in enumerate(content.splitlines(), start=1):
        line = raw.strip()
        if not line or line.startswith("#"):
            continue
        if "\t" in line:
            columns = [c.strip() for c in line.split("\t")]
        else:
            columns = [c.strip() for c in _COMMAS.split(line)]
            if len(columns) > 1 and not (
                len(columns) <= 3 and columns[1].lower() in _SEVERITIES and columns[1]
            ):
                # Several words on one line.
                report.split_lines += 1
                for word in columns:
                    if word:
                        _add(report, rows, number, word, "", "", typos)
                continue
        if len(columns) > 3:
            report.errors.append(
                RowError(number, _("too many columns (at most: word, severity, category)."))
            )
            continue
        columns += [""] * (3 - len(columns))
        first, severity, category = columns
        _add(report, rows, number, first, severity, category, typos)
    report.rows = _merge_duplicates(rows, report)
    report.errors.sort(key=lambda e: e.line)
    return report


_COMMAS = re.compile(r"[,，]")


def _add(report, rows, number, text, severity, category, typos):
    pair = _TYPO_ARROW.split(text)
    if len(pair) >= 2 and not typos:
        # A filter's replacement rule ("A=>B"): A is the word, B is not imported.
        report.replacements += 1
        text, pair = pair[0], [pair[0]]
    if len(pair) > 2:
        report.errors.append(
            RowError(number, _("more than one arrow in “%(text)s”.") % {"text": text})
        )
        return
    if len(pair) == 2:
        row, error = _row(number, pair[0], TYPO, pair[1], severity, category)
    else:
        row, error = _row(number, pair[0], SENSITIVE, "", severity, category)
    if error == _REFUSE:
        report.refused.append(Refusal(number, pair[0], NOTHING if pair[0] else NOTHING))
    elif error == _TOO_LONG:
        report.refused.append(Refusal(number, pair[0], TOO_LONG))
    elif error:
        report.errors.append(RowError(number, error))
    else:
        rows.append(row)


def _merge_duplicates(rows, report):
    unique = {}
    for row in rows:
        if row.key in unique:
            report.duplicates += 1
        else:
            unique[row.key] = row
    return list(unique.values())


def changed_by_normalisation(word):
    """Whether normalisation reads ``word`` as other characters than it shows (``㈩`` as
    ``十``), beyond case, full-width forms, spaces, punctuation and invisible characters."""
    for ch in word:
        if "\uff01" <= ch <= "\uff5e" or ch == "\u3000" or ch.isspace():
            continue
        category = unicodedata.category(ch)
        if category[0] in "PZC":
            continue
        if unicodedata.normalize("NFKC", ch) != ch:
            return True
    return False


def _screened(report, allowed):
    """The report with the entries that screening should not use moved to ``refused``."""
    kept = []
    for row in report.rows:
        pattern = normalise_word(row.word)
        if row.kind == TYPO:
            kept.append(row)
        elif changed_by_normalisation(row.word):
            report.refused.append(Refusal(row.line, row.word, NORMALISED, pattern))
        elif len(pattern) < 2:
            report.refused.append(Refusal(row.line, row.word, ONE_CHARACTER, pattern))
        elif pattern in allowed:
            report.refused.append(Refusal(row.line, row.word, ORDINARY, pattern))
        else:
            kept.append(row)
    report.rows = kept
    report.refused.sort(key=lambda r: r.line)
    return report


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
            if error == _REFUSE:
                error = _("“%(word)s” has no letters, digits or characters to match.") % {
                    "word": cells["word"]
                }
            elif error == _TOO_LONG:
                error = _("a word is longer than %(max)s characters.") % {"max": MAX_WORD_LENGTH}
            if error:
                errors.append(RowError(number, error))
            else:
                rows.append(row)
    finally:
        workbook.close()
    return rows, errors


def _cell(value):
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return str(value).strip()


_REFUSE = "refuse"
_TOO_LONG = "too long"


def _row(number, word, kind, correction, severity_text, category):
    if not word or not normalise_word(word):
        return None, _REFUSE
    if len(word) > MAX_WORD_LENGTH or len(correction) > MAX_WORD_LENGTH:
        return None, _TOO_LONG
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


def import_word_list(name, data, dry_run=False, *, typos=False):
    """Parse and (unless ``dry_run``) import a file; raises :class:`WordListError`.
    Returns ``(plan, counts)``; ``counts`` also holds the :class:`WordListReport`
    under ``"report"``."""
    report = read_word_list(name, data, typos=typos)
    if report.errors:
        raise WordListError(report.errors)
    rows = report.rows
    if dry_run:
        plan = plan_import(rows)
        counts = {CREATE: 0, UPDATE: 0, UNCHANGED: 0}
        for _row_, action, _obj in plan:
            counts[action] += 1
    else:
        plan, counts = None, import_rows(rows)
    counts["report"] = report
    return plan, counts


def describe_report(report):
    """One line saying what was done to a list as it came (for the command and setup)."""
    refused = report.refused_by_reason()
    parts = [
        _("%(count)s duplicate(s) merged") % {"count": report.duplicates},
        _("%(count)s line(s) of several words split") % {"count": report.split_lines},
        _("%(count)s replacement rule(s) “A=>B” read as the word A") % {"count": report.replacements},
    ]
    parts.append(
        _("%(count)s refused") % {"count": len(report.refused)}
        + (
            " (" + ", ".join(f"{REFUSAL_LABELS[k]}: {n}" for k, n in sorted(refused.items())) + ")"
            if refused else ""
        )
    )
    return "; ".join(str(p) for p in parts) + "."


def format_error(error):
    """One readable line for an error: "Line 3: the word is empty."."""
    if error.line:
        return str(_("Line %(line)s: %(message)s") % {"line": error.line, "message": error.message})
    return str(error.message)


def load_dictionary_sources(stdout=None):
    """The ``govinfo_setup`` step: import each list of
    ``WAGTAIL_GOVINFO["DICTIONARY_SOURCES"]`` (idempotent: a second run changes nothing).
    An item is a path, or ``{"path": …, "typos": True}`` for a typo list."""
    from django.core.management.base import CommandError

    from ..conf import govinfo_settings

    for item in govinfo_settings.DICTIONARY_SOURCES:
        source, typos = (item["path"], bool(item.get("typos"))) if isinstance(item, dict) else (item, False)
        try:
            with open(source, "rb") as fh:
                data = fh.read()
        except OSError as e:
            raise CommandError(
                f"WAGTAIL_GOVINFO['DICTIONARY_SOURCES']: cannot read {source}: {e.strerror or e}."
            )
        try:
            _plan, counts = import_word_list(source, data, typos=typos)
        except WordListError as e:
            raise CommandError(
                f"WAGTAIL_GOVINFO['DICTIONARY_SOURCES']: {source} has {len(e.errors)} bad row(s), "
                f"nothing imported (first: {format_error(e.errors[0])})"
            )
        if stdout:
            stdout.write(
                (
                    _("Screening dictionary from %(source)s: %(new)d new, %(updated)d updated, %(unchanged)d unchanged.")
                    % {"source": source, "new": counts[CREATE], "updated": counts[UPDATE], "unchanged": counts[UNCHANGED]}
                )
                + " "
                + describe_report(counts["report"])
            )
