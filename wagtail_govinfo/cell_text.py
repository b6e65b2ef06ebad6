"""Text as every export of the package writes it into a spreadsheet cell (xlsx or CSV).

One function, :func:`cell_text`, used by the ledgers, the reports, the message list and
the column table, so a citizen's or an editor's text can neither run as a formula nor
break the file:

* **formula-safe** (OWASP "CSV injection"): text starting with ``= + - @``, a tab or a
  carriage return gets a leading apostrophe, so ``=HYPERLINK(…)``, ``+cmd|…`` and
  ``@SUM(…)`` stay text even after the sheet is saved as CSV and opened again;
* **character-safe**: control characters that XML 1.0 (and so xlsx) cannot hold, such as
  ``\\u0001``, are removed, as are lone surrogates and the non-characters U+FFFE/U+FFFF;
  line breaks become ``\\n`` and tabs stay.
"""

import re

#: Characters that make a spreadsheet read text as a formula.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")

# C0 controls except tab and line feed, DEL, C1 controls, lone surrogates, U+FFFE/U+FFFF.
_UNWRITABLE = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ud800-\udfff\ufffe\uffff]")


def printable_text(value):
    """``value`` as a string without the characters a spreadsheet cannot hold."""
    if value is None:
        return ""
    text = str(value)
    if "\r" in text:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    return _UNWRITABLE.sub("", text)


def formula_safe(text):
    """``text`` unable to run as a formula: a leading ``= + - @`` (tab, CR) gets an apostrophe."""
    if text and text[0] in FORMULA_STARTS:
        return "'" + text
    return text


def cell_text(value):
    """``value`` as the text of a spreadsheet cell: printable, then formula-safe."""
    if value is None:
        return ""
    if type(value) is str and value.isprintable() and not (value and value[0] in FORMULA_STARTS):
        return value  # the common case, without a regular expression
    return formula_safe(printable_text(value))


def read_cell_text(text):
    """The text :func:`cell_text` wrote, read back from a sheet the package exported
    (the apostrophe it put before a formula character removed), for re-imports."""
    if text and len(text) > 1 and text[0] == "'" and text[1] in FORMULA_STARTS:
        return text[1:]
    return text


class CellTextExportMixin:
    """For a Wagtail listing view with ``list_export`` (``SpreadsheetExportMixin``):
    every text value of its CSV and XLSX exports goes through :func:`cell_text`."""

    def preprocess_field_value(self, field, value, export_format):
        value = super().preprocess_field_value(field, value, export_format)
        if isinstance(value, str):
            return cell_text(value)
        return value


__all__ = ["FORMULA_STARTS", "CellTextExportMixin", "cell_text", "formula_safe", "printable_text", "read_cell_text"]
