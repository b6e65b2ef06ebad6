"""Excel sheets set up to print: A4 landscape, one page wide, the header row repeated on
every page, and a page header naming the sheet, its filters and when it was exported.

Every workbook the package writes (ledgers, reports, the column table) goes through
``set_up_for_print``, so what an auditor prints is what they would file.
"""

from django.utils import timezone
from django.utils.translation import gettext as _

A4 = 9  # xlsxwriter's paper code
_HEADER_LIMIT = 255  # Excel's limit for a page header, codes included


def _escape(text):
    return str(text).replace("&", "&&")


def set_up_for_print(sheet, *, title, header_rows=(0, 0), filters="", exported_at=None):
    """Print ``sheet`` landscape on A4, fit to one page wide (any number of pages long),
    repeating rows ``header_rows`` (first, last; zero-based) on each page. The page header
    carries ``title`` (centre), ``filters`` (left) and the export time (right); the footer
    the page number."""
    exported_at = exported_at or timezone.now()
    sheet.set_landscape()
    sheet.set_paper(A4)
    sheet.fit_to_pages(1, 0)
    sheet.repeat_rows(*header_rows)
    sheet.set_margins(left=0.4, right=0.4, top=0.8, bottom=0.6)
    when = _("Exported %(time)s") % {"time": f"{timezone.localtime(exported_at):%Y-%m-%d %H:%M}"}
    centre = f'&C&"-,Bold"&12{_escape(title)}'
    right = f"&R&9{_escape(when)}"
    room = _HEADER_LIMIT - len(centre) - len(right) - 6
    left = f"&L&9{_escape(filters)[: max(room, 0)]}" if filters and room > 10 else ""
    sheet.set_header(left + centre + right, {"margin": 0.3})
    sheet.set_footer("&C&9" + _escape(_("Page &P of &N")).replace("&&P", "&P").replace("&&N", "&N"))
