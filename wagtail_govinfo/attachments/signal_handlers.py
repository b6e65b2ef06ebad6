"""Attachments follow the publication state of the content that uses them."""

from django.db.models.signals import post_delete
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


def register_signal_handlers():
    page_published.connect(_page_published, dispatch_uid="govinfo_attachments_page_published")
    page_unpublished.connect(_page_unpublished, dispatch_uid="govinfo_attachments_page_unpublished")
    published.connect(_published, dispatch_uid="govinfo_attachments_published")
    unpublished.connect(_unpublished, dispatch_uid="govinfo_attachments_unpublished")
    post_delete.connect(_deleted, dispatch_uid="govinfo_attachments_deleted")
