"""Personal data, precisely: identifiers of units, cases and payments never block; real
ID numbers, mobiles and bank cards are caught in every separator and layout."""

import random

import pytest

from wagtail_govinfo.screening import Dictionary, is_valid_id_number, screen, screen_html
from wagtail_govinfo.screening.personal import is_valid_uscc

from .identifiers import card, grouped, mobile, shaped_number, uscc, valid_id

EMPTY = Dictionary.build([])


def blocking(text):
    return [(f.kind, f.text) for f in screen(text, dictionary=EMPTY) if f.blocking]


def blocking_html(html):
    return [(f.kind, f.text) for f in screen_html(html, dictionary=EMPTY) if f.blocking]


def test_real_unified_social_credit_codes_validate():
    assert is_valid_uscc("91350100M000100Y43") and is_valid_uscc("91110000600037341L")
    assert not is_valid_uscc("91350100M000100Y44")


@pytest.mark.parametrize("digits_only", [False, True])
def test_generated_unified_social_credit_codes_never_block(digits_only):
    rng = random.Random(32100 + digits_only)
    for _ in range(100):
        code = uscc(rng, digits_only=digits_only)
        assert is_valid_uscc(code)
        for text in (f"统一社会信用代码：{code}", f"某某有限公司（{code}）已完成登记。", code):
            assert blocking(text) == [], text
        assert blocking_html(f"<table><tr><td>代码</td><td>{code}</td></tr></table>") == []


@pytest.mark.parametrize(
    "label",
    ["索引号：", "受理编号：", "办件编号", "电子税票号码：", "非税收入一般缴款书编码：", "发票号码：",
     "发票代码 ", "合同编号："],
)
def test_labelled_identifiers_never_block(label):
    rng = random.Random(label)
    for _ in range(100):
        number = shaped_number(rng)
        assert blocking(f"根据申请，{label}{number}，已于2024年5月办结。") == [], number
        table = (f"<table><tr><th>事项</th><th>{label.strip('： ')}</th></tr>"
                 f"<tr><td>依申请公开</td><td>{number}</td></tr></table>")
        assert blocking_html(table) == [], number


def test_index_numbers_with_a_credit_code_and_a_year():
    rng = random.Random(1)
    for _ in range(50):
        code = uscc(rng)
        assert blocking(f"索引号：{code}/2024-{rng.randint(1, 99999):05d}") == []


def test_a_unit_bank_account_does_not_block_but_a_person_s_does():
    rng = random.Random(7)
    for _ in range(100):
        number = card(rng, rng.choice([16, 19]))
        unit = f"户名：某某市财政局\n开户行：中国工商银行某某支行\n账号：{number}"
        assert blocking(unit) == []
        paragraphs = f"<p>户名：某某区人民政府办公室</p><p>开户银行：农业银行</p><p>账号：{number}</p>"
        assert blocking_html(paragraphs) == []
        table = ("<table><tr><td>户名</td><td>某某市公共资源交易中心</td></tr><tr><td>开户行</td>"
                 f"<td>建设银行</td></tr><tr><td>账号</td><td>{number}</td></tr></table>")
        assert blocking_html(table) == []
    person = f"户名：张三\n开户行：中国工商银行某某支行\n账号：{card(rng)}"
    assert [k for k, _ in blocking(person)] == ["bank_card"]


@pytest.mark.parametrize("unit", ["元", "万元", " 元", "亿元"])
def test_amounts_are_not_mobiles(unit):
    assert blocking("投资总额14042000000元") == []
    assert blocking("合同价款13800138000.50元，资金13800138000.5万元") == []
    rng = random.Random(unit)
    for _ in range(100):
        assert blocking(f"项目投资总额{mobile(rng)}{unit}，其中财政资金三成。") == []


def test_year_sequences_are_not_cards():
    for first in range(2000, 2024):
        years = " ".join(str(y) for y in range(first, first + 4))
        assert blocking(f"项目  {years}\n金额  1 2 3 4") == []
        assert blocking(years) == []
        header = "".join(f"<th>{y}</th>" for y in years.split())
        assert blocking_html(f"<table><tr><th>项目</th>{header}</tr><tr><td>投资</td><td>1</td></tr></table>") == []


SEPARATED = [
    ("id_number", (6, 8, 4), " "), ("id_number", (6, 8, 4), "-"), ("id_number", (6, 8, 4), "."),
    ("id_number", (6, 8, 4), "—"), ("id_number", (6, 8, 4), "  "), ("id_number", (4, 4, 4, 4, 2), " "),
    ("id_number", (18,), ""),
    ("mobile", (3, 4, 4), " "), ("mobile", (3, 4, 4), "-"), ("mobile", (3, 4, 4), "."),
    ("mobile", (3, 4, 4), "—"), ("mobile", (3, 4, 4), "  "), ("mobile", (4, 3, 4), " "),
    ("mobile", (11,), ""),
    ("bank_card", (4, 4, 4, 4), " "), ("bank_card", (4, 4, 4, 4), "-"), ("bank_card", (4, 4, 4, 4), "."),
    ("bank_card", (4, 4, 4, 4), "—"), ("bank_card", (4, 4, 4, 4), "  "), ("bank_card", (6, 13), " "),
    ("bank_card", (16,), ""), ("bank_card", (19,), ""),
]


def _number(kind, sizes, rng):
    if kind == "id_number":
        return valid_id(rng)
    if kind == "mobile":
        return mobile(rng)
    return card(rng, sum(sizes))


@pytest.mark.parametrize("kind,sizes,sep", SEPARATED)
def test_personal_numbers_in_every_separator_text_and_html(kind, sizes, sep):
    rng = random.Random(f"{kind}{sizes}{sep}")
    for _ in range(20):
        number = _number(kind, sizes, rng)
        if kind == "id_number":
            assert is_valid_id_number(number)
        written = grouped(number, sizes, sep)
        for text in (f"申请人张三，号码{written}，地址某某路1号。", f"请联系{written}\n2024年5月6日"):
            assert (kind, written) in blocking(text), text
        for html in (
            f"<p>请联系{written}</p><p>2024年5月6日起施行</p>",
            "<table><tr><th>姓名</th><th>号码</th><th>2023</th><th>2024</th></tr>"
            f"<tr><td>张三</td><td>{written}</td><td>1</td><td>2</td></tr></table>",
            f'<p><a href="tel:{written}">拨打</a><img alt="号码{written}" src="a.png"></p>',
        ):
            # HTML collapses runs of blanks, as browsers show them.
            assert (kind, " ".join(written.split(" ")).replace("  ", " ")) in blocking_html(html), html


def test_mobile_with_country_code():
    assert blocking("电话：+86 138 0013 8000") == [("mobile", "+86 138 0013 8000")]


def test_a_code_glued_to_letters_holds_no_number():
    assert blocking("编码A13800138000B，代码91350100M000100Y43") == []
