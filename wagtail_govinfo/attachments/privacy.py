"""Attachments are private until content that uses them is published (附件随正文发布).

Mechanism (see ``docs/integrators/attachments.md``): documents are served only through
Wagtail's document serve view (``WAGTAILDOCS_SERVE_METHOD = "serve_view"``, the web
server does not expose the documents folder of the media storage). The
``before_serve_document`` hook lets a document through when the live version of some
page or snippet uses it (a :class:`~wagtail_govinfo.models.LiveAttachmentUse` row,
written when the content is published and removed when it is unpublished or deleted),
or when the requesting user may choose or change it in the admin. Everyone else gets
a 404, which does not tell whether the file exists. Images follow the same rule in
``image_files.ImageFileView``, which answers ``MEDIA_URL`` (originals and renditions).
"""

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from django.http import Http404
from wagtail.models import Page

from ..conf import govinfo_settings
from ..models.attachments import LiveAttachmentUse
from .references import attachments_used_by


def privacy_enabled():
    return bool(govinfo_settings.ATTACHMENT_PRIVACY)


def _holder(obj):
    model = Page if isinstance(obj, Page) else type(obj)
    return ContentType.objects.get_for_model(model, for_concrete_model=False), str(obj.pk)


def _attachment_key(attachment):
    return ContentType.objects.get_for_model(type(attachment)), str(attachment.pk)


@transaction.atomic
def record_live_attachments(obj):
    """``obj`` was published: the attachments its live version uses become public."""
    used_by_type, used_by_id = _holder(obj)
    wanted = set()
    for used in attachments_used_by(obj):
        ct, aid = _attachment_key(used.instance)
        wanted.add((ct.pk, aid))
    existing = LiveAttachmentUse.objects.filter(used_by_type=used_by_type, used_by_id=used_by_id)
    have = {
        (ct_id, aid): pk
        for (ct_id, aid, pk) in existing.values_list("attachment_type_id", "attachment_id", "pk")
    }
    stale = [pk for key, pk in have.items() if key not in wanted]
    if stale:
        LiveAttachmentUse.objects.filter(pk__in=stale).delete()
    LiveAttachmentUse.objects.bulk_create(
        [
            LiveAttachmentUse(
                attachment_type_id=ct_id, attachment_id=aid, used_by_type=used_by_type, used_by_id=used_by_id
            )
            for ct_id, aid in wanted
            if (ct_id, aid) not in have
        ],
        ignore_conflicts=True,
    )


def forget_live_attachments(obj):
    """``obj`` is no longer live: its attachments stay public only if other live content uses them."""
    used_by_type, used_by_id = _holder(obj)
    LiveAttachmentUse.objects.filter(used_by_type=used_by_type, used_by_id=used_by_id).delete()


def forget_attachment(attachment):
    ct, aid = _attachment_key(attachment)
    LiveAttachmentUse.objects.filter(attachment_type=ct, attachment_id=aid).delete()


def is_public(attachment):
    """True when the live version of some page or snippet uses ``attachment`` (or privacy is off)."""
    if not privacy_enabled():
        return True
    ct, aid = _attachment_key(attachment)
    return LiveAttachmentUse.objects.filter(attachment_type=ct, attachment_id=aid).exists()


def user_may_see_private(user, document):
    """Staff who may choose or change the document (or image) in the admin also see it."""
    if not user.is_authenticated or not user.is_active:
        return False
    if user.is_superuser:
        return True
    from wagtail.permissions import policy_registry

    policy = policy_registry.get_by_type(type(document))
    return policy.user_has_any_permission_for_instance(user, ["choose", "change"], document)


def before_serve_document(document, request):
    """Wagtail hook: refuse a private document to whoever may not see it."""
    if is_public(document) or user_may_see_private(request.user, document):
        return None
    raise Http404


def rebuild_live_attachments(stdout=None):
    """``govinfo_setup`` step: record the attachments of every live page (idempotent).

    Needed once when the package is added to a site with published content, because
    attachments are private by default."""
    from django.utils.translation import gettext as _

    if not privacy_enabled():
        return
    count = 0
    for page in Page.objects.live().specific().iterator(chunk_size=200):
        record_live_attachments(page)
        count += 1
    if stdout:
        stdout.write(_("Attachments of %(count)d live pages are public.") % {"count": count})


def serve_method_is_private():
    return getattr(settings, "WAGTAILDOCS_SERVE_METHOD", None) != "direct"
