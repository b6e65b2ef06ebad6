"""StreamField blocks for information bodies: text, images, tables, media, documents, data (第二条)."""

from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.contrib.table_block.blocks import TableBlock
from wagtail.documents.blocks import DocumentChooserBlock
from wagtail.embeds.blocks import EmbedBlock
from wagtail.images.blocks import ImageBlock


class DataFileBlock(blocks.StructBlock):
    """A published data set (开放数据) with its file (第十五条)."""

    title = blocks.CharBlock(label=_("title"))
    file = DocumentChooserBlock(label=_("file"))
    description = blocks.TextBlock(label=_("description"), required=False)
    update_frequency = blocks.CharBlock(label=_("update frequency"), required=False)

    class Meta:
        label = _("Data file")
        icon = "table"


class BodyBlock(blocks.StreamBlock):
    rich_text = blocks.RichTextBlock(label=_("Rich text"))
    image = ImageBlock(label=_("Image"))
    table = TableBlock(label=_("Table"))
    media = EmbedBlock(label=_("Audio or video"))
    document = DocumentChooserBlock(label=_("Document"))
    data_file = DataFileBlock()


class AttachmentBlock(blocks.StreamBlock):
    document = DocumentChooserBlock(label=_("Document"))
