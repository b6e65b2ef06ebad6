from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from wagtail_govinfo.ledger.chain import verify_chain
from wagtail_govinfo.ledger.models import LEDGER_MODELS, Ledger, LedgerChain


class Command(BaseCommand):
    help = (
        "Check that no ledger entry was changed, removed or reordered behind the "
        "application's back: walk each ledger's hash chain and compare it with the chain "
        "head. Exits non-zero naming the first bad entry."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "ledger", nargs="?", choices=[ledger.value for ledger in Ledger],
            help="Check only this ledger (default: both).",
        )

    def handle(self, *args, ledger=None, **options):
        ledgers = [Ledger(ledger)] if ledger else list(Ledger)
        for name in ledgers:
            model = LEDGER_MODELS[name]
            chain = LedgerChain.objects.filter(ledger=name).first()
            problem = verify_chain(model, chain)
            if problem is not None:
                entry = problem.entry
                if entry is None:
                    where = str(name.label)
                else:
                    where = _("%(ledger)s entry %(reference)s (id %(id)s, “%(title)s”)") % {
                        "ledger": name.label,
                        "reference": entry.reference,
                        "id": entry.pk,
                        "title": entry.title,
                    }
                raise CommandError(
                    _("Ledger verification failed at %(where)s: %(problem)s.")
                    % {"where": where, "problem": problem.detail}
                )
            count = chain.length if chain else 0
            head = chain.head_hash if chain else "-"
            self.stdout.write(
                _("%(ledger)s: %(count)s entries, chain intact, head %(head)s")
                % {"ledger": name.label, "count": count, "head": head}
            )
        self.stdout.write(self.style.SUCCESS(_("govinfo_verify_ledger: every ledger is intact.")))
