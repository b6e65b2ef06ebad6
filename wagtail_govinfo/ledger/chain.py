"""The hash chain that makes each ledger tamper-evident (第二十六条).

Every entry stores ``previous_hash`` (the ``entry_hash`` of the entry before it in the
same ledger, or ``GENESIS_HASH`` for the first) and ``entry_hash``, the SHA-256 of the
canonical JSON of its own content together with ``previous_hash``. Changing, removing
or reordering a row behind the application's back breaks the chain at that row;
``verify_chain`` finds the first break.

Which fields are hashed is fixed per ``hash_version`` (stored on each entry), so adding
a field to a ledger model later never changes the hash of old entries.
"""

import datetime
import hashlib
import json
from dataclasses import dataclass

from django.utils import timezone
from django.utils.translation import gettext as _

GENESIS_HASH = "0" * 64


def _canonical_value(value):
    if isinstance(value, datetime.datetime):
        if timezone.is_naive(value):
            value = timezone.make_aware(value, datetime.UTC)
        return value.astimezone(datetime.UTC).isoformat(timespec="microseconds")
    if isinstance(value, datetime.date):
        return value.isoformat()
    return value


def canonical_content(entry):
    """The content of ``entry`` that its hash covers, as canonical JSON text."""
    fields = entry.hashed_field_names(entry.hash_version)
    content = {"ledger": entry.ledger, "hash_version": entry.hash_version}
    for name in fields:
        field = entry._meta.get_field(name)
        value = field.to_python(getattr(entry, field.attname))
        content[name] = _canonical_value(value)
    content["previous_hash"] = entry.previous_hash
    return json.dumps(content, ensure_ascii=False, sort_keys=True, separators=(",", ":"))


def compute_hash(entry):
    return hashlib.sha256(canonical_content(entry).encode("utf-8")).hexdigest()


@dataclass
class ChainBreak:
    """The first place where a ledger's chain does not hold."""

    entry: object  # the entry at which the break shows (the last one for "head"), or None
    problem: str  # "changed", "unlinked", "numbering" or "head"
    detail: str  # one readable sentence, translated


def verify_chain(model, chain_head=None):
    """Walk ``model``'s entries in insertion order; return the first ``ChainBreak`` or None.

    ``chain_head`` is the ``LedgerChain`` row of that ledger (its recorded length and
    head hash reveal entries removed from the end).
    """
    previous_hash = GENESIS_HASH
    expected_number = {}
    count = 0
    last = None
    for entry in model.objects.order_by("pk").iterator(chunk_size=2000):
        count += 1
        if entry.previous_hash != previous_hash:
            return ChainBreak(
                entry,
                "unlinked",
                _(
                    "its link %(stored)s… does not match the entry before it (%(expected)s…): "
                    "an entry before it was removed or the order was changed"
                )
                % {"stored": entry.previous_hash[:12], "expected": previous_hash[:12]},
            )
        computed = compute_hash(entry)
        if computed != entry.entry_hash:
            return ChainBreak(
                entry,
                "changed",
                _("its content was changed (stored hash %(stored)s…, content hashes to %(computed)s…)")
                % {"stored": entry.entry_hash[:12], "computed": computed[:12]},
            )
        wanted = expected_number.get(entry.year, 1)
        if entry.number != wanted:
            return ChainBreak(
                entry,
                "numbering",
                _("its number is %(number)s of %(year)s where %(expected)s was expected")
                % {"number": entry.number, "year": entry.year, "expected": wanted},
            )
        expected_number[entry.year] = wanted + 1
        previous_hash = entry.entry_hash
        last = entry
    if chain_head is not None and (
        chain_head.length != count or chain_head.head_hash != previous_hash
    ):
        return ChainBreak(
            last,
            "head",
            _(
                "the chain records %(recorded)s entries ending in %(head)s…, the table holds "
                "%(count)s ending in %(last)s…: entries were removed from the end or the "
                "chain head was altered"
            )
            % {
                "recorded": chain_head.length,
                "head": chain_head.head_hash[:12],
                "count": count,
                "last": previous_hash[:12],
            },
        )
    return None
