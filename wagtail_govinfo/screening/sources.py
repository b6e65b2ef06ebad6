"""What a review screens, one source at a time (a field, a table cell, an attachment).

The confidentiality review does not screen one long concatenation of a page: it screens
each *source* on its own, so that every finding names where it is (the field's verbose
name, the block or cell, the attachment) and no match runs across two fields.

Sources come from two places:

- the object itself: ``obj.screening_sources()`` when it defines it (the package's page
  types do, field by field, StreamField blocks and table cells included); otherwise one
  source holding ``obj.screening_text()`` or ``str(obj)``;
- every function registered with the Wagtail hook ``govinfo_screening_sources``
  (:data:`SCREENING_SOURCES_HOOK`), called as ``fn(obj)`` and returning an iterable of
  :class:`ScreeningSource`. The package registers one for attachments (documents and
  images the content uses); a site with its own document model registers its own.
"""

from dataclasses import dataclass

#: The Wagtail hook through which apps add sources to the screening of an object.
SCREENING_SOURCES_HOOK = "govinfo_screening_sources"


@dataclass(frozen=True)
class ScreeningSource:
    """One piece of content that the review screens on its own.

    ``key`` is stable across revisions of the same object (``"title"``,
    ``"body.2.table.3.1"``, ``"document:12"``) so that a reviewer's decision about a
    finding (an override with its reason) can be matched to it. ``label`` is what the
    reviewer reads (``"正文 · 表格 第 4 行第 2 列"``, ``"附件《通知.pdf》"``).
    Exactly one of ``text`` (plain text) or ``html`` (an HTML fragment, screened as
    readers see it) carries the content.

    ``readable`` is False when the content could not be machine-checked (an encrypted or
    corrupt PDF, a scanned image without text); ``problem`` then says why, and the
    reviewer must confirm that they checked it by hand.
    """

    key: str
    label: str
    text: str = ""
    html: str | None = None
    readable: bool = True
    problem: str = ""
