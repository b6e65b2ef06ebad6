"""Home panel: emergency publications (紧急发布) still waiting for their retrospective
review and sign-off (补审、补签). The operator sees all; department members their own."""

from django.db.models import Exists, OuterRef
from wagtail.admin.ui.components import Component

from wagtail_govinfo.models import Department
from wagtail_govinfo.roles import is_operator

from .models import PublicationKind, PublicationLedgerEntry, SubmissionLedgerEntry

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


def construct_panels(request, panels):
    user = request.user
    if is_operator(user) or Department.objects.for_user(user).exists():
        panels.append(EmergencyAwaitingSignOffPanel(user))
