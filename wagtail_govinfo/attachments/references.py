"""Which documents and images an object (a page, a snippet, a revision's content) uses.

Found in the object's own values, not in Wagtail's reference index, because the review
screens a revision that is not saved to the page's row yet: foreign keys to a document
or image model, chooser blocks at any depth of a StreamField (the package's data-file
and attachment blocks included), and ``<a linktype="document">`` / ``<embed
embedtype="image">`` in rich text, also in the object's inline child objects. Any model
based on Wagtail's ``AbstractDocument`` or ``AbstractImage`` counts, so a site's own
document or image model is found too.
"""

from dataclasses import dataclass, field

from django.db import models
from modelcluster.models import get_all_child_relations
from wagtail import blocks
from wagtail.documents.models import AbstractDocument
from wagtail.fields import RichTextField, StreamField
from wagtail.images.blocks import ImageBlock
from wagtail.images.models import AbstractImage
from wagtail.rich_text import RichText, extract_references_from_rich_text
from wagtail.rich_text.rewriters import EmbedRewriter

DOCUMENT = "document"
IMAGE = "image"


def attachment_kind(model):
    if isinstance(model, type):
        if issubclass(model, AbstractDocument):
            return DOCUMENT
        if issubclass(model, AbstractImage):
            return IMAGE
    return None


@dataclass
class UsedAttachment:
    """A document or image used by an object, with the alt texts it is given there."""

    kind: str
    instance: models.Model
    alt_texts: list = field(default_factory=list)

    @property
    def key(self):
        return f"{self.kind}:{self.instance.pk}"


class _Found:
    def __init__(self):
        self.ids = {}  # (model, pk) -> list of alt texts, in order of first use

    def add(self, model, pk, alt=None):
        if attachment_kind(model) is None or pk in (None, ""):
            return
        try:
            pk = model._meta.pk.to_python(pk)
        except Exception:
            return
        alts = self.ids.setdefault((model, pk), [])
        if alt and alt not in alts:
            alts.append(alt)


def _rich_text_alts(html, found):
    from wagtail.images import get_image_model

    for match in EmbedRewriter().extract_tags(html or "").get("image", []):
        found.add(get_image_model(), match.attrs.get("id"), match.attrs.get("alt"))


def _walk_block(block, value, found):
    """Alt texts of ImageBlocks and rich-text images, at any depth."""
    if value is None:
        return
    if isinstance(block, ImageBlock):
        if getattr(value, "pk", None) and not getattr(value, "decorative", False):
            found.add(type(value), value.pk, getattr(value, "contextual_alt_text", ""))
    elif isinstance(block, blocks.StreamBlock):
        for child in value:
            _walk_block(child.block, child.value, found)
    elif isinstance(block, blocks.ListBlock):
        for child in getattr(value, "bound_blocks", []):
            _walk_block(child.block, child.value, found)
    elif isinstance(block, blocks.StructBlock):
        for name, child_block in block.child_blocks.items():
            _walk_block(child_block, value.get(name), found)
    elif isinstance(value, RichText):
        _rich_text_alts(value.source, found)


def _collect(obj, found, depth=0):
    for model_field in obj._meta.concrete_fields:
        if isinstance(model_field, models.ForeignKey) and attachment_kind(model_field.related_model):
            found.add(model_field.related_model, getattr(obj, model_field.attname))
        elif isinstance(model_field, StreamField):
            value = getattr(obj, model_field.name)
            for model, pk, _path, _content_path in model_field.extract_references(value):
                found.add(model, pk)
            _walk_block(model_field.stream_block, value, found)
        elif isinstance(model_field, RichTextField):
            html = getattr(obj, model_field.name) or ""
            for model, pk, _path, _content_path in extract_references_from_rich_text(html):
                found.add(model, pk)
            _rich_text_alts(html, found)
    if depth < 2 and hasattr(obj, "_meta"):
        for relation in get_all_child_relations(obj):
            for child in getattr(obj, relation.get_accessor_name()).all():
                _collect(child, found, depth + 1)


def attachments_used_by(obj):
    """The documents and images ``obj`` uses, in order, each once (missing ones skipped)."""
    found = _Found()
    if not hasattr(obj, "_meta"):
        return []
    _collect(obj, found)
    by_model = {}
    for model, pk in found.ids:
        by_model.setdefault(model, []).append(pk)
    instances = {}
    for model, pks in by_model.items():
        for instance in model._default_manager.filter(pk__in=pks):
            instances[(model, instance.pk)] = instance
    return [
        UsedAttachment(attachment_kind(model), instances[(model, pk)], alts)
        for (model, pk), alts in found.ids.items()
        if (model, pk) in instances
    ]
