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
from itertools import accumulate

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
# Everything else is looked at character by character on the slow path.
SPECIAL_RUN = re.compile(r"[^\u4e00-\u9fff\u3400-\u4dbfa-z0-9]+")

#: Plain-copy replacements of separators that number formats and markings rely on.
_PLAIN_SEPARATORS = {"\uff0d": "-", "\u2010": "-", "\u2011": "-", "\u2012": "-", "\u2013": "-",
                     "\u2212": "-", "\ufe63": "-", "\uff0b": "+"}

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
    folded = unicodedata.normalize("NFKC", unicodedata.normalize("NFKC", ch).casefold())
    folded = "".join(
        c for c in folded if c not in _EXTRA_INVISIBLE and unicodedata.category(c) != "Mn"
    )
    if not folded:
        return "", "", INVISIBLE
    compact = "".join(c for c in folded if not _is_noise(c))
    if compact:
        return folded, compact, KEEP
    # Punctuation and spaces stay as written in the plain copy (its patterns know
    # both the full-width and the ASCII forms), except dashes and the rarer spaces
    # (the ideographic and the no-break space stay: the patterns know them, and a
    # Chinese text full of them then needs no plain copy of its own).
    if category == "Zs":
        plain = ch if ch in "\u3000\u00a0" else " "
    else:
        plain = _PLAIN_SEPARATORS.get(ch, ch)
    cls = HARD if any(c in HARD_CHARACTERS for c in folded) else SOFT
    return plain, "", cls


def _character_class(chars):
    return "[" + "".join(re.escape(c) for c in sorted(chars)) + "]"


def _fast_path_tables():
    """The characters the fast path handles with C-speed regular expressions: common
    punctuation and spaces (dropped from the compact copy, as written or as a space in
    the plain copy) and letters with a one-to-one normal form (upper case, full width)."""
    candidates = [chr(c) for c in (*range(0x20, 0x7F), *range(0xA0, 0x100), *range(0x2000, 0x2070),
                                   *range(0x2190, 0x2200), *range(0x2500, 0x2700),
                                   *range(0x3000, 0x3040), *range(0xFE30, 0xFE70),
                                   *range(0xFF00, 0xFFF0))]
    candidates += list("\t\n\r\u00ad\u034f\u180e\ufeff\u3164\u2800") + [
        chr(c) for c in range(0xFE00, 0xFE10)
    ]
    invisible, noise, stable, changed_plain, changed_compact = set(), set(), set(), {}, {}
    for ch in candidates:
        plain, compact, cls = classify(ch)
        if cls == INVISIBLE:
            invisible.add(ch)
        elif cls in (SOFT, HARD) and len(plain) == 1:
            noise.add(ch)
            if plain != ch:
                changed_plain[ch] = plain
        elif cls == KEEP and len(plain) == 1 and plain == compact:
            if plain == ch:
                stable.add(ch)
            else:
                changed_plain[ch] = plain
                changed_compact[ch] = compact
    return invisible, noise, stable, changed_plain, changed_compact


_INVISIBLE, _NOISE, _STABLE, _CHANGED_PLAIN, _CHANGED_COMPACT = _fast_path_tables()
_FAST_CHARACTERS = "\u4e00-\u9fff\u3400-\u4dbfa-z0-9" + "".join(
    re.escape(c)
    for c in sorted(_INVISIBLE | _NOISE | _STABLE | set(_CHANGED_PLAIN) | set(_CHANGED_COMPACT))
)
#: A character the fast path cannot handle (its block takes the slow path).
_SLOW_CHARACTER = re.compile(f"[^{_FAST_CHARACTERS}]")
#: Runs of what each copy drops (captured, so ``split`` keeps them for the map).
_PLAIN_DROP_RUN = re.compile("(" + _character_class(_INVISIBLE) + "+)")
_COMPACT_DROP_RUN = re.compile("(" + _character_class(_INVISIBLE | _NOISE) + "+)")
#: One character the compact copy drops: ``sub`` with it is faster than with runs.
_COMPACT_DROP = re.compile(_character_class(_INVISIBLE | _NOISE))
_CHANGED_PLAIN_CHARACTER = re.compile(_character_class(_CHANGED_PLAIN))
#: Anything that makes the plain copy differ from the text.
_PLAIN_DIFFERENCE = re.compile(_character_class(_INVISIBLE | set(_CHANGED_PLAIN)))
_CHANGED_COMPACT_CHARACTER = re.compile(_character_class(_CHANGED_COMPACT))

