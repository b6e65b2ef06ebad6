"""``screen()`` and ``mask()``: what the confidentiality review sees (第五、十七条)."""

import re
from bisect import bisect_left, bisect_right
from dataclasses import dataclass, field, replace

from django.db import models
from django.utils.translation import gettext_lazy as _

from .html import segments_of
from .dictionary import BLOCKING, NOTICE, TYPO, get_dictionary
from .markings import find_secrecy_markings
from .normalise import HARD, INVISIBLE, KEEP, NormalisedText, classify
from .personal import find_personal_information


class FindingKind(models.TextChoices):
    SECRET_MARKING = "secret_marking", _("Secrecy marking")  # 密级标志
    ID_NUMBER = "id_number", _("ID card number")  # 身份证号
    MOBILE = "mobile", _("Mobile phone number")  # 手机号
    BANK_CARD = "bank_card", _("Bank card number")  # 银行卡号
    SENSITIVE_WORD = "sensitive_word", _("Sensitive word")  # 敏感词
    TYPO = "typo", _("Possible typo")  # 错别字


#: Kinds that ``mask()`` replaces. Typos are not masked: a typo is fixed by writing
#: the right form, and stars would only hide the mistake. Secrecy markings are not
#: masked: a marked document must not go online at all (第五条), and starring the
#: marking would hide the very sign that the content is classified.
MASKED_KINDS = frozenset(
    {FindingKind.ID_NUMBER, FindingKind.MOBILE, FindingKind.BANK_CARD, FindingKind.SENSITIVE_WORD}
)
PERSONAL_KINDS = frozenset({FindingKind.ID_NUMBER, FindingKind.MOBILE, FindingKind.BANK_CARD})


@dataclass(frozen=True)
class Finding:
    """Something the screening found in a text.

    ``start``/``end`` index the text given to :func:`screen`, so
    ``text[finding.start:finding.end] == finding.text`` always holds, even when the
    match was made through an evasion (full-width forms, zero-width characters,
    spaces or punctuation between characters).
    """

    kind: str
    start: int
    end: int
    text: str
    blocking: bool
    severity: str = BLOCKING  # "blocking" or "notice"
    #: For dictionary findings: the dictionary word that matched, its category.
    word: str = ""
    category: str = ""
    #: For typos: the right form.
    suggestion: str = ""
    #: Whether a reviewer may override it with a recorded reason: personal
    #: information (a published service hotline) and dictionary words may be;
    #: secrecy markings never (第五条).
    overridable: bool = field(default=True)
    #: Where in the screened field it is, for the reviewer: "表格 第 2 行第 3 列",
    #: "链接地址", "第 3 段" (:func:`screen_html`); empty for plain text.
    location: str = ""

    @property
    def label(self):
        """The kind, in the reader's language."""
        try:
            return FindingKind(self.kind).label
        except ValueError:
            return self.kind

    def as_dict(self):
        """A JSON-friendly dict (to store with a review), ``label`` included."""
        return {
            "kind": str(self.kind),
            "label": str(self.label),
            "start": self.start,
            "end": self.end,
            "text": self.text,
            "blocking": self.blocking,
            "severity": self.severity,
            "word": self.word,
            "category": self.category,
            "suggestion": self.suggestion,
            "overridable": self.overridable,
            "location": self.location,
        }

    @classmethod
    def from_dict(cls, data):
        return cls(**{k: v for k, v in data.items() if k in cls.__dataclass_fields__})


def screen(text, *, dictionary=None):
    """Every finding in ``text``, sorted by position.

    ``dictionary`` defaults to the site's compiled dictionary
    (:func:`~wagtail_govinfo.screening.get_dictionary`); pass a
    :class:`~wagtail_govinfo.screening.Dictionary` to screen without a database.
    Of dictionary matches nested in a longer one of the same kind, only the
    longer is reported (``mask()`` still covers all of them).
    """
    return _drop_nested(_scan(text, dictionary))


def screen_html(html, *, dictionary=None):
    """Every finding in an HTML fragment as readers see it, sorted by position.

    Offsets index :func:`~wagtail_govinfo.screening.visible_text` of ``html``;
    each finding's ``location`` names the table cell, link target, image text or
    paragraph it is in. No finding crosses from one paragraph, cell or attribute
    into the next (see :mod:`wagtail_govinfo.screening.html`).
    """
    layout = Layout(segments_of(html))
    if not layout.text:
        return []
    findings = _drop_nested(_scan(layout.text, dictionary, layout))
    return [replace(f, location=layout.location_at(f.start)) for f in findings]


