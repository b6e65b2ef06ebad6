"""screen_html and visible_text: rich text screened as readers see it."""

import pytest
from django.utils import translation

from wagtail_govinfo.screening import Dictionary, DictionaryEntry, Finding, screen_html, visible_text

EMPTY = Dictionary.build([])
WORDS = Dictionary.build([DictionaryEntry("法轮功", severity="blocking"), DictionaryEntry("兼职")])


def test_visible_text_decodes_references_and_keeps_blocks_apart():
    html = ("<h2>通知</h2><p>电话&nbsp;138&#x20;0013&#32;8000&amp;</p><p>第二段<br>下一行</p>"
            "<script>var x = '13800138000';</script><style>p{}</style>")
    assert visible_text(html) == "通知\n电话\xa0138 0013 8000&\n第二段\n下一行"


def test_offsets_index_the_visible_text_and_locations_name_the_place():
    html = (
        "<p>咨询请拨打<a href=\"tel:13900139000\" title=\"服务热线\">这里</a></p>"
        "<table><tr><th>项目</th><th>2017</th><th>2018</th><th>2019</th><th>2020</th></tr>"
        "<tr><td>张三</td><td>联系</td><td>13800138000</td></tr></table>"
        "<p><img src=\"a.png\" alt=\"身份证11010519491231002X\"></p>"
    )
    text = visible_text(html)
    with translation.override("zh-hans"):
        findings = screen_html(html, dictionary=EMPTY)
    assert [(f.kind, f.text, f.location) for f in findings] == [
        ("mobile", "13900139000", "第 1 段 · 链接地址"),
        ("mobile", "13800138000", "表格 第 2 行第 3 列"),
        ("id_number", "11010519491231002X", "第 2 段 · 图片替代文字"),
    ]
    for f in findings:
        assert text[f.start : f.end] == f.text
        assert f.blocking and f.overridable


def test_a_mobile_before_a_paragraph_starting_with_a_date():
    (finding,) = screen_html("<p>联系人电话13800138000</p><p>2024年5月6日</p>", dictionary=EMPTY)
    assert finding.kind == "mobile" and finding.text == "13800138000"


def test_table_cells_and_paragraphs_are_boundaries_for_words_but_markup_is_not():
    assert screen_html("<table><tr><td>法</td><td>轮功</td></tr></table>", dictionary=WORDS) == []
    assert screen_html("<p>兼</p><p>职</p>", dictionary=WORDS) == []
    (finding,) = screen_html("<p>宣扬法<b>轮</b><span>功</span></p>", dictionary=WORDS)
    assert finding.word == "法轮功" and finding.text == "法轮功"


def test_markings_as_readers_see_them():
    findings = screen_html("<p>内部资料</p><p>关于某项工作的通知</p>", dictionary=EMPTY)
    assert [(f.kind, f.text, f.overridable) for f in findings] == [("secret_marking", "内部资料", False)]
    row = screen_html("<table><tr><td>密级</td><td>机密</td></tr></table>", dictionary=EMPTY)
    assert [(f.kind, f.text) for f in row] == [("secret_marking", "机密")]


@pytest.mark.parametrize(
    "html",
    [
        "<table><tr><th>密级</th><th>保密期限</th></tr><tr><td>绝密</td><td>30年</td></tr></table>",
        "<p>密级：非涉密</p>", "<p>密级：无密级</p>", "<p>保密期限：无</p>",
        "<p>保密期限中的数字用阿拉伯数字标注，如“秘密★1年”。</p>",
        "<p>工作人员不得泄露工作秘密，不得扩散内部资料。</p>",
    ],
)
def test_wording_about_secrecy_is_not_a_marking(html):
    assert screen_html(html, dictionary=EMPTY) == []


def test_finding_round_trips_with_its_location():
    (finding,) = screen_html("<table><tr><td>13800138000</td></tr></table>", dictionary=EMPTY)
    assert finding.location
    assert Finding.from_dict(finding.as_dict()) == finding
    old = finding.as_dict()
    del old["location"]
    assert Finding.from_dict(old).location == ""


def test_empty_and_broken_html():
    assert visible_text("") == "" and screen_html("", dictionary=EMPTY) == []
    assert visible_text("<p>未闭合<td>单元格") == "未闭合\n单元格"
