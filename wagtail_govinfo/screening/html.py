"""Rich text as readers see it: ``visible_text(html)`` and the segments it is made of.

A rich-text field is not screened as ``strip_tags(html)``: that keeps ``&nbsp;`` and
character references as written, glues a paragraph to the next one and runs table
cells together. The stdlib :class:`html.parser.HTMLParser` reads the fragment
instead (character references decoded, as a browser does) and cuts it into
*segments*:

* each block element (paragraph, heading, list item, …) and each table cell is a
  segment of its own; a ``<br>`` is a line break inside one;
* the text of ``href`` (``tel:`` and ``mailto:`` links included, percent-decoded),
  ``alt`` and ``title`` attributes is a segment of its own, placed after the block
  that holds the element.

``visible_text(html)`` is the segments joined by line breaks; screening offsets index
it. No finding crosses from one segment into the next (see :func:`screen_html`).
Inline markup (``<b>``, ``<span>``, ``<a>``) is not a boundary, so a word split by
markup (``法<b>轮</b>功``) still reads as one word.
"""

import re
from dataclasses import dataclass, field
from html.parser import HTMLParser
from urllib.parse import unquote

from django.utils.translation import gettext as _

#: Elements that end the current segment and start a new one.
BLOCK_ELEMENTS = frozenset(
    "address article aside blockquote caption center dd details dialog div dl dt fieldset "
    "figcaption figure footer form h1 h2 h3 h4 h5 h6 header hgroup hr li main nav ol p pre "
    "section summary table tbody td tfoot th thead tr ul".split()
)
#: Elements whose content readers never see.
HIDDEN_ELEMENTS = frozenset("script style template noscript head title iframe object".split())
VOID_ELEMENTS = frozenset("area base br col embed hr img input link meta param source track wbr".split())
_SPACES = re.compile(r"[ \t\r\n\f]+")


@dataclass
class Segment:
    """A piece of the visible text that no finding crosses."""

    text: str
    #: Where it is, for the reviewer ("表格 第 2 行第 3 列", "链接地址"); may be empty.
    location: str = ""
    #: "block", "cell" or "attribute".
    kind: str = "block"
    #: For a table cell: (table number, row, column), 1-based row and column.
    cell: tuple | None = None
    #: For a table cell: the text of the cell to its left and of its column's first row
    #: (the labels a value in a table has).
    labels: str = ""
    #: For a table cell: the text of the cell to its left.
    left: str = ""
    start: int = 0  # in visible_text, set by :func:`segments_of`


@dataclass
class _Table:
    number: int
    row: int = 0
    column: int = 0
    rows: dict = field(default_factory=dict)  # row -> {column: text}


def cell_location(row, column):
    return _("table row %(row)s, column %(column)s") % {"row": row, "column": column}


def paragraph_location(number):
    return _("paragraph %(number)s") % {"number": number}


class _VisibleTextParser(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.segments = []
        self._buffer = []
        self._pending = []  # attribute segments waiting for the end of the current block
        self._hidden = 0
        self._pre = 0
        self._tables = []
        self._table_count = 0
        self._cell = None  # (table, row, column) of the open cell
        self._paragraphs = 0

    # -- segments -------------------------------------------------------------------

    def _location(self):
        if self._cell is not None:
            table, row, column = self._cell
            return cell_location(row, column)
        return ""

    def _flush(self):
        raw = "".join(self._buffer)
        self._buffer = []
        if self._pre:
            text = raw.strip("\n")
        else:
            lines = [_SPACES.sub(" ", line).strip(" ") for line in raw.split("\n")]
            text = "\n".join(line for line in lines if line)
        if text.strip():
            if self._cell is not None:
                table, row, column = self._cell
                labels = self._labels(table, row, column)
                left = table.rows.get(row, {}).get(column - 1, "")
                table.rows.setdefault(row, {})[column] = (
                    table.rows.get(row, {}).get(column, "") + text
                )
                self.segments.append(
                    Segment(text, self._location(), "cell", (table.number, row, column), labels, left)
                )
            else:
                self._paragraphs += 1
                self.segments.append(Segment(text, paragraph_location(self._paragraphs), "block"))
        for segment in self._pending:
            self.segments.append(segment)
        self._pending = []

    @staticmethod
    def _labels(table, row, column):
        cells = table.rows.get(row, {})
        left = cells.get(column - 1, "")
        header = table.rows.get(1, {}).get(column, "") if row > 1 else ""
        return f"{left}\n{header}"

    def _attribute(self, text, location):
        text = _SPACES.sub(" ", text).strip()
        if text:
            where = self._location() or paragraph_location(self._paragraphs + 1)
            location = f"{where} · {location}" if where else location
            self._pending.append(Segment(text, location, "attribute"))

    # -- parser callbacks -------------------------------------------------------------

    def handle_starttag(self, tag, attrs):
        if tag in HIDDEN_ELEMENTS:
            self._hidden += tag not in VOID_ELEMENTS
            return
        if self._hidden:
            return
        if tag == "br":
            self._buffer.append("\n")
        elif tag in BLOCK_ELEMENTS:
            self._flush()
            if tag == "pre":
                self._pre += 1
            elif tag == "table":
                self._table_count += 1
                self._tables.append(_Table(self._table_count))
            elif tag == "tr" and self._tables:
                table = self._tables[-1]
                table.row += 1
                table.column = 0
            elif tag in ("td", "th") and self._tables:
                table = self._tables[-1]
                if table.row == 0:
                    table.row = 1
                table.column += 1
                self._cell = (table, table.row, table.column)
                span = dict(attrs).get("colspan") or "1"
                table.column += (int(span) - 1) if span.isdigit() and 0 < int(span) < 100 else 0
        values = dict(attrs)
        href = values.get("href")
        if href and tag in ("a", "area"):
            if href.lower().startswith(("tel:", "mailto:", "sms:")):
                href = unquote(href)
            self._attribute(href, _("link target"))
        if values.get("alt") and tag in ("img", "area", "input"):
            self._attribute(values["alt"], _("image alt text"))
        if values.get("title"):
            self._attribute(values["title"], _("title attribute"))
        if tag == "hr":
            self._flush()

    def handle_startendtag(self, tag, attrs):
        self.handle_starttag(tag, attrs)
        if tag not in VOID_ELEMENTS:
            self.handle_endtag(tag)

    def handle_endtag(self, tag):
        if tag in HIDDEN_ELEMENTS:
            self._hidden = max(0, self._hidden - 1)
            return
        if self._hidden:
            return
        if tag in BLOCK_ELEMENTS:
            self._flush()
            if tag == "pre":
                self._pre = max(0, self._pre - 1)
            elif tag in ("td", "th"):
                self._cell = None
            elif tag == "table" and self._tables:
                self._tables.pop()
                self._cell = None

    def handle_data(self, data):
        if not self._hidden:
            self._buffer.append(data)

    def close(self):
        super().close()
        self._flush()


def segments_of(html):
    """The segments of an HTML fragment, each with its ``start`` in the visible text."""
    parser = _VisibleTextParser()
    parser.feed(str(html or ""))
    parser.close()
    position = 0
    for segment in parser.segments:
        segment.start = position
        position += len(segment.text) + 1
    return parser.segments


def visible_text(html):
    """The text readers see in an HTML fragment: one segment a line (see the module)."""
    return "\n".join(s.text for s in segments_of(html))
