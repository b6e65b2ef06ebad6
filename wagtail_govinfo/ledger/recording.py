"""Writing ledger entries from what happened to a page.

The signal handlers call these; so may a site's own code (e.g. to record a correction).
Each function takes what the package's signals carry and stores the text values too, so
an entry stays readable after the page, revision or user is gone.
"""


from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from wagtail.log_actions import get_active_log_context

from wagtail_govinfo.models import (
    AbstractColumnPage,
    AbstractTopicPage,
    InfoType,
    InterpretationForm,
)

from wagtail_govinfo.names import display_name

from .ledger_time import ledger_localdate
from .models import PublicationKind, PublicationLedgerEntry, SubmissionLedgerEntry

person_name = display_name  # the ledger's name for the core's display_name


def nearest_column(page):
    """The column (栏目) or topic (专题/专栏) that ``page`` sits in, or None."""
    for ancestor in reversed(list(page.get_ancestors().specific())):
        if isinstance(ancestor, (AbstractColumnPage, AbstractTopicPage)):
            return ancestor
    return None


def info_type_of(page):
    """信息类型 of a page: its own field, or what its form implies."""
    value = getattr(page, "info_type", None)
    if value in InfoType.values:
        return value
    form = getattr(page, "form", None)  # an interpretation
    if form == InterpretationForm.GRAPHIC:
        return InfoType.IMAGE
    if form in (InterpretationForm.AUDIO_VIDEO, InterpretationForm.PRESS_CONFERENCE):
        return InfoType.AUDIO_VIDEO
    return InfoType.TEXT


def source_author_of(page, department, submitter):
    """信息来源（作者）: the page's own field, else its issuing authority, else who submitted it."""
    for name in ("source_author", "issuing_authority"):
        value = (getattr(page, name, "") or "").strip()
        if value:
            return value
    if submitter is not None:
        return person_name(submitter)
    return department.name if department is not None else ""


def page_address(page):
    """The public address of ``page``: its site's root URL and its path under the site root.

    Headless sites have no Wagtail page URLs to reverse (their front end routes pages),
    so the address is built from the site rather than ``get_full_url()``.
    """
    full_url = page.get_full_url()
    if full_url:
        return full_url
    site = page.get_site()
    if site is None:  # outside any site: the tree path still identifies it
        return page.url_path
    root_path = site.root_page.url_path
    return site.root_url.rstrip("/") + "/" + page.url_path[len(root_path):]


def _department_fields(department):
    if department is None:
        return {"department": None, "department_name": "", "department_code": ""}
    return {"department": department, "department_name": department.name, "department_code": department.code}


def _column_fields(page):
    column = nearest_column(page)
    return {"column": column, "column_title": column.title if column is not None else ""}


def record_submission(
    *, page, revision, submitter, reviewer, leader, reviewed_at, signed_at,
    checklist=None, findings=None, comment="", department=None, review_comment="",
):
    """Write the 信息报送台账 entry of a page that passed both sign-offs.

    Signals can be re-sent (a retried task, a replayed queue): the same sign-off of the
    same revision is recorded once.
    """
    page = page.specific
    content = revision.as_object() if revision is not None else page
    department = department or getattr(content, "submitting_department", None)
    signed_at = signed_at or timezone.now()
    with transaction.atomic():
        existing = SubmissionLedgerEntry.objects.filter(
            page_key=page.pk,
            revision_key=revision.pk if revision is not None else None,
            submitted_at=signed_at,
        ).first()
        if existing is not None:
            return existing
        written_on = getattr(content, "written_on", None)
        if written_on is None and revision is not None:
            written_on = ledger_localdate(revision.created_at)
        return SubmissionLedgerEntry.objects.create(
            title=content.title,
            source_author=source_author_of(content, department, submitter),
            written_on=written_on,
            reviewer_name=person_name(reviewer),
            leader_name=person_name(leader),
            submitted_at=signed_at,
            info_type=info_type_of(content),
            remarks=(getattr(content, "remarks", "") or "").strip(),
            **_department_fields(department),
            **_column_fields(page),
            page=page,
            page_key=page.pk,
            revision=revision,
            revision_key=revision.pk if revision is not None else None,
            submitter=submitter,
            submitter_name=person_name(submitter),
            reviewer=reviewer,
            reviewed_at=reviewed_at,
            leader=leader,
            checklist=dict(checklist or {}),
            findings=list(findings or []),
            sign_off_comment=comment or "",
            review_comment=review_comment or "",
        )


