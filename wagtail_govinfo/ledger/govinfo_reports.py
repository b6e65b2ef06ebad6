"""The ledger's figures for the quarterly publication report (通报, 第二十八条).

Loaded by the core's ``wagtail_govinfo/reporting.py`` (it imports ``govinfo_reports``
modules of the installed apps), so the core reads the ledgers without importing them.
Corrected entries count once, as their latest correction.
"""

import statistics

from django.db.models import Count
from wagtail import hooks

from .models import PublicationKind, PublicationLedgerEntry, SubmissionLedgerEntry


def _current(model):
    """Entries that no later entry corrects."""
    corrected = model.objects.filter(corrects__isnull=False).values("corrects_id")
    return model.objects.exclude(pk__in=corrected)


@hooks.register("govinfo_publication_stats")
def publication_stats(start, end):
    stats = {}

    def figures(department_id):
        return stats.setdefault(
            department_id,
            {
                "submitted": 0, "published": 0, "revoked": 0, "median_hours": None,
                "emergency": 0, "emergency_unsigned": 0,
            },
        )

    submissions = _current(SubmissionLedgerEntry).filter(submitted_at__gte=start, submitted_at__lt=end)
    for department_id, count in submissions.values_list("department_id").annotate(n=Count("pk")).order_by():
        figures(department_id)["submitted"] = count

    publications = _current(PublicationLedgerEntry).filter(published_at__gte=start, published_at__lt=end)
    for department_id, kind, count in (
        publications.filter(kind__in=[PublicationKind.PUBLISH, PublicationKind.REVOKE])
        .values_list("department_id", "kind")
        .annotate(n=Count("pk"))
        .order_by()
    ):
        key = "published" if kind == PublicationKind.PUBLISH else "revoked"
        figures(department_id)[key] = count

    # 紧急发布 of the period, and those still without their retrospective sign-off.
    from .panels import emergency_awaiting_sign_off

    emergency = publications.filter(kind=PublicationKind.EMERGENCY)
    for department_id, count in emergency.values_list("department_id").annotate(n=Count("pk")).order_by():
        figures(department_id)["emergency"] = count
    unsigned = emergency_awaiting_sign_off().filter(published_at__gte=start, published_at__lt=end)
    for department_id, count in unsigned.values_list("department_id").annotate(n=Count("pk")).order_by():
        figures(department_id)["emergency_unsigned"] = count

    # Submission → publication: each publication of the period against the sign-off of the
    # revision it put online (报送时间 → 发布时间).
    published = list(
        publications.filter(kind=PublicationKind.PUBLISH, revision_key__isnull=False).values_list(
            "department_id", "revision_key", "published_at"
        )
    )
    submitted_at = dict(
        _current(SubmissionLedgerEntry)
        .filter(revision_key__in={revision for _, revision, _ in published})
        .order_by("submitted_at")
        .values_list("revision_key", "submitted_at")
    )
    hours = {}
    for department_id, revision_key, at in published:
        signed = submitted_at.get(revision_key)
        if signed is not None and at >= signed:
            hours.setdefault(department_id, []).append((at - signed).total_seconds() / 3600)
    for department_id, values in hours.items():
        figures(department_id)["median_hours"] = statistics.median(values)
    return stats