#: Any character that makes a block more than "drop the noise": a slow-path
#: character, an invisible one, or one whose plain or compact form differs.
_PLAIN_NOISE = {c for c in _NOISE if c not in _CHANGED_PLAIN}
_SPECIAL_CHARACTER = re.compile(
    "[^\u4e00-\u9fff\u3400-\u4dbfa-z0-9"
    + "".join(re.escape(c) for c in sorted((_STABLE | _PLAIN_NOISE) - set(_CHANGED_COMPACT)))
    + "]"
)

#: Texts are normalised in blocks of this many characters, each on the fast path
#: unless it holds a character that needs the slow one.
BLOCK_SIZE = 1024


class OffsetMap:
    """Maps positions of a normalised copy back to the original text.

    The copy is a sequence of segments. In an ordinary segment, copy position
    ``n`` is original position ``orig + (n - start)``; in an *expansion* segment
    (one original character that became several), every position is ``orig``.
    """

    __slots__ = ("starts", "origins", "expansions")

    def __init__(self, starts, origins, expansions=()):
        self.starts = starts
        self.origins = origins
        self.expansions = expansions

    def position(self, n):
        """The original index of the character at copy index ``n``."""
        i = bisect_right(self.starts, n) - 1
        if i < 0:
            return n
        if i in self.expansions:
            return self.origins[i]
        return self.origins[i] + (n - self.starts[i])


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


def _normalise_slowly(original):
    """Both copies and both maps, character by character (any text)."""
    plain, compact = _Builder(), _Builder()
    pos = 0
    for m in SPECIAL_RUN.finditer(original):
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
    return plain.result() + compact.result()


def _replace(pattern, table, text):
    if pattern.search(text) is None:
        return text
    return pattern.sub(lambda m: table[m.group()], text)


def _drop_map(text, drop_run):
    """The offset map of ``text`` without the runs of ``drop_run`` (None: identity)."""
    parts = drop_run.split(text)
    if len(parts) == 1:
        return None
    lengths = list(map(len, parts))
    starts = list(accumulate(lengths[0::2], initial=0))[:-1]
    origins = list(accumulate(lengths, initial=0))[0::2]
    return OffsetMap(starts, origins)


_LAZY = object()


class _Block:
    """A slice of the text, normalised on the fast path when it can be.

    Fast path: characters are dropped or replaced one for one, with C-speed regular
    expressions; the offset maps are then built only when a match needs them.
    """

    __slots__ = ("orig_start", "text", "plain", "_plain_map", "compact", "_compact_map")

    def __init__(self, text, orig_start, ordinary=None):
        self.orig_start = orig_start
        self.text = text
        if ordinary is None:
            ordinary = _SPECIAL_CHARACTER.search(text) is None
        if ordinary:
            # The common case: ideographs, lower-case letters, digits, punctuation.
            self.plain = text
            self._plain_map = None
            pieces = _COMPACT_DROP.split(text)
            self.compact = "".join(pieces)
            self._compact_map = None if len(pieces) == 1 else _SplitMap(pieces)
        elif _SLOW_CHARACTER.search(text) is None:
            if _PLAIN_DIFFERENCE.search(text) is None:
                self.plain = text
            else:
                self.plain = _replace(
                    _CHANGED_PLAIN_CHARACTER, _CHANGED_PLAIN, _PLAIN_DROP_RUN.sub("", text)
                )
            # Replacements are one for one: the map of the dropped characters is the map.
            pieces = _COMPACT_DROP.split(text)
            self.compact = _replace(_CHANGED_COMPACT_CHARACTER, _CHANGED_COMPACT, "".join(pieces))
            self._plain_map = None if len(self.plain) == len(text) else _LAZY
            self._compact_map = None if len(pieces) == 1 else _SplitMap(pieces)
        else:
            self.plain, self._plain_map, self.compact, self._compact_map = _normalise_slowly(text)

    @property
    def plain_map(self):
        if self._plain_map is _LAZY:
            self._plain_map = _drop_map(self.text, _PLAIN_DROP_RUN)
        return self._plain_map

    @property
    def compact_map(self):
        return self._compact_map


class _SplitMap:
    """The compact copy's offset map of a fast-path block: the block split at each
    character the copy drops (one C-speed pass, which also gives the copy). Copy
    position ``n`` in piece ``k`` is original position ``n + k``; the pieces' ends are
    added up only when a match needs a position."""

    __slots__ = ("pieces", "ends")

    def __init__(self, pieces):
        self.pieces = pieces
        self.ends = None

    def position(self, n):
        ends = self.ends
        if ends is None:
            ends = self.ends = list(accumulate(map(len, self.pieces)))
        return n + bisect_right(ends, n)


