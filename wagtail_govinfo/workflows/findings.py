"""What the confidentiality review shows and stores about the screening of one revision.

The findings always belong to the exact revision under review: each of its sources (a
field, a StreamField block, a table cell, an attachment: ``screening/sources.py``) is
screened on its own, the content is fingerprinted, and the fingerprint travels with the
review form so that an approval can never apply to content the reviewer did not see.

The reviewer reads one row per distinct finding (:class:`FindingGroup`) with the number
of its occurrences and every place where it occurs (field label, location, excerpt).
"""

import hashlib
import html as html_module
import json
import re
from dataclasses import dataclass, field
from functools import cached_property

from django.core.serializers.json import DjangoJSONEncoder
from django.utils.html import conditional_escape, format_html, strip_tags
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from wagtail import hooks

from wagtail_govinfo import screening as screening_package
from wagtail_govinfo.screening import MASKED_KINDS, PERSONAL_KINDS, FindingKind, get_dictionary, screen
from wagtail_govinfo.screening.sources import SCREENING_SOURCES_HOOK, ScreeningSource

#: Characters of context shown on each side of a finding.
CONTEXT_CHARS = 30

#: How a finding raised in the review was resolved (stored with it, shown on the
#: 审核签字单 and in the ledger's export).
RESOLUTION_OVERRIDDEN = "overridden"  # kept, with the reviewer's reason (覆盖)
RESOLUTION_ACCEPTED = "accepted"  # a notice the reviewer checked (not blocking)
RESOLUTION_MASKED = "masked"  # gone from the approved version, starred where it was
RESOLUTION_REMOVED = "removed"  # gone from the approved version


def resolution_label(resolution):
    return {
        RESOLUTION_OVERRIDDEN: _("overridden"),
        RESOLUTION_ACCEPTED: _("checked, not blocking"),
        RESOLUTION_MASKED: _("masked"),
        RESOLUTION_REMOVED: _("removed"),
    }.get(resolution, resolution or "")


def finding_rows_for_editor(records):
    """Stored finding records as rows for the author of a returned page: ``label``,
    ``text``, ``places`` (one string) and ``outcome`` (must be changed, a notice, or how
    the reviewer resolved it), blocking ones first."""
    rows = []
    for data in records or []:
        resolution = data.get("resolution") or ""
        if resolution:
            outcome = resolution_label(resolution)
            if data.get("reason"):
                outcome = _("%(outcome)s: %(reason)s") % {"outcome": outcome, "reason": data["reason"]}
        elif data.get("blocking"):
            outcome = _("must be changed")
        else:
            outcome = _("notice, check it")
        rows.append(
            {
                "label": data.get("label") or data.get("kind") or "",
                "text": data.get("text") or "",
                "places": "；".join(data.get("places") or []),
                "outcome": outcome,
                "blocking": bool(data.get("blocking")) and not resolution,
            }
        )
    rows.sort(key=lambda row: not row["blocking"])
    return rows


def fingerprint(revision):
    """A stable hash of a revision's content (changes if the revision is overwritten)."""
    payload = json.dumps(revision.content, sort_keys=True, cls=DjangoJSONEncoder, ensure_ascii=False)
    return hashlib.sha256(payload.encode("utf-8")).hexdigest()


def screening_text_of(obj):
    """The text of ``obj`` as one string: ``obj.screening_text()`` (every content page
    has it; a snippet under review should define it or ``screening_sources()``), else
    ``str(obj)``."""
    method = getattr(obj, "screening_text", None)
    return method() if callable(method) else str(obj)


def sources_of(obj):
    """Every :class:`ScreeningSource` of ``obj``: its own (``screening_sources()``, or
    one source of its whole text), then those of every ``govinfo_screening_sources``
    hook (attachments, a site's own document model)."""
    method = getattr(obj, "screening_sources", None)
    if callable(method):
        sources = list(method())
    else:
        sources = [ScreeningSource(key="text", label=_("Content"), text=screening_text_of(obj))]
    for hook in hooks.get_hooks(SCREENING_SOURCES_HOOK):
        sources.extend(hook(obj) or ())
    return sources


# ---------------------------------------------------------------------------
# Screening an HTML source: through ``screening.screen_html`` when the engine has it.

_BLOCK_BOUNDARY = re.compile(
    r"<(?:br|hr|/?(?:p|div|li|ul|ol|dl|dt|dd|h[1-6]|tr|td|th|thead|tbody|tfoot|table|caption|"
    r"blockquote|pre|section|article|header|footer|figure|figcaption|address))\b[^>]*>",
    re.IGNORECASE,
)


