"""The one rule for text written into a spreadsheet cell."""

import pytest

from wagtail_govinfo.cell_text import cell_text, printable_text, read_cell_text


@pytest.mark.parametrize(
    "raw, written",
    [
        ("=HYPERLINK(\"http://x.example\",\"点我\")", "'=HYPERLINK(\"http://x.example\",\"点我\")"),
        ("+cmd|' /C calc'!A0", "'+cmd|' /C calc'!A0"),
        ("-1+1", "'-1+1"),
        ("@SUM(1+1)", "'@SUM(1+1)"),
        ("\t=1+1", "'\t=1+1"),
        ("缴费\u0001时间", "缴费时间"),
        ("\u0001=1+1", "'=1+1"),
        ("第一行\r\n第二行\r第三行", "第一行\n第二行\n第三行"),
        ("含\ufffe非字符\ud800", "含非字符"),
        ("普通文字 a=b", "普通文字 a=b"),
        (None, ""),
        (12, "12"),
    ],
)
def test_cell_text(raw, written):
    assert cell_text(raw) == written


def test_a_written_cell_reads_back_as_the_original():
    for text in ("=1+1", "+cmd", "@SUM(A1)", "-x", "'plain", "普通"):
        assert read_cell_text(cell_text(text)) == text


def test_printable_text_keeps_tabs_and_line_breaks():
    assert printable_text("a\tb\nc\x0b") == "a\tb\nc"
