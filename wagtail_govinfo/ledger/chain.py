"""The hash chain that makes each ledger tamper-evident (第二十六条).

Every entry stores ``previous_hash`` (the ``entry_hash`` of the entry before it in the
same ledger, or ``GENESIS_HASH`` for the first) and ``entry_hash``, the SHA-256 of the
canonical JSON of its own content together with ``previous_hash``. Changing, removing
or reordering a row behind the application's back breaks the chain at that row;
``verify_chain`` finds the first break.

Which fields are hashed is fixed per ``hash_version`` (stored on each entry), so adding
a field to a ledger model later never changes the hash of old entries.

Keyed hash: with ``WAGTAIL_GOVINFO["LEDGER_HMAC_KEY"]`` set (a secret from the
environment, never stored in the database), new entries get the keyed twin of their
model's current version (``KEYED_OFFSET`` + the plain version, e.g. 101 for version 1):
the same fields under HMAC-SHA256 with that key. Someone who can write to the
database but does not have the key cannot recompute a valid chain after changing a row.
Entries written before the key was set keep version 1 and keep verifying; an unkeyed
entry after a keyed one is reported (a downgrade). ``witness.py`` anchors the head
outside the ledger's tables.
"""

import datetime
import hashlib
import hmac
import json
from dataclasses import dataclass

from django.utils import timezone
from django.utils.translation import gettext as _

from wagtail_govinfo.conf import govinfo_settings

GENESIS_HASH = "0" * 64

#: A keyed hash version is this offset plus the plain version whose fields it covers
#: (plain versions, which add fields to a ledger, stay far below it).
KEYED_OFFSET = 100


class LedgerKeyMissing(Exception):
    """A keyed entry cannot be hashed without ``LEDGER_HMAC_KEY``."""


def ledger_key():
    """The HMAC key as bytes, or None when the ledgers are not keyed."""
    key = govinfo_settings.LEDGER_HMAC_KEY
    if not key:
        return None
    return key.encode("utf-8") if isinstance(key, str) else bytes(key)


def current_hash_version(plain_version=1):
    """The version new entries of a model whose current field list is ``plain_version``
    get: its keyed twin when a key is configured."""
    return KEYED_OFFSET + plain_version if ledger_key() else plain_version


def fields_version(version):
    """The version whose field list ``version`` hashes."""
    return version - KEYED_OFFSET if is_keyed(version) else version


def is_keyed(version):
    return version > KEYED_OFFSET


def keyed_digest(text):
    """HMAC-SHA256 of ``text`` with the ledger key (hex); raises ``LedgerKeyMissing``."""
    key = ledger_key()
    if key is None:
        raise LedgerKeyMissing
    return hmac.new(key, text.encode("utf-8"), hashlib.sha256).hexdigest()


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
    content = canonical_content(entry)
    if is_keyed(entry.hash_version):
        return keyed_digest(content)
    return hashlib.sha256(content.encode("utf-8")).hexdigest()


@dataclass
class ChainBreak:
    """The first place where a ledger's chain does not hold."""

    entry: object  # the entry at which the break shows (the last one for "head"), or None
    problem: str  # "changed", "unlinked", "numbering", "head", "no_head", "key", "downgrade" or "witness"
    detail: str  # one readable sentence, translated


def verify_chain(model, chain_head=None, witnesses=(), require_head=False):
    """Walk ``model``'s entries in insertion order; return the first ``ChainBreak`` or None.

    ``chain_head`` is the ``LedgerChain`` row of that ledger (its recorded length and
    head hash reveal entries removed from the end); with ``require_head`` a missing row
    is itself a break when the ledger holds entries. ``witnesses`` are heads recorded
    outside the ledger's tables (``witness.Witness``: length and head hash at a moment):
    each must still be the hash of the entry at that position, which reveals a removed
    tail, an emptied ledger or a chain recomputed after a change.
    """
    previous_hash = GENESIS_HASH
    expected_number = {}
    count = 0
    last = None
    keyed_seen = None
    by_length = {}
    for witness in witnesses:
        by_length.setdefault(witness.length, []).append(witness)
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
        if is_keyed(entry.hash_version):
            keyed_seen = keyed_seen or entry
        elif keyed_seen is not None:
            return ChainBreak(
                entry,
                "downgrade",
                _(
                    "it is hashed without the ledger key although entry %(keyed)s before it is "
                    "keyed: the chain was recomputed without the key"
                )
                % {"keyed": keyed_seen.reference},
            )
        try:
            computed = compute_hash(entry)
        except LedgerKeyMissing:
            return ChainBreak(
                entry,
                "key",
                _(
                    "it is hashed with the ledger key (HMAC) and LEDGER_HMAC_KEY is not set: "
                    "set the key in the environment to verify"
                ),
            )
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
        for witness in by_length.get(count, ()):
            if witness.head_hash != entry.entry_hash:
                return ChainBreak(
                    entry,
                    "witness",
                    _(
                        "it is entry %(position)s of the chain, whose hash %(witness)s… was recorded "
                        "by %(source)s; the table's chain gives %(hash)s…: the chain was rewritten "
                        "at or before this entry"
                    )
                    % {
                        "position": count,
                        "witness": witness.head_hash[:12],
                        "source": witness.describe(),
                        "hash": entry.entry_hash[:12],
                    },
                )
            if witness.keyed_from and count >= witness.keyed_from and keyed_seen is None:
                return ChainBreak(
                    entry,
                    "downgrade",
                    _(
                        "%(source)s recorded the chain as keyed from entry %(position)s on, but "
                        "no entry up to here is keyed: the chain was recomputed without the key"
                    )
                    % {"source": witness.describe(), "position": witness.keyed_from},
                )
        expected_number[entry.year] = wanted + 1
        previous_hash = entry.entry_hash
        last = entry
    longest = max(witnesses, key=lambda w: w.length, default=None)
    if longest is not None and longest.length > count:
        return ChainBreak(
            last,
            "witness",
            _(
                "%(source)s recorded %(recorded)s entries ending in %(head)s…, the table holds "
                "%(count)s: entries were removed from the end, or the ledger was emptied"
            )
            % {
                "source": longest.describe(),
                "recorded": longest.length,
                "head": longest.head_hash[:12],
                "count": count,
            },
        )
    if chain_head is None and require_head and count:
        return ChainBreak(
            last,
            "no_head",
            _(
                "the table holds %(count)s entries but the chain head row is missing: it was "
                "deleted behind the application's back"
            )
            % {"count": count},
        )
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