def fallback_visible_text(html):
    """The visible text of an HTML fragment: block elements and table cells end a line
    (so no match crosses them), tags dropped, entities decoded."""
    text = _BLOCK_BOUNDARY.sub("\n", html or "")
    text = html_module.unescape(strip_tags(text)).replace("\xa0", " ")
    return re.sub(r"\n{2,}", "\n", text).strip("\n")


def screen_html_source(html, *, dictionary=None):
    """(findings, visible text) of an HTML fragment.

    Uses ``wagtail_govinfo.screening.screen_html``/``visible_text`` (the engine that
    screens HTML as readers see it, link targets and alt texts included) when the
    package has them, and otherwise screens :func:`fallback_visible_text`.
    """
    screen_html = getattr(screening_package, "screen_html", None)
    visible_text = getattr(screening_package, "visible_text", None)
    if screen_html is not None and visible_text is not None:
        return list(screen_html(html or "", dictionary=dictionary)), visible_text(html or "")
    text = fallback_visible_text(html)
    return screen(text, dictionary=dictionary), text


def screen_source(source, *, dictionary=None):
    """(findings, screened text) of one source; nothing for an unreadable one."""
    if not source.readable:
        return [], ""
    if source.html is not None:
        return screen_html_source(source.html, dictionary=dictionary)
    text = source.text or ""
    return screen(text, dictionary=dictionary), text


# ---------------------------------------------------------------------------
# Findings as the reviewer reads them


def redact(text):
    """Personal information kept in the review record: all but the last four characters starred."""
    keep = 4 if len(text) > 6 else 1
    return "*" * (len(text) - keep) + text[-keep:]


def is_overridable(finding):
    """Only personal information may be kept with a reason (a published service hotline);
    a secrecy marking never (第五条)."""
    if finding.kind == FindingKind.SECRET_MARKING:
        return False
    return finding.kind in PERSONAL_KINDS


def shown_text(finding):
    return redact(finding.text) if finding.kind in PERSONAL_KINDS else finding.text


def record(finding):
    """The JSON form of a finding stored with a review; personal numbers are redacted
    so that the audit record does not itself hold the personal information."""
    data = finding.as_dict()
    if finding.kind in PERSONAL_KINDS:
        data["text"] = redact(finding.text)
    return data


def group_key(kind, text):
    """The id of a distinct finding (its kind and text), as used by the review form."""
    return hashlib.sha256(f"{kind}\x00{text}".encode()).hexdigest()[:16]


@dataclass
class Occurrence:
    """One place where a finding occurs: a source, the finding, the source's text."""

    source: ScreeningSource
    finding: object
    text: str

    @property
    def location(self):
        return getattr(self.finding, "location", "") or ""

    @property
    def place(self):
        """Where it is, as the reviewer reads it: the source's label and the location."""
        return f"{self.source.label} · {self.location}" if self.location else self.source.label

    def excerpt(self):
        return highlight(self.text, [self.finding])


@dataclass
class FindingGroup:
    """One distinct finding (same kind, same text) with every place it occurs."""

    key: str
    occurrences: list = field(default_factory=list)

    @property
    def finding(self):
        return self.occurrences[0].finding

    kind = property(lambda self: self.finding.kind)
    label = property(lambda self: self.finding.label)
    blocking = property(lambda self: self.finding.blocking)
    suggestion = property(lambda self: getattr(self.finding, "suggestion", ""))
    overridable = property(lambda self: self.blocking and is_overridable(self.finding))

    @property
    def text(self):
        return self.finding.text

    @property
    def shown_text(self):
        return shown_text(self.finding)

    @property
    def count(self):
        return len(self.occurrences)

    @property
    def places(self):
        return [o.place for o in self.occurrences]

    def record(self, resolution="", reason=""):
        """The JSON form stored with the review and in the ledger."""
        data = record(self.finding)
        data.update(
            {
                "count": self.count,
                "places": self.places,
                "source": self.occurrences[0].source.key,
                "resolution": resolution,
                "reason": reason,
            }
        )
        return data


def describe(finding):
    """One line naming a finding (a :class:`FindingGroup` or a plain finding), e.g.
    身份证号 “**************002X”（正文 · 表格 第 2 行第 1 列）."""
    if isinstance(finding, FindingGroup):
        return _("%(kind)s “%(text)s” (%(places)s)") % {
            "kind": finding.label,
            "text": finding.shown_text,
            "places": "；".join(finding.places),
        }
    return _("%(kind)s “%(text)s” (character %(position)s)") % {
        "kind": finding.label,
        "text": shown_text(finding),
        "position": finding.start + 1,
    }


