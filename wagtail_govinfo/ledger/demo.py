"""The ledger's part of ``govinfo_demo``.

The demo's pages are published by the core demo and signed off by the workflows demo,
and the ledger's listeners record that as it happens. This step only fills in what a
database loaded before the ledger app was installed lacks: a 发布 entry, marked as
recorded afterwards, for each live demo page without one. A second run changes nothing.
"""

from django.utils.translation import gettext as _

from wagtail_govinfo.models import AbstractGovInfoContentPage

from .models import PublicationKind, PublicationLedgerEntry, SubmissionLedgerEntry
from .recording import record_publication


def demo_ledgers(stdout=None, demo=None):
    added = 0
    for page in demo.pages.values():
        page = page.specific
        page.refresh_from_db()
        if not isinstance(page, AbstractGovInfoContentPage) or not page.live:
            continue
        if PublicationLedgerEntry.objects.filter(page_key=page.pk).exists():
            continue
        record_publication(
            page,
            kind=PublicationKind.PUBLISH,
            revision=page.live_revision,
            at=page.last_published_at,
            remarks=_("Recorded afterwards: published before the ledger was installed."),
        )
        added += 1
    if stdout:
        stdout.write(
            _("Ledgers: %(submissions)d submission and %(publications)d publication entries (%(added)d recorded afterwards).")
            % {
                "submissions": SubmissionLedgerEntry.objects.count(),
                "publications": PublicationLedgerEntry.objects.count(),
                "added": added,
            }
        )
