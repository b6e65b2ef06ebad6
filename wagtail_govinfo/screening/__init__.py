"""Automatic screening of texts before publication (第五、十七、十八、二十五条).

Public API (see ``docs/explanation/screening.md``)::

    from wagtail_govinfo.screening import screen, mask

    for finding in screen(page.screening_text()):
        finding.kind, finding.start, finding.end, finding.text, finding.blocking

``screen(text)`` finds secrecy markings, personal information (ID card, mobile and
bank card numbers) and the words of the editable dictionary (sensitive words and
typo pairs), through the usual evasions, with offsets into the original text.
``mask(text)`` replaces personal information and sensitive words by ``*``.
"""

from .dictionary import (
    Dictionary,
    DictionaryEntry,
    bump_dictionary_version,
    clear_compiled_dictionary,
    get_dictionary,
)
from .engine import (
    MASKED_KINDS,
    PERSONAL_KINDS,
    Finding,
    FindingKind,
    has_blocking_findings,
    mask,
    screen,
    screen_html,
)
from .html import visible_text
from .personal import is_valid_id_number, luhn_valid

__all__ = [
    "MASKED_KINDS",
    "PERSONAL_KINDS",
    "Dictionary",
    "DictionaryEntry",
    "Finding",
    "FindingKind",
    "bump_dictionary_version",
    "clear_compiled_dictionary",
    "get_dictionary",
    "has_blocking_findings",
    "is_valid_id_number",
    "luhn_valid",
    "mask",
    "screen",
    "screen_html",
    "visible_text",
]