@dataclass
class RevisionScreening:
    """The screening of one revision, source by source: its findings (every occurrence),
    the distinct findings (``groups``), the unreadable sources and the fingerprint."""

    revision: object
    sources: list
    occurrences: list
    fingerprint: str

    @classmethod
    def of(cls, revision):
        obj = revision.as_object()
        sources = sources_of(obj)
        # One dictionary for every source (each look-up of the site's asks the cache).
        dictionary = get_dictionary()
        occurrences = []
        for source in sources:
            findings, text = screen_source(source, dictionary=dictionary)
            occurrences.extend(Occurrence(source, finding, text) for finding in findings)
        return cls(revision=revision, sources=sources, occurrences=occurrences, fingerprint=fingerprint(revision))

    @property
    def text(self):
        """All screened text, source after source (for a quick look; offsets are per source)."""
        return "\n".join(s.text or fallback_visible_text(s.html) for s in self.sources if s.readable)

    @property
    def findings(self):
        return [o.finding for o in self.occurrences]

    @property
    def blocking(self):
        return [f for f in self.findings if f.blocking]

    @property
    def notices(self):
        return [g for g in self.groups if not g.blocking]

    @property
    def blocking_groups(self):
        return [g for g in self.groups if g.blocking]

    @cached_property
    def groups(self):
        """One :class:`FindingGroup` per distinct finding, blocking first, then in the
        order of the content."""
        groups = {}
        for occurrence in self.occurrences:
            finding = occurrence.finding
            key = group_key(finding.kind, finding.text)
            groups.setdefault(key, FindingGroup(key)).occurrences.append(occurrence)
        return sorted(groups.values(), key=lambda g: not g.blocking)

    @property
    def unreadable(self):
        """Sources that could not be machine-checked: the reviewer confirms each."""
        return [s for s in self.sources if not s.readable]

    def group(self, key):
        return next((g for g in self.groups if g.key == key), None)

    def records(self, overrides=None):
        """The distinct findings as stored with an approval, each with how it was
        resolved: ``overrides`` maps a group key to the reviewer's reason."""
        overrides = overrides or {}
        records = []
        for group in self.groups:
            if group.key in overrides:
                records.append(group.record(RESOLUTION_OVERRIDDEN, overrides[group.key]))
            else:
                records.append(group.record(RESOLUTION_ACCEPTED if not group.blocking else ""))
        return records

    def excerpts(self):
        """Each finding in its context, as safe HTML (one per occurrence)."""
        return [o.excerpt() for o in self.occurrences]


def earlier_resolutions(earlier_records, screening):
    """Findings recorded by earlier rounds of the review that the approved version no
    longer holds, each marked as masked (stars where it was) or removed."""
    present = {(g.kind, shown_text(g.finding)) for g in screening.groups}
    texts = {s.key: (s.text or fallback_visible_text(s.html)) for s in screening.sources}
    resolved, seen = [], set()
    for data in earlier_records:
        identity = (data.get("kind"), data.get("text"))
        if identity in present or identity in seen or not data.get("blocking"):
            continue
        seen.add(identity)
        source_text = texts.get(data.get("source"), "")
        length = len(data.get("text") or "")
        masked = data.get("kind") in MASKED_KINDS and length and "*" * length in source_text
        resolved.append({**data, "resolution": RESOLUTION_MASKED if masked else RESOLUTION_REMOVED, "reason": ""})
    return resolved


def highlight(text, findings, context=CONTEXT_CHARS):
    """The part of ``text`` around ``findings`` with each finding marked."""
    start = max(0, min(f.start for f in findings) - context)
    end = min(len(text), max(f.end for f in findings) + context)
    parts = ["…" if start > 0 else ""]
    position = start
    for finding in sorted(findings, key=lambda f: (f.start, -f.end)):
        if finding.start < position:  # nested in or overlapping the previous mark
            continue
        parts.append(conditional_escape(text[position : finding.start]))
        parts.append(
            format_html(
                '<mark class="govinfo-finding govinfo-finding--{}" data-kind="{}" title="{}">{}</mark>',
                "blocking" if finding.blocking else "notice",
                finding.kind,
                finding.label,
                text[finding.start : finding.end],
            )
        )
        position = finding.end
    parts.append(conditional_escape(text[position:end]))
    parts.append("…" if end < len(text) else "")
    return mark_safe("".join(str(p) for p in parts))  # noqa: S308 - every piece escaped above
