"""StreamField blocks for information bodies: text, images, tables, media, documents, data (第二条)."""

from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.contrib.table_block.blocks import TableBlock
from wagtail.documents.blocks import DocumentChooserBlock
from wagtail.embeds.blocks import EmbedBlock
from wagtail.images.blocks import ImageBlock


#: Key of the serializer context holding documents loaded in advance ({id: Document}).
DOCUMENTS_CONTEXT_KEY = "govinfo_documents"


def document_ids(raw_stream):
    """Ids of the documents a stream's raw data refers to (document and data-file blocks)."""
    ids = set()
    for item in raw_stream or []:
        if not isinstance(item, dict):
            continue
        value = item.get("value")
        if item.get("type") == "document" and isinstance(value, int):
            ids.add(value)
        elif item.get("type") == "data_file" and isinstance(value, dict) and isinstance(value.get("file"), int):
            ids.add(value["file"])
    return ids


def documents_by_id(ids, context=None):
    """The documents of ``ids``: from the context when loaded in advance, else one query."""
    known = (context or {}).get(DOCUMENTS_CONTEXT_KEY)
    if known is None:
        known = {}
    missing = set(ids) - set(known)
    if missing:
        from wagtail.documents import get_document_model

        known.update(get_document_model().objects.in_bulk(missing))
    return known


def document_api_representation(document, context=None):
    """A document as the API gives it: its address (the document's own serve view, which
    decides who may download it) and metadata, instead of a bare id."""
    if document is None:
        return None
    url = document.url
    request = (context or {}).get("request")
    if request is not None:
        from wagtail.api.v2.utils import get_full_url

        url = get_full_url(request, url)
    return {
        "id": document.pk,
        "title": document.title,
        "filename": document.filename,
        "file_extension": document.file_extension,
        "file_size": document.file_size,
        "download_url": url,
    }


def _full_url(url, context):
    request = (context or {}).get("request")
    if request is not None:
        from wagtail.api.v2.utils import get_full_url

        return get_full_url(request, url)
    return url


def image_api_representation(image, context=None):
    """An image as the API gives it: its metadata and the address of its file, which
    answers the public only while the live version of some page or snippet uses the image
    (``attachments/image_files.py``), instead of a bare id."""
    if image is None:
        return None
    return {
        "id": image.pk,
        "title": image.title,
        "width": image.width,
        "height": image.height,
        "url": _full_url(image.file.url, context),
    }


def _data_file_representation(raw, document, context):
    return {
        "title": raw.get("title", ""),
        "description": raw.get("description", ""),
        "update_frequency": raw.get("update_frequency", ""),
        "file": document_api_representation(document, context),
    }


class DocumentsInAPIMixin:
    """A StreamBlock whose document, data-file and image children are given in the API
    with their URL and metadata, the documents of a page loaded together (or in advance by
    the API view, for a whole listing)."""

    def get_api_representation(self, value, context=None):
        if value is None:
            return []
        raw = list(value.raw_data)
        documents = documents_by_id(document_ids(raw), context)
        result = []
        for index, item in enumerate(raw):
            kind, data = item.get("type"), item.get("value")
            if kind == "document" and kind in self.child_blocks:
                representation = document_api_representation(documents.get(data), context)
            elif kind == "data_file" and kind in self.child_blocks and isinstance(data, dict):
                representation = _data_file_representation(data, documents.get(data.get("file")), context)
            elif kind == "image" and isinstance(self.child_blocks.get(kind), ImageBlock):
                image = value[index].value
                representation = {
                    "image": image_api_representation(image, context),
                    "alt_text": getattr(image, "contextual_alt_text", "") if image is not None else "",
                    "decorative": bool(getattr(image, "decorative", False)),
                }
            else:
                child = value[index]
                representation = child.block.get_api_representation(child.value, context=context)
            result.append({"type": kind, "value": representation, "id": item.get("id")})
        return result


class DataFileBlock(blocks.StructBlock):
    """A published data set (开放数据) with its file (第十五条)."""

    title = blocks.CharBlock(label=_("title"))
    file = DocumentChooserBlock(label=_("file"))
    description = blocks.TextBlock(label=_("description"), required=False)
    update_frequency = blocks.CharBlock(label=_("update frequency"), required=False)

    class Meta:
        label = _("Data file")
        icon = "table"

    def get_api_representation(self, value, context=None):
        document = value.get("file")
        return {
            "title": value.get("title", ""),
            "description": value.get("description", ""),
            "update_frequency": value.get("update_frequency", ""),
            "file": document_api_representation(document, context),
        }


class BodyBlock(DocumentsInAPIMixin, blocks.StreamBlock):
    rich_text = blocks.RichTextBlock(label=_("Rich text"))
    image = ImageBlock(label=_("Image"))
    table = TableBlock(label=_("Table"))
    media = EmbedBlock(label=_("Audio or video"))
    document = DocumentChooserBlock(label=_("Document"))
    data_file = DataFileBlock()


class AttachmentBlock(DocumentsInAPIMixin, blocks.StreamBlock):
    document = DocumentChooserBlock(label=_("Document"))
