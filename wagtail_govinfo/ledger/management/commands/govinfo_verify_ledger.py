from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from wagtail_govinfo.ledger.models import Ledger
from wagtail_govinfo.ledger.verification import verify, verify_and_record


class Command(BaseCommand):
    help = (
        "Check that no ledger entry was changed, removed or reordered behind the "
        "application's back: walk each ledger's hash chain and compare it with the chain "
        "head and with every head recorded outside the ledger (exports, earlier "
        "verifications, the witness file). Exits non-zero naming the first disagreement; "
        "an intact ledger's head is recorded as a new witness."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "ledger", nargs="?", choices=[ledger.value for ledger in Ledger],
            help="Check only this ledger (default: both).",
        )
        parser.add_argument(
            "--no-record", action="store_true",
            help="Only check: record neither a witness nor a failure in the audit log.",
        )

    def handle(self, *args, ledger=None, no_record=False, **options):
        ledgers = [Ledger(ledger)] if ledger else list(Ledger)
        for name in ledgers:
            result = verify(name) if no_record else verify_and_record(name, via="command")
            if not result.ok:
                raise CommandError(result.describe())
            chain = result.chain
            count = chain.length if chain else 0
            head = chain.head_hash if chain else "-"
            self.stdout.write(
                _("%(ledger)s: %(count)s entries, chain intact, head %(head)s (%(witnesses)s witnesses agree)")
                % {"ledger": name.label, "count": count, "head": head, "witnesses": result.witness_count}
            )
        self.stdout.write(self.style.SUCCESS(_("govinfo_verify_ledger: every ledger is intact.")))
