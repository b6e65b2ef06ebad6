"""Home panels of the ledgers: emergency publications (紧急发布) still waiting for their
retrospective review and sign-off (补审、补签) — the operator sees all, department members
their own — and the alert of the daily ledger verification for the operator and auditors."""

from django.contrib.contenttypes.models import ContentType
from django.db.models import Exists, OuterRef
from wagtail.admin.ui.components import Component
from wagtail.models import ModelLogEntry

from wagtail_govinfo.models import Department
from wagtail_govinfo.roles import is_auditor, is_operator

from .models import Ledger, LedgerChain, PublicationKind, PublicationLedgerEntry, SubmissionLedgerEntry
from .witness import VERIFICATION_FAILED_ACTION, VERIFIED_ACTION

LIMIT = 20


def emergency_awaiting_sign_off(department_ids=None):
    """Current 紧急发布 entries whose revision has no submission entry (nobody signed it yet)."""
    corrected = PublicationLedgerEntry.objects.filter(corrects__isnull=False).values("corrects_id")
    signed = SubmissionLedgerEntry.objects.filter(
        page_key=OuterRef("page_key"), revision_key=OuterRef("revision_key")
    )
    entries = (
        PublicationLedgerEntry.objects.filter(kind=PublicationKind.EMERGENCY)
        .exclude(pk__in=corrected)
        .exclude(Exists(signed))
    )
    if department_ids is not None:
        entries = entries.filter(department_id__in=department_ids)
    return entries.order_by("published_at", "pk")


class EmergencyAwaitingSignOffPanel(Component):
    name = "govinfo_emergency_awaiting_sign_off"
    template_name = "wagtail_govinfo_ledger/panels/emergency.html"
    order = 104

    def __init__(self, user):
        self.user = user

    def entries(self):
        if is_operator(self.user):
            return emergency_awaiting_sign_off()
        return emergency_awaiting_sign_off(Department.objects.for_user(self.user).values("pk"))

    def get_context_data(self, parent_context):
        entries = self.entries()
        return {"entries": list(entries[:LIMIT]), "total": entries.count()}



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
    if is_operator(user) or Department.objects.for_user(user).exists():
        panels.append(EmergencyAwaitingSignOffPanel(user))
    if is_operator(user) or is_auditor(user):
        panels.append(LedgerVerificationPanel())
