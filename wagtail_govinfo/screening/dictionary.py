"""The compiled screening dictionary and its cache.

The dictionary (:class:`wagtail_govinfo.models.SensitiveWord`) is compiled into one
Aho-Corasick automaton (``ahocorasick_rs``) over the compact normalised form of
every active word. Screening a page uses the compiled dictionary held in the
process; it never reads the database word by word.

The allow-list of ordinary vocabulary is the configured files
(``WAGTAIL_GOVINFO["SCREENING_ALLOW_LIST"]``, by default the one shipped) merged with
the operator's changes in the admin (:class:`wagtail_govinfo.models.AllowListEntry`:
words added, words of the files disabled).

Freshness across processes: a *version* token lives in Django's cache (use a shared
backend such as Redis in production). Saving or deleting a word or an allow-list
change replaces the token
(``bump_dictionary_version``); every process compares its compiled dictionary's
token with the cache's on each screening (one cache read) and recompiles from the
database (two queries: the words and the operator's allow-list changes) when it
differs. So a change takes effect without a restart.
As a safety net against changes that bypass the signals (``QuerySet.update``, raw
SQL) the compiled dictionary is also rebuilt after
``WAGTAIL_GOVINFO["DICTIONARY_CACHE_SECONDS"]`` seconds.
"""

import functools
import os
import threading
import time
import uuid
from dataclasses import dataclass

import ahocorasick_rs

from .normalise import normalise_word

VERSION_CACHE_KEY = "wagtail_govinfo:screening:dictionary-version"
#: The word list and the operator's allow-list changes of one version, shared by every
#: process through Django's cache.
COMPILED_CACHE_KEY = "wagtail_govinfo:screening:dictionary:v2:{version}"
#: The shipped allow-list of ordinary government vocabulary (scripts/derive_allow_list.py).
DEFAULT_ALLOW_LIST = os.path.join(os.path.dirname(__file__), "data", "allow_list.txt")

SENSITIVE = "sensitive"
TYPO = "typo"
NOTICE = "notice"
BLOCKING = "blocking"


@dataclass(frozen=True)
class DictionaryEntry:
    """One word of the dictionary, as the engine needs it."""

    word: str
    kind: str = SENSITIVE  # "sensitive" (敏感词) or "typo" (错别字)
    correction: str = ""  # for typos: the right form
    severity: str = NOTICE  # "notice" or "blocking"
    category: str = ""

    @property
    def blocking(self):
        return self.severity == BLOCKING


class Dictionary:
    """Words compiled for matching. Build it with :meth:`build` from entries (or
    plain strings, which become notice-level sensitive words)."""

    def __init__(self, patterns, entries, version=None, allowed=frozenset()):
        #: The compact normalised patterns, one per distinct form.
        self.patterns = patterns
        #: For each pattern, the tuple of entries that normalise to it.
        self.entries = entries
        self.version = version
        #: Ordinary words (normalised): a match inside a longer one is no finding.
        self.allowed = allowed
        self.allowed_longest = max(map(len, allowed), default=0)
        self._contained = None
        self.built_at = time.monotonic()
        self.automaton = ahocorasick_rs.AhoCorasick(patterns) if patterns else None

    @classmethod
    def build(cls, entries, version=None, allowed=frozenset()):
        """Compile ``entries`` (:class:`DictionaryEntry` or plain strings, which become
        notice-level sensitive words); ``allowed`` is the allow-list (a set of words,
        see :func:`load_allow_list`)."""
        by_pattern = {}
        for entry in entries:
            if isinstance(entry, str):
                entry = DictionaryEntry(entry)
            pattern = normalise_word(entry.word)
            if pattern:
                by_pattern.setdefault(pattern, []).append(entry)
        patterns = list(by_pattern)
        return cls(patterns, [tuple(by_pattern[p]) for p in patterns], version, frozenset(allowed))

    @property
    def contained_in_allowed(self):
        """The patterns that are a part of a longer allow-listed word (only their
        matches need :meth:`inside_allowed_word`)."""
        if self._contained is None:
            parts = set()
            for word in self.allowed:
                n = len(word)
                for i in range(n):
                    for j in range(i + 1, n + 1 - (i == 0)):
                        parts.add(word[i:j])
            self._contained = frozenset(parts.intersection(self.patterns))
        return self._contained

    def inside_allowed_word(self, compact, start, end):
        """Whether ``compact[start:end]`` lies inside a longer allow-listed word there."""
        length = end - start
        longest = self.allowed_longest
        if length >= longest:
            return False
        allowed = self.allowed
        for a in range(max(0, end - longest), start + 1):
            for b in range(max(end, a + length + 1), min(len(compact), a + longest) + 1):
                if compact[a:b] in allowed:
                    return True
        return False

    def __len__(self):
        return sum(len(e) for e in self.entries)

    def find(self, compact):
        """``(pattern_index, start, end)`` of every occurrence, overlapping ones
        included: masking must cover the union of all of them."""
        if self.automaton is None or not compact:
            return []
        return self.automaton.find_matches_as_indexes(compact, overlapping=True)


