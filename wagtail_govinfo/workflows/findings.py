"""What the confidentiality review shows and stores about the screening of one revision.

The findings always belong to the exact revision under review: its content is
screened (``revision.as_object().screening_text()``), fingerprinted, and the
fingerprint travels with the review form so that an approval can never apply to
content the reviewer did not see.
"""

import hashlib
import json
from dataclasses import dataclass

from django.core.serializers.json import DjangoJSONEncoder
from django.utils.html import conditional_escape, format_html
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _

from wagtail_govinfo.screening import PERSONAL_KINDS, screen

#: Characters of context shown on each side of a finding.
CONTEXT_CHARS = 30


def fingerprint(revision):
    """A stable hash of a revision's content (changes if the revision is overwritten)."""
    payload = json.dumps(revision.content, sort_keys=True, cls=DjangoJSONEncoder, ensure_ascii=False)
    return hashlib.sha256(payload.encode("utf-8")).hexdigest()


def screening_text_of(obj):
    """The text the review screens: ``obj.screening_text()`` (every content page
    has it; a snippet under review should define it), else ``str(obj)``."""
    method = getattr(obj, "screening_text", None)
    return method() if callable(method) else str(obj)


def redact(text):
    """Personal information kept in the review record: all but the last four characters starred."""
    keep = 4 if len(text) > 6 else 1
    return "*" * (len(text) - keep) + text[-keep:]


def record(finding):
    """The JSON form of a finding stored with a review; personal numbers are redacted
    so that the audit record does not itself hold the personal information."""
    data = finding.as_dict()
    if finding.kind in PERSONAL_KINDS:
        data["text"] = redact(finding.text)
    return data


def describe(finding):
    """One line naming a finding, e.g. 身份证号 “**************002X”."""
    text = redact(finding.text) if finding.kind in PERSONAL_KINDS else finding.text
    return _("%(kind)s “%(text)s” (character %(position)s)") % {
        "kind": finding.label,
        "text": text,
        "position": finding.start + 1,
    }


@dataclass
class RevisionScreening:
    """The screening of one revision: its text, findings and fingerprint."""

    revision: object
    text: str
    findings: list
    fingerprint: str

    @classmethod
    def of(cls, revision):
        text = screening_text_of(revision.as_object())
        return cls(revision=revision, text=text, findings=screen(text), fingerprint=fingerprint(revision))

    @property
    def blocking(self):
        return [f for f in self.findings if f.blocking]

    @property
    def notices(self):
        return [f for f in self.findings if not f.blocking]

    def records(self):
        return [record(f) for f in self.findings]

    def excerpts(self):
        """Each finding (or group of nearby findings) in its context, as safe HTML:
        everything escaped, findings wrapped in ``<mark>``."""
        return [highlight(self.text, group) for group in _groups(self.findings)]


def _groups(findings, context=CONTEXT_CHARS):
    """Findings whose contexts overlap, grouped so each excerpt shows them together."""
    groups = []
    for finding in sorted(findings, key=lambda f: (f.start, -f.end)):
        if groups and finding.start - context <= groups[-1][-1].end + context:
            groups[-1].append(finding)
        else:
            groups.append([finding])
    return groups


def highlight(text, findings, context=CONTEXT_CHARS):
    """The part of ``text`` around ``findings`` with each finding marked."""
    start = max(0, min(f.start for f in findings) - context)
    end = min(len(text), max(f.end for f in findings) + context)
    parts = ["…" if start > 0 else ""]
    position = start
    for finding in findings:
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
