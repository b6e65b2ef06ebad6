"""Attachments follow the publication state of the content that uses them."""

from django.db import transaction
from django.db.models.signals import post_delete, post_save
from wagtail.models import DraftStateMixin, Page
from wagtail.signals import page_published, page_unpublished, published, unpublished

from . import privacy
from .references import attachment_kind


def _page_published(sender, instance, **kwargs):
    if privacy.privacy_enabled():
        privacy.record_live_attachments(instance)


def _page_unpublished(sender, instance, **kwargs):
    privacy.forget_live_attachments(instance)


def _published(sender, instance, **kwargs):
    # Pages are handled by page_published, which also covers "copy and publish".
    if not isinstance(instance, Page) and privacy.privacy_enabled():
        privacy.record_live_attachments(instance)


def _unpublished(sender, instance, **kwargs):
    if not isinstance(instance, Page):
        privacy.forget_live_attachments(instance)


def _deleted(sender, instance, **kwargs):
    if isinstance(instance, (Page, DraftStateMixin)):
        privacy.forget_live_attachments(instance)
    elif attachment_kind(type(instance)):
        privacy.forget_attachment(instance)


def _document_saved(sender, instance, **kwargs):
    # Warm the extraction cache after upload, so the review does not wait for it.
    from django_q.tasks import async_task

    document_id = instance.pk
    transaction.on_commit(
        lambda: async_task(
            "wagtail_govinfo.attachments.tasks.extract_document_text",
            document_id,
            task_name=f"govinfo-extract-document-{document_id}",
        )
    )


def _deletion_senders():
    # Named senders, not every model: a receiver without a sender would turn off
    # Django's fast deletes project-wide.
    from django.apps import apps
    from wagtail.documents import get_document_model
    from wagtail.images import get_image_model

    senders = {Page, get_document_model(), get_image_model()}
    senders.update(
        model for model in apps.get_models()
        if issubclass(model, DraftStateMixin) and not issubclass(model, Page)
    )
    return senders


def register_signal_handlers():
    page_published.connect(_page_published, dispatch_uid="govinfo_attachments_page_published")
    page_unpublished.connect(_page_unpublished, dispatch_uid="govinfo_attachments_page_unpublished")
    published.connect(_published, dispatch_uid="govinfo_attachments_published")
    unpublished.connect(_unpublished, dispatch_uid="govinfo_attachments_unpublished")
    from wagtail.documents import get_document_model

    post_save.connect(_document_saved, sender=get_document_model(), dispatch_uid="govinfo_attachments_extract")
    for sender in _deletion_senders():
        post_delete.connect(
            _deleted, sender=sender, dispatch_uid=f"govinfo_attachments_deleted_{sender._meta.label_lower}"
        )