class Layout:
    """The segments of a visible text, for the engine's questions about positions."""

    def __init__(self, segments):
        self.segments = segments
        self.text = "\n".join(s.text for s in segments)
        self.starts = [s.start for s in segments]
        # The line break joining a segment to the next one.
        self.boundaries = [s.start + len(s.text) for s in segments[:-1]]

    def segment_at(self, position):
        return self.segments[max(0, bisect_right(self.starts, position) - 1)]

    def crosses(self, start, end):
        i = bisect_left(self.boundaries, start)
        return i < len(self.boundaries) and self.boundaries[i] < end

    def line_info(self, position):
        segment = self.segment_at(position)
        return segment.kind == "cell", segment.left

    def labels_at(self, position):
        return self.segment_at(position).labels

    def location_at(self, position):
        return self.segment_at(position).location


def mask(text, *, dictionary=None):
    """``text`` with each personal-information number and each sensitive word replaced
    by ``*`` of the same length (so offsets and layout stay as they were)."""
    if not text:
        return ""
    text = str(text)
    if dictionary is None:
        dictionary = get_dictionary()
    # Masking can uncover a match that a neighbour prevented (an ID number is not
    # one when a letter follows it; that letter may start a masked word): repeat
    # until nothing maskable is left.
    for _attempt in range(5):
        text, next_to_letters_or_digits = _mask_once(text, dictionary)
        if not next_to_letters_or_digits:
            break
    return text


def _mask_once(text, dictionary):
    """The text masked once, and whether a masked letter or digit touches another
    (only then can masking have uncovered another finding)."""
    pieces = []
    spans = []
    done = 0  # text[:done] is in pieces
    for finding in _scan(text, dictionary):  # sorted by start
        if finding.kind not in MASKED_KINDS or finding.end <= done:
            continue
        start = max(finding.start, done)
        pieces.append(text[done:start])
        pieces.append("*" * (finding.end - start))
        spans.append((start, finding.end))
        done = finding.end
    pieces.append(text[done:])
    # A neighbour's boundary only changed where a letter or digit became "*" next to it.
    touching = any(
        (s > 0 and _is_latin_word_character(text[s]) and _is_latin_word_character(text[s - 1]))
        or (
            e < len(text)
            and _is_latin_word_character(text[e - 1])
            and _is_latin_word_character(text[e])
        )
        for s, e in spans
    )
    return "".join(pieces), touching


def has_blocking_findings(findings):
    return any(f.blocking for f in findings)


def _scan(text, dictionary, layout=None):
    """Every finding, unsorted by kind. ``layout`` (from :func:`screen_html`) knows
    the segments of the text: no match crosses from one into the next, and a table
    cell's labels are its row's and column's."""
    if not text:
        return []
    text = str(text)  # lazy translations, SafeString, RichText: offsets index str(text)
    if dictionary is None:
        dictionary = get_dictionary()
    norm = NormalisedText(text)
    findings = []
    line_info = labels_at = None
    if layout is not None:
        line_info = lambda p: layout.line_info(norm.plain_map.position(p))  # noqa: E731
        labels_at = lambda p: layout.labels_at(norm.plain_map.position(p))  # noqa: E731
    for start, end in find_secrecy_markings(norm.plain, line_info):
        s, e = norm.plain_map.span(start, end)
        findings.append(
            Finding(FindingKind.SECRET_MARKING.value, s, e, text[s:e], True, overridable=False)
        )
    for kind, start, end in find_personal_information(norm.plain, labels_at):
        s, e = norm.plain_map.span(start, end)
        findings.append(Finding(kind, s, e, text[s:e], True))
    words = _dictionary_findings(text, norm, dictionary)
    if layout is not None:
        words = [f for f in words if not layout.crosses(f.start, f.end)]
    findings.extend(words)
    findings.sort(key=lambda f: (f.start, -f.end, not f.blocking, f.kind))
    return findings


#: Chinese numerals (a word that begins or ends with one matches whole numbers only).
CHINESE_NUMERALS = frozenset("〇零一二三四五六七八九十百千万亿两壹贰叁肆伍陆柒捌玖拾佰仟")


_TYPO = FindingKind.TYPO.value
_SENSITIVE_WORD = FindingKind.SENSITIVE_WORD.value


def _numeral_class(ch):
    if ch.isdigit():
        return 1
    if ch in CHINESE_NUMERALS:
        return 2
    return 0


