"""The ``govinfo_screening_sources`` hook: one source per attachment a page uses."""

import datetime

import pytest
from django.utils import translation
from wagtail import hooks
from wagtail.rich_text import RichText

from tests import factories as f
from tests.attachments.files import (
    MARKING,
    docx_bytes,
    document,
    encrypted_pdf_bytes,
    image,
    pdf_bytes,
)
from wagtail_govinfo.blocks import BodyBlock
from wagtail_govinfo.models import InfoPage, PolicyDocumentPage
from wagtail_govinfo.screening import FindingKind, screen
from wagtail_govinfo.screening.sources import SCREENING_SOURCES_HOOK, ScreeningSource

pytestmark = pytest.mark.django_db


def sources_of(obj):
    found = []
    for fn in hooks.get_hooks(SCREENING_SOURCES_HOOK):
        found.extend(fn(obj))
    return {s.key: s for s in found}


def marked(source):
    return any(f.kind == FindingKind.SECRET_MARKING for f in screen(source.text))


def draft_info_page(body):
    column = f.column(departments=[f.department()])
    page = InfoPage(
        title="带附件的信息", slug="with-attachments", source_author="作者",
        written_on=datetime.date(2026, 11, 1), body=body, live=False,
    )
    column.add_child(instance=page)
    page.save_revision()
    return page


def test_every_kind_of_attachment_in_the_body_is_a_source():
    pdf = document("通知.pdf", pdf_bytes(MARKING, "通知正文"))
    docx = document("数据说明.docx", docx_bytes("数据说明", header=MARKING))
    linked = document("链接.txt", "普通说明".encode())
    embedded = image("会议照片")
    pictured = image("现场图")
    image_value = BodyBlock().child_blocks["image"].to_python(
        {"image": pictured.pk, "alt_text": f"{MARKING} 文件首页照片", "decorative": False}
    )
    rich = RichText(
        f'<p>见<a linktype="document" id="{linked.pk}">附件</a></p>'
        f'<embed embedtype="image" id="{embedded.pk}" format="fullwidth" alt="会场全景"/>'
    )
    page = draft_info_page([
        ("document", pdf),
        ("data_file", {"title": "数据集", "file": docx, "description": "", "update_frequency": ""}),
        ("rich_text", rich),
        ("image", image_value),
    ])

    # What the review screens is the revision, not the page row.
    sources = sources_of(page.get_latest_revision_as_object())

    assert set(sources) >= {
        f"document:{pdf.pk}", f"document:{docx.pk}", f"document:{linked.pk}",
        f"image:{embedded.pk}", f"image:{pictured.pk}",
    }
    assert all(isinstance(s, ScreeningSource) for s in sources.values())
    assert marked(sources[f"document:{pdf.pk}"]) and sources[f"document:{pdf.pk}"].readable
    assert marked(sources[f"document:{docx.pk}"])
    assert not marked(sources[f"document:{linked.pk}"])
    assert marked(sources[f"image:{pictured.pk}"])  # the alt text
    assert "会场全景" in sources[f"image:{embedded.pk}"].text
    with translation.override("zh-hans"):
        assert sources_of(page.get_latest_revision_as_object())[f"document:{pdf.pk}"].label == "附件《通知.pdf》"


def test_unreadable_attachments_say_why_in_chinese():
    locked = document("加密.pdf", encrypted_pdf_bytes(MARKING))
    good = docx_bytes("正文", header=MARKING)
    broken = document("截断.docx", good[: len(good) // 2])
    column = f.column(kind="policy", departments=[f.department()])
    page = PolicyDocumentPage(
        title="规范性文件", slug="policy-doc", issuing_authority="市政府",
        published_on=datetime.date(2026, 11, 1), document_number="四政发〔2026〕1号",
        attachments=[("document", locked), ("document", broken)], live=False,
    )
    column.add_child(instance=page)
    page.save_revision()

    with translation.override("zh-hans"):
        sources = sources_of(page.get_latest_revision_as_object())
    for doc, word in ((locked, "加密"), (broken, "损坏")):
        source = sources[f"document:{doc.pk}"]
        assert source.readable is False
        assert word in source.problem


def test_a_page_without_attachments_has_no_attachment_sources():
    page = draft_info_page([("rich_text", RichText("<p>只有文字</p>"))])
    assert not [k for k in sources_of(page) if k.startswith(("document:", "image:"))]