class _Copy:
    """One normalised copy of a text made of blocks, and its map to the original."""

    __slots__ = ("blocks", "starts", "attribute", "map_attribute")

    def __init__(self, blocks, attribute):
        self.attribute = attribute
        self.map_attribute = attribute + "_map"
        self.blocks = [b for b in blocks if getattr(b, attribute)]
        self.starts = list(
            accumulate((len(getattr(b, attribute)) for b in self.blocks), initial=0)
        )[:-1]

    def text(self):
        return "".join(getattr(b, self.attribute) for b in self.blocks)

    def position(self, n):
        """The original index of the character at index ``n`` of this copy."""
        i = bisect_right(self.starts, n) - 1
        block = self.blocks[i]
        offset_map = getattr(block, self.map_attribute)
        local = n - self.starts[i]
        return block.orig_start + (local if offset_map is None else offset_map.position(local))

    def locate(self, start, piece, original):
        """The original index of this copy's match ``piece`` at ``start`` when the
        original has it written as is there (the common case, found without building
        an offset map), else -1."""
        starts = self.starts
        i = bisect_right(starts, start) - 1 if len(starts) > 1 else 0
        block = self.blocks[i]
        offset_map = getattr(block, self.map_attribute)
        local = start - starts[i]
        if offset_map is None:
            s = block.orig_start + local
        else:
            s = block.orig_start + offset_map.position(local)
        return s if original.startswith(piece, s) else -1

    def span(self, start, end, original=None, copy=None):
        """The original ``(start, end)`` of this copy's ``[start, end)``. Given the
        original text and this copy, a span written as is costs one lookup."""
        if original is not None:
            i = bisect_right(self.starts, start) - 1
            block = self.blocks[i]
            offset_map = getattr(block, self.map_attribute)
            local = start - self.starts[i]
            if offset_map is None:
                s = block.orig_start + local
            else:
                s = block.orig_start + offset_map.position(local)
            length = end - start
            if original[s : s + length] == copy[start:end]:
                return s, s + length
            return s, self.position(end - 1) + 1
        if len(self.blocks) == 1:
            block = self.blocks[0]
            offset_map = getattr(block, self.map_attribute)
            if offset_map is None:
                return block.orig_start + start, block.orig_start + end
            return (
                block.orig_start + offset_map.position(start),
                block.orig_start + offset_map.position(end - 1) + 1,
            )
        return self.position(start), self.position(end - 1) + 1


class NormalisedText:
    """The original text with its plain and compact copies and their offset maps."""

    __slots__ = ("original", "plain", "plain_map", "compact", "compact_map")

    def __init__(self, original, block_size=BLOCK_SIZE):
        self.original = original
        if _SPECIAL_CHARACTER.search(original) is None:
            # Ideographs, lower-case letters, digits and common punctuation only (most
            # texts): the whole text is one block on the fastest path.
            blocks = [_Block(original, 0, True)]
        else:
            blocks = [
                _Block(original[i : i + block_size], i)
                for i in range(0, len(original), block_size)
            ]
        self.plain_map = _Copy(blocks, "plain")
        self.compact_map = _Copy(blocks, "compact")
        self.plain = self.plain_map.text()
        self.compact = self.compact_map.text()

    def compact_ends(self):
        """The compact copy's map in the common case, for the engine's loop over matches:
        a list ``ends`` such that copy position ``n`` is original position
        ``n + bisect_right(ends, n)``; None when the copy needs :meth:`_Copy.position`."""
        return _one_block_ends(self.compact_map)


def _one_block_ends(copy):
    """For a copy made of one fast-path block from the text's start: the ends of its
    split pieces (copy position ``n`` is original ``n + bisect_right(ends, n)``; ``[]``
    when nothing was dropped); else None."""
    if len(copy.blocks) != 1 or copy.blocks[0].orig_start != 0:
        return None  # (other blocks may have been left out of the copy: nothing of theirs in it)
    block = copy.blocks[0]
    offset_map = getattr(block, copy.map_attribute)
    if offset_map is None:
        return []
    if type(offset_map) is not _SplitMap:
        return None
    if offset_map.ends is None:
        offset_map.ends = list(accumulate(map(len, offset_map.pieces)))
    return offset_map.ends


def normalise_word(word):
    """A dictionary word as it reads in the compact copy of a text."""
    if SPECIAL_RUN.search(word) is None:
        return word
    if _SLOW_CHARACTER.search(word) is None:
        return _replace(_CHANGED_COMPACT_CHARACTER, _CHANGED_COMPACT, _COMPACT_DROP_RUN.sub("", word))
    return _normalise_slowly(word)[2]