EMPTY = Dictionary([], [])

_lock = threading.Lock()
_compiled = None


def _cache():
    from django.core.cache import cache

    return cache


def current_version():
    """The dictionary's version token in Django's cache, created if missing."""
    cache = _cache()
    version = cache.get(VERSION_CACHE_KEY)
    if version is None:
        cache.add(VERSION_CACHE_KEY, uuid.uuid4().hex, timeout=None)
        version = cache.get(VERSION_CACHE_KEY)
    return version


def bump_dictionary_version():
    """Mark every process's compiled dictionary as out of date."""
    _cache().set(VERSION_CACHE_KEY, uuid.uuid4().hex, timeout=None)


def load_rows():
    """Every active word of the database as ``(word, kind, correction, severity,
    category)`` tuples, in one query."""
    from ..models import SensitiveWord

    return list(
        SensitiveWord.objects.filter(is_active=True).values_list(
            "word", "kind", "correction", "severity", "category"
        )
    )


def load_entries():
    """Every active word of the database, in one query."""
    return [DictionaryEntry(*row) for row in load_rows()]


def allow_list_paths():
    """The files of ``WAGTAIL_GOVINFO["SCREENING_ALLOW_LIST"]`` (None: the shipped one)."""
    from ..conf import govinfo_settings

    value = govinfo_settings.SCREENING_ALLOW_LIST
    if value is None:
        return (DEFAULT_ALLOW_LIST,)
    if isinstance(value, (str, os.PathLike)):
        return (str(value),)
    return tuple(str(v) for v in value)


@functools.lru_cache(maxsize=8)
def read_allow_list(paths):
    """The normalised words of allow-list files (one word a line, ``#`` comments)."""
    words = set()
    for path in paths:
        with open(path, encoding="utf-8-sig") as fh:
            for line in fh:
                line = line.strip()
                if line and not line.startswith("#"):
                    word = normalise_word(line)
                    if len(word) > 1:
                        words.add(word)
    return frozenset(words)


def shipped_allow_list():
    """The allow-list of the configured files (by default the one shipped), without
    the operator's changes."""
    return read_allow_list(allow_list_paths())


def load_allow_changes():
    """The operator's changes to the allow-list (:class:`~wagtail_govinfo.models.AllowListEntry`)
    as ``(word, effect)`` tuples, in one query."""
    from ..models import AllowListEntry

    return list(AllowListEntry.objects.values_list("word", "effect"))


def merge_allow_list(shipped, changes):
    """``shipped`` (normalised words) with the operator's ``changes``: words added,
    words of the list disabled."""
    from ..models import AllowListEffect

    added, disabled = set(), set()
    for word, effect in changes:
        normalised = normalise_word(word)
        if len(normalised) > 1:
            (disabled if effect == AllowListEffect.DISABLE else added).add(normalised)
    if not added and not disabled:
        return shipped
    return frozenset((shipped - disabled) | added)


def load_allow_list():
    """The allow-list of ordinary vocabulary in use: the configured files with the
    operator's changes from the database."""
    return merge_allow_list(shipped_allow_list(), load_allow_changes())


def _compiled_from_cache(version, max_age):
    """The word list and the allow-list changes of ``version`` from Django's cache,
    else from the database (and put in the cache for the other processes, for at most
    ``max_age`` seconds: the same bound as a process's compiled dictionary)."""
    cache = _cache()
    key = COMPILED_CACHE_KEY.format(version=version)
    cached = cache.get(key) if max_age > 0 else None
    if cached is None:
        cached = (load_rows(), load_allow_changes())
        if max_age > 0:
            cache.set(key, cached, timeout=max_age)
    rows, changes = cached
    return [DictionaryEntry(*row) for row in rows], changes


def get_dictionary():
    """The compiled dictionary of the database, rebuilt only when it changed."""
    global _compiled
    from ..conf import govinfo_settings

    version = current_version()
    compiled = _compiled
    max_age = govinfo_settings.DICTIONARY_CACHE_SECONDS
    if (
        compiled is not None
        and compiled.version == version
        and time.monotonic() - compiled.built_at < max_age
    ):
        return compiled
    with _lock:
        compiled = _compiled
        if compiled is None or compiled.version != version or (
            time.monotonic() - compiled.built_at >= max_age
        ):
            entries, changes = _compiled_from_cache(version, max_age)
            compiled = Dictionary.build(
                entries,
                version=version,
                allowed=merge_allow_list(shipped_allow_list(), changes),
            )
            compiled.contained_in_allowed  # noqa: B018 (compiled now, not at the first screening)
            _compiled = compiled
    return compiled


def clear_compiled_dictionary():
    """Drop this process's compiled dictionary (tests, after a database flush)."""
    global _compiled
    _compiled = None
