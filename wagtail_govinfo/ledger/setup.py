"""The ledger's part of ``govinfo_setup``: who may read the ledgers. Idempotent."""

from django.contrib.auth.models import Permission
from django.contrib.contenttypes.models import ContentType

from wagtail_govinfo.roles import auditor_group, operator_group

from .models import PublicationLedgerEntry, SubmissionLedgerEntry

LEDGER_MODELS = (SubmissionLedgerEntry, PublicationLedgerEntry)


def view_permissions():
    permissions = []
    for model in LEDGER_MODELS:
        content_type = ContentType.objects.get_for_model(model)
        permissions.append(
            Permission.objects.get(content_type=content_type, codename=f"view_{model._meta.model_name}")
        )
    return permissions


def setup_ledgers(stdout=None):
    """Auditors (审计) and the platform operator (市政数局) read every department's entries."""
    permissions = view_permissions()
    for group in (auditor_group(), operator_group()):
        group.permissions.add(*permissions)
    if stdout:
        stdout.write("Ledgers: auditors and the platform operator may read and export them.")