def _pattern_info(dictionary, index):
    """What the engine needs to know about one pattern, worked out at its first match
    and kept with the dictionary: the pattern; whether its first and last characters
    need a look at their neighbours (a digit or numeral: whole numbers only; a Latin
    letter: whole words); whether it is part of an allow-listed word; and for each of
    its entries, whether it is a typo and the fields of its findings."""
    infos = dictionary.__dict__.setdefault("_pattern_infos", {})
    info = infos.get(index)
    if info is not None:
        return info
    p = dictionary.patterns[index]
    templates = []
    for entry in dictionary.entries[index]:
        is_typo = entry.kind == TYPO
        templates.append(
            (
                is_typo,
                {
                    "kind": _TYPO if is_typo else _SENSITIVE_WORD,
                    "start": 0,
                    "end": 0,
                    "text": "",
                    "blocking": entry.severity == BLOCKING,
                    "severity": entry.severity if entry.severity in (BLOCKING, NOTICE) else NOTICE,
                    "word": entry.word,
                    "category": entry.category,
                    "suggestion": entry.correction if is_typo else "",
                    "overridable": True,
                    "location": "",
                },
            )
        )
    info = infos[index] = (
        p,
        _numeral_class(p[0]),
        _numeral_class(p[-1]),
        (p[0].isascii() and p[0].isalpha()) or (p[-1].isascii() and p[-1].isalpha()),
        p in dictionary.contained_in_allowed,
        tuple(templates),
    )
    return info


_new_object = object.__new__


def _word_finding(fields, start, end, text):
    """A word :class:`Finding` from its pattern's prepared ``fields``: the dataclass's
    frozen ``__init__`` sets eleven fields one by one, several times slower, and a
    long text has thousands of matches."""
    finding = _new_object(Finding)
    attributes = finding.__dict__
    attributes.update(fields)
    attributes["start"] = start
    attributes["end"] = end
    attributes["text"] = text
    return finding


def _dictionary_findings(text, norm, dictionary):
    compact = norm.compact
    matches = dictionary.find(compact)
    if not matches:
        return []
    found = []
    length = len(compact)
    infos = dictionary.__dict__.get("_pattern_infos") or {}
    copy = norm.compact_map
    locate = copy.locate
    ends = norm.compact_ends()  # the common case, looked up here without a call
    new = _new_object
    for index, start, end in matches:
        info = infos.get(index)
        if info is None:
            info = _pattern_info(dictionary, index)
            infos = dictionary._pattern_infos
        pattern, first, last, latin, in_allowed, templates = info
        # Words that begin or end with a digit (or a Chinese numeral) match whole
        # numbers only: "20年" is not in "2020年", "二百五" not in "第二百五十条".
        if first and start > 0 and _numeral_class(compact[start - 1]) == first:
            continue
        if last and end < length and _numeral_class(compact[end]) == last:
            continue
        if in_allowed and dictionary.inside_allowed_word(compact, start, end):
            continue  # part of an ordinary word: "共产" in an allowed "共产党"
        if ends is not None:
            s = start + bisect_right(ends, start) if ends else start
            if not text.startswith(pattern, s):
                s = -1
        else:
            s = locate(start, pattern, text)
        if s >= 0:
            e = s + end - start  # written as is: the common case
            if latin and not _whole_latin_word(text, s, e, pattern):
                continue
            for _is_typo, fields in templates:
                finding = new(Finding)  # as _word_finding does, inlined: the hot loop
                attributes = finding.__dict__
                attributes.update(fields)
                attributes["start"] = s
                attributes["end"] = e
                attributes["text"] = pattern
                found.append(finding)
            continue
        s, e = copy.span(start, end)
        if latin and not _whole_latin_word(text, s, e, pattern):
            continue
        gaps = _gaps(text, s, e)
        if gaps and _after_article_heading(text, s, e, gaps):
            continue
        piece = text[s:e]
        for is_typo, fields in templates:
            if gaps and not _gaps_allowed(gaps, len(pattern), is_typo):
                continue
            found.append(_word_finding(fields, s, e, piece))
    return found


#: Most characters an evasion puts between two characters of a word. A longer run
#: of spaces or symbols is layout, or text masked by ``mask()``.
MAX_GAP = 3
#: What ``mask()`` leaves behind: two asterisks in a gap mean masked text, never an
#: evasion, so words are not read across a masked span.
MASK_RUN = "**"


