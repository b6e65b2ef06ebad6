"""Normalised copies of a text, with a map from each copy back to the original.

Screening never matches on the raw text: evasions (full-width forms, zero-width
characters, spaces or punctuation between the characters of a word) would slip
through. It matches on two normalised copies instead and maps every match back,
so that a finding's ``start``/``end`` always index the ORIGINAL text.

* The **plain** copy: each character in NFKC form and case-folded ("１３８" → "138",
  "Ｘ" → "x", "：" → ":"), invisible characters (zero-width spaces and joiners,
  soft hyphens, direction marks, variation selectors, byte-order marks, other format
  and control characters) removed. Spaces and punctuation stay, because number
  formats and secrecy markings need them. Used for personal information and
  secrecy markings.
* The **compact** copy: the plain copy without any punctuation, symbols or
  whitespace either, so "法 轮-功" and "法\u200b轮功" both read "法轮功". Used for
  dictionary words. Which punctuation was removed is still known through the
  original text, so the engine can refuse matches that only exist because a
  sentence boundary was removed (see :mod:`.engine`).

A character whose compatibility form is several characters ("⑽" → "(10)", "ﬁ" →
"fi") maps each of those characters back to the one original character.
"""

import re
import unicodedata
from bisect import bisect_right

# How a character takes part in matching.
KEEP = 0  # a letter, digit or ideograph: part of words
SOFT = 1  # spaces, symbols, most punctuation: may be skipped inside a word
HARD = 2  # clause and sentence punctuation, line breaks: a boundary (see engine)
INVISIBLE = 3  # zero-width and format characters: always ignored

#: Clause/sentence punctuation and line breaks (after NFKC). A dictionary word
#: spread across one of these is only reported under the stricter rule of the engine.
HARD_CHARACTERS = frozenset(",;:!?。、｡､\n\r\x0b\x0c\x85\u2028\u2029")

#: Characters that render as nothing (or as blank space that is not whitespace)
#: beyond those of Unicode category Cf, Cc, Mn and Me.
_EXTRA_INVISIBLE = frozenset("\u115f\u1160\u3164\uffa0\u2800\u180e\u034f\u17b4\u17b5")
_WHITESPACE_CONTROLS = frozenset("\t\n\r\x0b\x0c\x1c\x1d\x1e\x1f\x85")

# Runs of characters that are certainly unchanged by normalisation and are word
# characters: the common CJK ideographs, ASCII lower-case letters and digits.
# Everything else is looked at character by character.
_SPECIAL_RUN = re.compile(r"[^\u4e00-\u9fff\u3400-\u4dbfa-z0-9]+")

_CHARACTERS = {}


def classify(ch):
    """``(plain, compact, cls)`` for one character: its text in the plain copy, in
    the compact copy, and its class (KEEP, SOFT, HARD or INVISIBLE)."""
    info = _CHARACTERS.get(ch)
    if info is None:
        info = _CHARACTERS[ch] = _classify(ch)
    return info


def _is_noise(c):
    return c in _WHITESPACE_CONTROLS or unicodedata.category(c)[0] in "PSZ"


def _classify(ch):
    category = unicodedata.category(ch)
    if ch in _EXTRA_INVISIBLE or (
        category in ("Cf", "Cc", "Mn", "Me", "Co", "Cs", "Cn") and ch not in _WHITESPACE_CONTROLS
    ):
        return "", "", INVISIBLE
    plain = unicodedata.normalize("NFKC", unicodedata.normalize("NFKC", ch).casefold())
    plain = "".join(c for c in plain if c not in _EXTRA_INVISIBLE and unicodedata.category(c) != "Mn")
    if not plain:
        return "", "", INVISIBLE
    compact = "".join(c for c in plain if not _is_noise(c))
    if compact:
        return plain, compact, KEEP
    if any(c in HARD_CHARACTERS for c in plain):
        return plain, "", HARD
    return plain, "", SOFT


class OffsetMap:
    """Maps positions of a normalised copy back to the original text.

    The copy is a sequence of segments. In an ordinary segment, copy position
    ``n`` is original position ``orig + (n - start)``; in an *expansion* segment
    (one original character that became several), every position is ``orig``.
    """

    __slots__ = ("starts", "origins", "expansions")

    def __init__(self, starts, origins, expansions):
        self.starts = starts
        self.origins = origins
        self.expansions = expansions

    def position(self, n):
        """The original index of the character at copy index ``n``."""
        if not self.starts:
            return n
        i = bisect_right(self.starts, n) - 1
        if i < 0:
            return n
        if i in self.expansions:
            return self.origins[i]
        return self.origins[i] + (n - self.starts[i])

    def span(self, start, end):
        """The original ``(start, end)`` of the copy's ``[start, end)``."""
        return self.position(start), self.position(end - 1) + 1


class _Builder:
    def __init__(self):
        self.pieces = []
        self.length = 0
        self.starts = []
        self.origins = []
        self.expansions = set()
        self._continuous = False

    def verbatim(self, text, orig_start, orig_end):
        self._emit(orig_start, orig_end - orig_start)
        self.pieces.append(text[orig_start:orig_end])

    def replacement(self, value, orig):
        if len(value) == 1:
            self._emit(orig, 1)
        else:
            self.starts.append(self.length)
            self.origins.append(orig)
            self.expansions.add(len(self.starts) - 1)
            self.length += len(value)
            self._continuous = False
        self.pieces.append(value)

    def skip(self):
        self._continuous = False

    def _emit(self, orig, size):
        if not self._continuous:
            self.starts.append(self.length)
            self.origins.append(orig)
            self._continuous = True
        self.length += size

    def result(self):
        return "".join(self.pieces), OffsetMap(self.starts, self.origins, self.expansions)


class NormalisedText:
    """The original text with its plain and compact copies and their offset maps."""

    __slots__ = ("original", "plain", "plain_map", "compact", "compact_map")

    def __init__(self, original):
        self.original = original
        plain, compact = _Builder(), _Builder()
        pos = 0
        for m in _SPECIAL_RUN.finditer(original):
            s, e = m.span()
            if s > pos:
                plain.verbatim(original, pos, s)
                compact.verbatim(original, pos, s)
            for o in range(s, e):
                p, c, cls = classify(original[o])
                if cls == INVISIBLE:
                    plain.skip()
                    compact.skip()
                    continue
                plain.replacement(p, o)
                if c:
                    compact.replacement(c, o)
                else:
                    compact.skip()
            pos = e
        if pos < len(original):
            plain.verbatim(original, pos, len(original))
            compact.verbatim(original, pos, len(original))
        self.plain, self.plain_map = plain.result()
        self.compact, self.compact_map = compact.result()


def normalise_word(word):
    """A dictionary word as it reads in the compact copy of a text."""
    return NormalisedText(word).compact


__all__ = [
    "HARD",
    "HARD_CHARACTERS",
    "INVISIBLE",
    "KEEP",
    "SOFT",
    "NormalisedText",
    "OffsetMap",
    "classify",
    "normalise_word",
]