def record_publication(page, *, kind, revision=None, user=None, at=None, remarks=""):
    """Write the 信息发布台账 entry of a publication, unpublication or revocation.

    The publisher is ``user``, else the user of the admin request that did it (Wagtail's
    log context). For a publication, the reviewer and leader come from the submission
    entry of the same revision: who signed what went online.
    """
    page = page.specific
    if user is None:
        user = get_active_log_context().user
    submission = None
    if kind == PublicationKind.PUBLISH and revision is not None:
        submission = (
            SubmissionLedgerEntry.objects.filter(page_key=page.pk, revision_key=revision.pk)
            .order_by("-pk")
            .first()
        )
    department = getattr(page, "submitting_department", None)
    return PublicationLedgerEntry.objects.create(
        title=page.title,
        column_title=_column_fields(page)["column_title"],
        department_name=department.name if department is not None else "",
        publisher_name=person_name(user),
        published_at=at or timezone.now(),
        reviewer_name=submission.reviewer_name if submission else "",
        leader_name=submission.leader_name if submission else "",
        page_url=page_address(page),
        kind=kind,
        remarks=remarks,
        info_type=info_type_of(page),
        department=department,
        department_code=department.code if department is not None else "",
        column=_column_fields(page)["column"],
        page=page,
        page_key=page.pk,
        revision=revision,
        revision_key=revision.pk if revision is not None else None,
        publisher=user,
        submission=submission,
    )


def record_revocation(page, *, days_without_update=None, user=None, at=None):
    """撤销 of a topic (第二十一条), once per revocation."""
    page = page.specific
    latest = PublicationLedgerEntry.objects.filter(page_key=page.pk).order_by("-pk").first()
    if latest is not None and latest.kind == PublicationKind.REVOKE:
        return latest
    if days_without_update is not None:
        remarks = _("Revoked after %(days)s days without update (Article 21).") % {
            "days": days_without_update
        }
    else:
        remarks = _("Revoked (Article 21).")
    return record_publication(page, kind=PublicationKind.REVOKE, user=user, at=at, remarks=remarks)


def emergency_remarks(reason):
    """备注 of a 紧急发布 entry: why, and that the signatures follow."""
    return _("Emergency publication before review and sign-off (signed afterwards). Reason: %(reason)s") % {
        "reason": reason.strip()
    }


def withdrawal_remarks(reason):
    return _("Withdrawn by the responsible department (Article 22). Reason: %(reason)s") % {
        "reason": reason.strip()
    }


#: Fields a correction may change; numbering, chain and references are the ledger's own.
_UNCORRECTABLE = {
    "id", "pk", "year", "number", "corrects", "recorded_at", "hash_version", "previous_hash",
    "entry_hash",
}


def record_correction(entry, *, reason, **changes):
    """Append an entry that corrects ``entry``: a copy with ``changes`` applied, pointing to it.

    ``reason`` goes to 备注 so a reader of the ledger sees why. The corrected entry stays
    as it was.
    """
    if not (reason or "").strip():
        raise ValueError(_("A correction needs a reason."))
    model = type(entry)
    bad = set(changes) & _UNCORRECTABLE
    unknown = {name for name in changes if name not in {f.name for f in model._meta.concrete_fields}}
    if bad or unknown:
        raise ValueError(
            _("These fields cannot be corrected: %(fields)s") % {"fields": ", ".join(sorted(bad | unknown))}
        )
    values = {
        field.attname: getattr(entry, field.attname)
        for field in model._meta.concrete_fields
        if field.name not in _UNCORRECTABLE
    }
    for name, value in changes.items():
        field = model._meta.get_field(name)
        if field.is_relation:
            values.pop(field.attname, None)
        values[name] = value
    correction_note = _("Corrects %(reference)s: %(reason)s") % {
        "reference": entry.reference,
        "reason": reason.strip(),
    }
    remarks = changes.get("remarks", entry.remarks)
    values["remarks"] = f"{correction_note}\n{remarks}".strip() if remarks else correction_note
    return model.objects.create(corrects=entry, **values)
