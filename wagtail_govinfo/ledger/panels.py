"""The dashboard alert of the daily ledger verification, for the operator and auditors."""

from django.contrib.contenttypes.models import ContentType
from wagtail.admin.ui.components import Component
from wagtail.models import ModelLogEntry

from wagtail_govinfo.roles import is_auditor, is_operator

from .models import Ledger, LedgerChain
from .witness import VERIFICATION_FAILED_ACTION, VERIFIED_ACTION


def latest_failures():
    """``[(ledger label, log entry)]`` of each ledger whose latest verification failed."""
    content_type = ContentType.objects.get_for_model(LedgerChain)
    entries = ModelLogEntry.objects.filter(
        content_type=content_type, action__in=[VERIFIED_ACTION, VERIFICATION_FAILED_ACTION]
    ).order_by("-timestamp", "-pk")
    latest = {}
    for entry in entries[:50]:
        ledger = (entry.data or {}).get("ledger")
        if ledger in Ledger.values and ledger not in latest:
            latest[ledger] = entry
        if len(latest) == len(Ledger.values):
            break
    return [
        (Ledger(ledger).label, entry)
        for ledger, entry in sorted(latest.items())
        if entry.action == VERIFICATION_FAILED_ACTION
    ]


class LedgerVerificationPanel(Component):
    name = "govinfo_ledger_verification"
    template_name = "wagtail_govinfo_ledger/panels/verification.html"
    order = 50

    def get_context_data(self, parent_context):
        return {"failures": latest_failures()}


def construct_panels(request, panels):
    user = request.user
    if is_operator(user) or is_auditor(user):
        panels.append(LedgerVerificationPanel())
