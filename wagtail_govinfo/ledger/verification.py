"""Verifying a ledger: its hash chain, its head row and every witness of its head.

Used by ``govinfo_verify_ledger`` and by the daily verification job (``tasks.py``).
A successful verification records a new witness; a failed one is written to the audit
log (``wagtail_govinfo.ledger_verification_failed``), which the operator's and the
auditors' dashboard shows until a later verification succeeds.
"""

from dataclasses import dataclass, field

from django.utils.translation import gettext as _

from .chain import ChainBreak, verify_chain
from .models import LEDGER_MODELS, Ledger, LedgerChain
from .witness import record_failure, record_verification, witnesses


@dataclass
class Verification:
    ledger: Ledger
    chain: LedgerChain | None
    problem: ChainBreak | None
    witness_problems: list = field(default_factory=list)
    witness_count: int = 0

    @property
    def ok(self):
        return self.problem is None and not self.witness_problems

    def describe(self):
        """One readable line: where the first disagreement is and what it is."""
        if self.problem is not None:
            entry = self.problem.entry
            if entry is None:
                where = str(self.ledger.label)
            else:
                where = _("%(ledger)s entry %(reference)s (id %(id)s, “%(title)s”)") % {
                    "ledger": self.ledger.label,
                    "reference": entry.reference,
                    "id": entry.pk,
                    "title": entry.title,
                }
            return _("Ledger verification failed at %(where)s: %(problem)s.") % {
                "where": where,
                "problem": self.problem.detail,
            }
        if self.witness_problems:
            return _("Ledger verification failed for %(ledger)s: %(problem)s.") % {
                "ledger": self.ledger.label,
                "problem": "; ".join(str(p) for p in self.witness_problems),
            }
        return ""


def verify(ledger):
    ledger = Ledger(ledger)
    chain = LedgerChain.objects.filter(ledger=ledger).first()
    found, problems = witnesses(ledger)
    problem = verify_chain(LEDGER_MODELS[ledger], chain, witnesses=found, require_head=True)
    return Verification(ledger, chain, problem, problems, len(found))


def verify_and_record(ledger, user=None, via="schedule"):
    """Verify ``ledger``; record a witness when intact, the failure otherwise."""
    result = verify(ledger)
    if result.ok:
        record_verification(result.ledger, user=user, via=via)
    else:
        record_failure(result.ledger, result.describe(), user=user, via=via)
    return result
