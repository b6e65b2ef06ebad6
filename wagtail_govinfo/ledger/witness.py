"""Witnesses: the chain's head recorded outside the ledger's own tables.

The ``LedgerChain`` row reveals entries removed from the end, but it lives in the same
database: whoever deletes the tail can rewrite it, or delete it with every entry. So
every export and every verification records the head (length and hash of the last
entry) as a witness:

* in Wagtail's audit log (``wagtail_govinfo.ledger_exported`` /
  ``wagtail_govinfo.ledger_verified``, on the chain), a different table;
* when ``WAGTAIL_GOVINFO["LEDGER_WITNESS_FILE"]`` names a file, as one JSON line
  appended to it (put it on other storage, or ship it off the machine);
* to every function of the ``govinfo_ledger_witness`` hook (an external store).

With ``LEDGER_HMAC_KEY`` set, each witness carries a MAC of its figures, so a witness
forged in the database without the key is refused. ``govinfo_verify_ledger`` checks the
chain against every witness it can read (the audit log and the file): the entry at each
recorded length must still have the recorded hash.
"""

import datetime
import json
import logging
from dataclasses import dataclass

from django.contrib.contenttypes.models import ContentType
from django.utils import timezone
from django.utils.translation import gettext as _
from wagtail import hooks
from wagtail.log_actions import log
from wagtail.models import ModelLogEntry

from wagtail_govinfo.conf import govinfo_settings

from .chain import KEYED_OFFSET, keyed_digest, ledger_key
from .models import LEDGER_MODELS, Ledger, LedgerChain

logger = logging.getLogger(__name__)

EXPORTED_ACTION = "wagtail_govinfo.ledger_exported"
VERIFIED_ACTION = "wagtail_govinfo.ledger_verified"
VERIFICATION_FAILED_ACTION = "wagtail_govinfo.ledger_verification_failed"
WITNESS_ACTIONS = (EXPORTED_ACTION, VERIFIED_ACTION)


@dataclass
class Witness:
    ledger: str
    length: int
    head_hash: str
    recorded_at: datetime.datetime | None
    source: str  # "audit log" or "file"
    keyed_from: int | None = None

    def describe(self):
        when = _when(self.recorded_at)
        if self.source == "file":
            return _("the witness file on %(when)s") % {"when": when}
        return _("the audit log on %(when)s") % {"when": when}


def _when(moment):
    return timezone.localtime(moment).strftime("%Y-%m-%d %H:%M") if moment else "?"


class ForgedWitness(Exception):
    """A witness whose MAC does not match its figures."""


def witness_mac(ledger, length, head_hash):
    return keyed_digest(f"govinfo-ledger-witness:{ledger}:{int(length)}:{head_hash}")


def keyed_from(model):
    """Position (1-based) of the first keyed entry of ``model``'s chain, or None."""
    first = (
        model.objects.filter(hash_version__gt=KEYED_OFFSET)
        .order_by("pk")
        .values_list("pk", flat=True)
        .first()
    )
    if first is None:
        return None
    return model.objects.filter(pk__lte=first).count()


def head_data(chain):
    """The figures a witness records for ``chain`` (a ``LedgerChain``)."""
    ledger = Ledger(chain.ledger)
    data = {
        "ledger": ledger.value,
        "chain_length": chain.length,
        "head_hash": chain.head_hash,
        "keyed_from": keyed_from(LEDGER_MODELS[ledger]) if chain.length else None,
    }
    if ledger_key() is not None:
        data["mac"] = witness_mac(ledger.value, chain.length, chain.head_hash)
    return data


def publish(data, recorded_at=None):
    """Send a witness outside the database: the witness file and the hook's stores."""
    line = {**data, "recorded_at": (recorded_at or timezone.now()).isoformat()}
    path = govinfo_settings.LEDGER_WITNESS_FILE
    if path:
        try:
            with open(path, "a", encoding="utf-8") as handle:
                handle.write(json.dumps(line, ensure_ascii=False, sort_keys=True) + "\n")
        except OSError:
            logger.exception("Could not append the ledger witness to %s", path)
    for store in hooks.get_hooks("govinfo_ledger_witness"):
        try:
            store(line)
        except Exception:  # an unreachable store must not stop an export
            logger.exception("Ledger witness store %r failed", store)


def record_verification(ledger, user=None, via="schedule"):
    """Record the current head of ``ledger`` as witnessed by a successful verification."""
    chain, _created = LedgerChain.objects.get_or_create(ledger=Ledger(ledger))
    data = {**head_data(chain), "via": via}
    log(instance=chain, action=VERIFIED_ACTION, user=user, data=data)
    publish(data)
    return data


def record_failure(ledger, detail, user=None, via="schedule"):
    chain, _created = LedgerChain.objects.get_or_create(ledger=Ledger(ledger))
    log(
        instance=chain,
        action=VERIFICATION_FAILED_ACTION,
        user=user,
        data={"ledger": Ledger(ledger).value, "detail": str(detail), "via": via},
    )


def _check_mac(data):
    mac = data.get("mac")
    if mac is None or ledger_key() is None:
        return
    expected = witness_mac(data.get("ledger"), data.get("chain_length", 0), data.get("head_hash", ""))
    if mac != expected:
        raise ForgedWitness


def _from_data(data, recorded_at, source):
    return Witness(
        ledger=data.get("ledger"),
        length=int(data.get("chain_length") or 0),
        head_hash=str(data.get("head_hash") or ""),
        recorded_at=recorded_at,
        source=source,
        keyed_from=data.get("keyed_from"),
    )


def witnesses(ledger):
    """Every readable witness of ``ledger``: ``(witnesses, problems)``.

    ``problems`` are readable lines about witnesses that cannot be trusted (a MAC that
    does not match, a witness file that cannot be read).
    """
    ledger = Ledger(ledger)
    found, problems = [], []
    content_type = ContentType.objects.get_for_model(LedgerChain)
    entries = ModelLogEntry.objects.filter(content_type=content_type, action__in=WITNESS_ACTIONS).order_by("pk")
    for entry in entries.iterator():
        data = entry.data or {}
        if data.get("ledger") != ledger.value or "head_hash" not in data:
            continue
        witness = _from_data(data, entry.timestamp, "audit log")
        try:
            _check_mac(data)
        except ForgedWitness:
            problems.append(
                _("the witness recorded in the audit log on %(when)s has a MAC that does not match its figures")
                % {"when": _when(entry.timestamp)}
            )
            continue
        found.append(witness)
    path = govinfo_settings.LEDGER_WITNESS_FILE
    if path:
        try:
            with open(path, encoding="utf-8") as handle:
                lines = handle.readlines()
        except FileNotFoundError:
            lines = []
        except OSError as error:
            problems.append(_("the witness file %(path)s cannot be read: %(error)s") % {"path": path, "error": error})
            lines = []
        for number, line in enumerate(lines, start=1):
            try:
                data = json.loads(line)
                if data.get("ledger") != ledger.value:
                    continue
                recorded_at = datetime.datetime.fromisoformat(data["recorded_at"]) if data.get("recorded_at") else None
                _check_mac(data)
            except ForgedWitness:
                problems.append(
                    _("line %(line)s of the witness file has a MAC that does not match its figures")
                    % {"line": number}
                )
                continue
            except (ValueError, TypeError, KeyError):
                problems.append(_("line %(line)s of the witness file is not a witness") % {"line": number})
                continue
            found.append(_from_data(data, recorded_at, "file"))
    return found, problems
