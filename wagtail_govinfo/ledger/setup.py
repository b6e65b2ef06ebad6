"""The ledger's part of ``govinfo_setup``: who may read the ledgers. Idempotent."""

from django.contrib.auth.models import Permission
from django.contrib.contenttypes.models import ContentType

from wagtail_govinfo.roles import auditor_group, operator_group

from .models import LedgerChain, PublicationLedgerEntry, SubmissionLedgerEntry
from django.utils.translation import gettext as _

#: Read by auditors and the operator. ``LedgerChain`` is the object every export is logged
#: on, so its "view" permission also shows them the exports in Wagtail's site history.
READABLE_MODELS = (SubmissionLedgerEntry, PublicationLedgerEntry, LedgerChain)


def view_permissions():
    permissions = []
    for model in READABLE_MODELS:
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
        stdout.write(_("Ledgers: auditors and the platform operator may read and export them."))