def _gaps(text, start, end):
    """For the original span of a match: the characters skipped between each pair of
    consecutive word characters (one string per gap, possibly empty)."""
    gaps = []
    current = None
    for ch in text[start:end]:
        if ("\u4e00" <= ch <= "\u9fff" or "a" <= ch <= "z") or classify(ch)[2] == KEEP:
            if current is not None:
                gaps.append("".join(current))
            current = []
        elif current is not None:
            current.append(ch)
    return gaps


def _gaps_allowed(gaps, length, strict):
    """Whether a match spread over gaps counts. Invisible characters never matter.

    * Typos match only when written contiguously: nobody hides a typo, and matching
      across spaces or punctuation would flag correct text.
    * Sensitive words may have spaces, symbols and punctuation between their
      characters, at most ``MAX_GAP`` in a row and not the ``**`` of masked text.
    * Brackets and quotation marks are never an evasion: enumerations ("（一）党政机关"
      holds no 一党) and parentheses in ordinary use ("专（兼）职" holds no 兼职).
    * Clause or sentence punctuation (，。；！？ and line breaks) usually marks a real
      boundary ("强大。法律" does not contain "大法"), so a match across it counts
      only for a word of three or more characters with something inserted between
      *every* pair of characters ("法，轮，功"): the pattern of a deliberate
      evasion, which ordinary prose does not produce.
    """
    if not any(gaps):
        return True
    visible = ["".join(c for c in gap if classify(c)[2] != INVISIBLE) for gap in gaps]
    if strict:
        return not any(visible)
    if any(len(v) > MAX_GAP or MASK_RUN in v for v in visible):
        return False
    if any(c in BRACKETS for v in visible for c in v):
        return False
    if any(classify(c)[2] == HARD for v in visible for c in v):
        return length >= 3 and all(gaps)
    return True


#: Brackets and quotation marks (as written and after NFKC).
BRACKETS = frozenset("()[]{}<>（）［］｛｝〔〕【】〖〗〘〙〚〛「」『』《》〈〉﹙﹚﹛﹜﹝﹞\"'“”‘’„‟‹›«»")
#: An article, chapter or section heading ("第二十四条", "第三章") just before a gap: the
#: space after a heading separates it from the text ("第二十四条 船舶" holds no 条船).
_ARTICLE_HEADING = re.compile(r"第[0-9０-９零〇一二三四五六七八九十百千两]+[条章节款项编目则]$")


def _after_article_heading(text, start, end, gaps):
    """Whether the first gap of a match follows an article heading."""
    position = start
    for i, ch in enumerate(text[start:end]):
        if classify(ch)[2] != KEEP and not ("\u4e00" <= ch <= "\u9fff"):
            position = start + i
            break
    else:
        return False
    return _ARTICLE_HEADING.search(text, max(0, position - 12), position) is not None


def _is_latin_letter(ch):
    compact = ch if "a" <= ch <= "z" else classify(ch)[1]
    return bool(compact) and compact[-1].isascii() and compact[-1].isalpha()


def _is_latin_word_character(ch):
    compact = ch if "a" <= ch <= "z" or "0" <= ch <= "9" else classify(ch)[1]
    return bool(compact) and compact[-1].isascii() and compact[-1].isalnum()


def _whole_latin_word(text, start, end, pattern):
    """A pattern that begins or ends with a Latin letter matches only whole words
    there: "ass" is not reported inside "class" (digits do not join words)."""
    if pattern[0].isascii() and pattern[0].isalpha() and start > 0:
        if _is_latin_letter(text[start - 1]):
            return False
    if pattern[-1].isascii() and pattern[-1].isalpha() and end < len(text):
        if _is_latin_letter(text[end]):
            return False
    return True


_WORD_KINDS = frozenset({FindingKind.SENSITIVE_WORD.value, FindingKind.TYPO.value})


def _drop_nested(findings):
    """Drop a dictionary finding that lies inside another of the same kind which is
    at least as severe (exact duplicates included). ``findings`` are sorted by
    start, longest and blocking first."""
    kept = []
    reach = {}  # (kind, blocking) -> furthest end of a kept finding
    for f in findings:
        if f.kind in _WORD_KINDS:
            covering = reach.get((f.kind, True), -1)
            if not f.blocking:
                covering = max(covering, reach.get((f.kind, False), -1))
            if covering >= f.end:
                continue
            key = (f.kind, f.blocking)
            reach[key] = max(reach.get(key, -1), f.end)
        kept.append(f)
    return kept
