"""Dictionary words on real text: whole numbers, ordinary brackets and spacing, the allow-list."""

import pytest

from wagtail_govinfo.screening import Dictionary, DictionaryEntry, screen, screen_html

WORDS = Dictionary.build(
    [DictionaryEntry(w) for w in ("20年", "二百五", "一党", "兼职", "条船", "共产", "法轮功", "1154871108", "qq")],
    allowed={"共产党", "兼职人员"},
)


def words(text):
    return [f.word for f in screen(text, dictionary=WORDS) if f.kind == "sensitive_word"]


@pytest.mark.parametrize(
    "text",
    [
        "2020年工作报告", "第二百五十条", "号码11548711080", "（一）党政机关", "专（兼）职人员",
        "专(兼)职", "第二十四条 船舶应当", "第二十四条　船舶", "共产党员", "兼职人员登记",
    ],
)
def test_ordinary_text_holds_no_word(text):
    assert words(text) == []


@pytest.mark.parametrize(
    "text,word",
    [
        ("处20年以下", "20年"), ("他是个二百五。", "二百五"), ("号码1154871108。", "1154871108"),
        ("一党专政", "一党"), ("招聘兼职", "兼职"), ("兼\u200b职", "兼职"), ("兼 职", "兼职"),
        ("兼*职", "兼职"), ("兼·职", "兼职"), ("法　轮　功", "法轮功"), ("法，轮，功", "法轮功"),
        ("ＱＱ群", "qq"), ("共产主义", "共产"),
    ],
)
def test_listed_words_and_their_evasions_are_caught(text, word):
    assert word in words(text)


def test_split_markup_is_an_evasion_but_cells_are_boundaries():
    html = "<p>招聘兼<span>职</span></p>"
    assert [f.word for f in screen_html(html, dictionary=WORDS)] == ["兼职"]
    assert screen_html("<table><tr><td>兼</td><td>职</td></tr></table>", dictionary=WORDS) == []
