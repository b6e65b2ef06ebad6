"""Text extraction from attachments: what is read, and what is refused without an error."""

from unittest import mock

import pytest
from django.test import override_settings

from tests.attachments.files import (
    MARKING,
    docx_bytes,
    encrypted_pdf_bytes,
    pdf_bytes,
    xlsx_bytes,
    zip_bomb_docx,
)
from wagtail_govinfo.attachments import extraction
from wagtail_govinfo.screening import FindingKind, screen


def secrecy_markings(text):
    return [f for f in screen(text) if f.kind == FindingKind.SECRET_MARKING]


@pytest.fixture(autouse=True)
def no_cache(settings):
    settings.CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache",
                                   "LOCATION": "attachments-extraction"}}
    from django.core.cache import cache

    cache.clear()


@pytest.mark.django_db
def test_pdf_with_a_secrecy_marking_is_read_and_flagged():
    result = extraction.extract_text("通知.pdf", pdf_bytes(MARKING, "关于做好年度工作的通知"))
    assert result.readable, result
    assert "关于做好年度工作的通知" in result.text
    assert secrecy_markings(result.text)


@pytest.mark.django_db
def test_docx_marking_in_the_header_is_read_and_flagged():
    result = extraction.extract_text("通知.docx", docx_bytes("正文第一段", header=MARKING))
    assert result.readable, result
    assert secrecy_markings(result.text)
    assert "正文第一段" in result.text


@pytest.mark.django_db
def test_docx_table_cells_are_read():
    result = extraction.extract_text("名单.docx", docx_bytes("名单如下", table=[["姓名", "备注"], ["张三", MARKING]]))
    assert result.readable
    assert secrecy_markings(result.text)


@pytest.mark.django_db
def test_xlsx_cells_are_read():
    result = extraction.extract_text("数据.xlsx", xlsx_bytes([["项目", "说明"], ["经费", MARKING], [1, None]]))
    assert result.readable, result
    assert secrecy_markings(result.text)


@pytest.mark.django_db
def test_plain_text_in_gb18030_is_read():
    result = extraction.extract_text("说明.txt", f"{MARKING} 内部资料".encode("gb18030"))
    assert result.readable
    assert secrecy_markings(result.text)


@pytest.mark.django_db
def test_encrypted_pdf_is_unreadable_without_an_error():
    result = extraction.extract_text("加密.pdf", encrypted_pdf_bytes(MARKING))
    assert not result.readable
    assert result.problem == extraction.ENCRYPTED


@pytest.mark.django_db
def test_truncated_docx_is_unreadable_without_an_error():
    data = docx_bytes("正文", header=MARKING)
    result = extraction.extract_text("截断.docx", data[: len(data) // 2])
    assert not result.readable
    assert result.problem == extraction.CORRUPT


@pytest.mark.django_db
@pytest.mark.parametrize("name", ["坏.pdf", "坏.docx", "坏.xlsx"])
def test_garbage_is_corrupt(name):
    result = extraction.extract_text(name, b"this is not what the name says \x00\xff" * 50)
    assert result.problem == extraction.CORRUPT


@pytest.mark.django_db
def test_pdf_without_text_is_reported_as_scanned():
    result = extraction.extract_text("扫描件.pdf", pdf_bytes())
    assert result.problem == extraction.NO_TEXT


@pytest.mark.django_db
def test_unsupported_format():
    result = extraction.extract_text("旧格式.doc", b"\xd0\xcf\x11\xe0" + b"\0" * 100)
    assert result.problem == extraction.UNSUPPORTED


@pytest.mark.django_db
@override_settings(WAGTAIL_GOVINFO={"ATTACHMENT_MAX_BYTES": 1000})
def test_a_file_over_the_size_limit_is_not_read():
    result = extraction.extract_text("大.pdf", pdf_bytes(MARKING, pages=3))
    assert result.problem == extraction.TOO_LARGE


@pytest.mark.django_db
@override_settings(WAGTAIL_GOVINFO={"ATTACHMENT_MAX_BYTES": 100_000})
def test_a_decompression_bomb_is_not_unpacked():
    data = zip_bomb_docx(5_000_000)  # 5 MB of zeros packed into a few kB
    assert len(data) < 100_000
    result = extraction.extract_text("炸弹.docx", data)
    assert result.problem == extraction.TOO_LARGE


@pytest.mark.django_db
@override_settings(WAGTAIL_GOVINFO={"ATTACHMENT_MAX_PAGES": 2})
def test_pages_beyond_the_limit_are_reported():
    result = extraction.extract_text("长.pdf", pdf_bytes("第一页内容", pages=5))
    assert result.problem == extraction.TRUNCATED
    assert "第一页内容" in result.text


@pytest.mark.django_db
@override_settings(WAGTAIL_GOVINFO={"ATTACHMENT_TIMEOUT_SECONDS": 0.01})
def test_extraction_that_takes_too_long_is_stopped():
    result = extraction.extract_text("慢.pdf", pdf_bytes(MARKING))
    assert result.problem == extraction.TIMED_OUT


@pytest.mark.django_db
def test_results_are_cached_by_content():
    data = pdf_bytes(MARKING)
    first = extraction.extract_text("a.pdf", data)
    with mock.patch.object(extraction, "_run_worker", side_effect=AssertionError("not cached")):
        again = extraction.extract_text("b.pdf", data)
    assert again == first
    with mock.patch.object(extraction, "_run_worker", return_value=extraction.Extraction("x")) as run:
        extraction.extract_text("c.pdf", pdf_bytes("另一份文件"))
    assert run.called


@pytest.mark.django_db
def test_an_uploaded_document_is_extracted_in_the_background(django_capture_on_commit_callbacks):
    from tests.attachments.files import document

    data = pdf_bytes(MARKING)
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        doc = document("上传.pdf", data)
    assert callbacks  # queued after commit (django-q2 runs it inline in the tests)
    with mock.patch.object(extraction, "_run_worker", side_effect=AssertionError("not cached")):
        result = extraction.document_text(doc)
    assert result.readable and secrecy_markings(result.text)
