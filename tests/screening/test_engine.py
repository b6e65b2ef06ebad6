"""The screening engine without the database: rules, evasions, offsets, masking."""

import random

import pytest

from wagtail_govinfo.screening import (
    Dictionary,
    DictionaryEntry,
    Finding,
    FindingKind,
    is_valid_id_number,
    luhn_valid,
    mask,
    screen,
)
from wagtail_govinfo.screening.normalise import NormalisedText, _normalise_slowly

# GB 11643's own example (check character X) and numbers checked by hand.
ID_WITH_X = "11010519491231002X"
VALID_ID = "310115200101010013"
# The same first 17 digits as VALID_ID with every other check digit.
WRONG_CHECK_IDS = [VALID_ID[:17] + d for d in "0124567889X" if d != "3"]
# ID-shaped (province 44, born 1990-03-07), wrong check digit (right: X), passes Luhn.
ID_SHAPED_LUHN = "440304199003071231"
CARD_16 = "4111111111111111"
CARD_19 = "6222021234567890128"
CARD_18_NOT_ID = "622202123456789012"  # Luhn-valid; "62" is no province code

EMPTY = Dictionary.build([])


def kinds(text, dictionary=EMPTY):
    return [(f.kind, f.text) for f in screen(text, dictionary=dictionary)]


def assert_offsets(text, findings):
    for f in findings:
        assert text[f.start : f.end] == f.text, f


# --- 身份证号 -----------------------------------------------------------------


def test_reference_numbers_are_what_the_tests_say():
    assert is_valid_id_number(ID_WITH_X) and is_valid_id_number(VALID_ID)
    assert not any(is_valid_id_number(n) for n in WRONG_CHECK_IDS)
    assert luhn_valid(ID_SHAPED_LUHN) and not is_valid_id_number(ID_SHAPED_LUHN)
    assert luhn_valid(CARD_16) and luhn_valid(CARD_19) and luhn_valid(CARD_18_NOT_ID)


def test_valid_id_number_is_a_blocking_finding_with_offsets():
    text = f"申请人身份证号：{VALID_ID}，请核对。"
    (finding,) = screen(text, dictionary=EMPTY)
    assert finding.kind == "id_number" and finding.blocking
    assert (finding.start, finding.end) == (8, 26)
    assert text[finding.start : finding.end] == VALID_ID == finding.text


@pytest.mark.parametrize("number", [ID_WITH_X, ID_WITH_X.lower()])
def test_check_character_x(number):
    assert kinds(f"号码{number}。") == [("id_number", number)]


@pytest.mark.parametrize("number", WRONG_CHECK_IDS)
def test_invalid_check_digit_is_not_a_finding(number):
    assert kinds(f"号码{number}。") == []


def test_id_shaped_number_with_wrong_check_digit_is_not_a_bank_card_either():
    """It passes Luhn, but it is a mistyped ID number, not a card: no finding."""
    assert kinds(f"编号{ID_SHAPED_LUHN}") == []


@pytest.mark.parametrize(
    "text",
    [
        f"1{VALID_ID}",
        f"{VALID_ID}7",
        f"000{VALID_ID}000",
        f"{ID_WITH_X}1",
        f"{ID_WITH_X}abc",
    ],
)
def test_id_number_inside_a_longer_run_is_not_a_finding(text):
    assert [k for k, _ in kinds(text) if k == "id_number"] == []


@pytest.mark.parametrize(
    "first17",
    [
        "31011520011301001",  # month 13
        "31011520010230001",  # 30 February
        "31011518991231001",  # before 1900
        "31011520990101001",  # born in the future
        "99011520010101001",  # no such province
    ],
)
def test_implausible_id_structure_is_not_a_finding(first17):
    from wagtail_govinfo.screening.personal import id_check_character

    assert kinds(first17 + id_check_character(first17)) == []


def test_grouped_id_number():
    text = "身份证 110105 19491231 002X 已登记"
    assert kinds(text) == [("id_number", "110105 19491231 002X")]


def test_full_width_id_number_maps_to_the_original_characters():
    full_width = "".join(chr(ord(c) + 0xFEE0) for c in ID_WITH_X)
    text = f"证件：{full_width}。"
    (finding,) = screen(text, dictionary=EMPTY)
    assert finding.kind == "id_number"
    assert finding.text == full_width and text[finding.start : finding.end] == full_width


def test_zero_width_characters_inside_an_id_number():
    hidden = VALID_ID[:6] + "\u200b" + VALID_ID[6:12] + "\u2060\ufeff" + VALID_ID[12:]
    text = f"号码{hidden}。"
    (finding,) = screen(text, dictionary=EMPTY)
    assert finding.kind == "id_number" and finding.text == hidden
    assert_offsets(text, [finding])


# --- 手机号 --------------------------------------------------------------------


@pytest.mark.parametrize(
    "number",
    [
        "13800138000",
        "19912345678",
        "138 0013 8000",
        "138-0013-8000",
        "+86 138 0013 8000",
        "+8613800138000",
        "008613800138000",
        "8613800138000",
        "１３８００１３８０００",
        "138  0013  8000",
        "138.0013.8000",
        "138—0013—8000",
        "1380 013 8000",
    ],
)
def test_mobile_numbers(number):
    text = f"联系电话：{number}。"
    assert kinds(text) == [("mobile", number)]


@pytest.mark.parametrize(
    "text",
    [
        "12800138000",  # 12x is no mobile prefix
        "1380013800",  # 10 digits
        "138001380001",  # 12 digits
        "013800138000",  # inside a longer run
        "138 0013-8000",  # mixed separators
        "2026138001380001",
    ],
)
def test_not_mobile_numbers(text):
    assert [k for k, _ in kinds(text) if k == "mobile"] == []


def test_two_mobiles_side_by_side():
    text = "13800138000，13900139000"
    assert kinds(text) == [("mobile", "13800138000"), ("mobile", "13900139000")]


# --- 银行卡号 ------------------------------------------------------------------


@pytest.mark.parametrize("number", [CARD_16, CARD_19, CARD_18_NOT_ID, "4111 1111 1111 1111",
                                    "6222-0212-3456-7890-128"])
def test_bank_cards(number):
    assert kinds(f"卡号{number}。") == [("bank_card", number)]


@pytest.mark.parametrize(
    "number",
    [
        "4111111111111112",  # fails Luhn
        "411111111111111",  # 15 digits
        "41111111111111110000",  # 20 digits
        "1" + CARD_16,  # inside a longer run
        "4111 1111 1111 1111 2222 3",  # a longer grouped number
    ],
)
def test_not_bank_cards(number):
    assert [k for k, _ in kinds(f"卡号{number}。") if k == "bank_card"] == []


def test_valid_id_is_reported_once_as_an_id_number():
    assert kinds(VALID_ID) == [("id_number", VALID_ID)]


# --- 密级标志 -------------------------------------------------------------------


@pytest.mark.parametrize(
    "text,marking",
    [
        ("机密★1年\n关于某项工作的通知", "机密★1年"),
        ("秘密★\n正文", "秘密★"),
        ("绝密 ★ 长期", "绝密 ★ 长期"),
        ("秘密★保密期限：10年", "秘密★保密期限：10年"),
        ("密级：机密\n关于……的通知", "密级：机密"),
        ("000123\n秘密★1年\n特急", "秘密★1年"),
        ("密级：秘密  保密期限：5年", "密级：秘密  保密期限：5年"),
        ("密级: 秘密", "密级: 秘密"),
        ("保密期限：五年", "保密期限：五年"),
        ("  秘密  \n关于……", "秘密"),
        ("内部资料\n", "内部资料"),
        ("【内部资料】会议纪要", "【内部资料】"),
        ("内部资料，请勿外传。", "内部资料，请勿外传"),
        ("内部文件，仅供参考", "内部文件，仅供参考"),
        ("注意保密\n", "注意保密"),
        ("机\u200b密★", "机\u200b密★"),
        ("机 密 ★ 1 年", "机 密 ★ 1 年"),
        ("秘密＊", "秘密＊"),
    ],
)
def test_secrecy_markings(text, marking):
    findings = screen(text, dictionary=EMPTY)
    assert [(f.kind, f.text) for f in findings] == [("secret_marking", marking)]
    assert findings[0].blocking and not findings[0].overridable
    assert_offsets(text, findings)


@pytest.mark.parametrize(
    "text",
    [
        "秘密通道已经关闭。",
        "依法保护商业秘密和个人隐私。",
        "保守国家秘密是公民的义务。",
        "泄露国家机密的行为将被追究。",
        "会议强调，要注意保密工作。",
        "制定内部文件管理办法。",
        "加强内部资料管理。",
        "密级：公开",
        "密级：非密",
        "密级：非涉密",
        "密级：无密级",
        "保密期限：无",
        "《秘密》是一本书。",
        # GB/T 9704 explained, not applied.
        "密级和保密期限一般用3号黑体字，顶格编排在版心左上角第二行；保密期限中的数字用阿拉伯数字标注，如“秘密★1年”。",
        "涉密公文应当标注密级，如“机密★10年”“绝密★长期”。",
        "本材料为内部资料，请勿外传的字样应当醒目。",
        # 保密宣传 and regulations.
        "保密宣传月：保守国家秘密，人人有责。不得在互联网上传递秘密信息。",
        "第十二条 工作人员不得泄露工作秘密，不得扩散、传播未经批准公开的内部资料。",
        "（三）密级：绝密级事项不超过三十年，机密级事项不超过二十年。",
    ],
)
def test_ordinary_words_are_not_secrecy_markings(text):
    assert kinds(text) == []


# --- dictionary words -------------------------------------------------------------

WORDS = Dictionary.build(
    [
        DictionaryEntry("法轮功", severity="blocking", category="政治"),
        DictionaryEntry("法轮", severity="notice"),
        DictionaryEntry("大法"),
        DictionaryEntry("falun", severity="blocking"),
        DictionaryEntry("ass"),
        DictionaryEntry("按装", kind="typo", correction="安装"),
        DictionaryEntry("甲乙"),
        DictionaryEntry("乙丙"),
    ]
)


def test_dictionary_word_with_severity_and_category():
    text = "宣扬法轮功是违法的"
    (finding,) = screen(text, dictionary=WORDS)
    assert (finding.kind, finding.text, finding.blocking) == ("sensitive_word", "法轮功", True)
    assert finding.severity == "blocking" and finding.category == "政治" and finding.word == "法轮功"
    assert (finding.start, finding.end) == (2, 5)


def test_notice_word_is_not_blocking():
    (finding,) = screen("只说法轮", dictionary=WORDS)
    assert finding.word == "法轮" and not finding.blocking and finding.severity == "notice"


def test_typo_pair_suggests_the_correction():
    (finding,) = screen("请按装软件", dictionary=WORDS)
    assert finding.kind == "typo" and finding.suggestion == "安装" and not finding.blocking


def test_typo_only_matches_when_written_contiguously():
    assert kinds("请按 装软件", WORDS) == []
    assert kinds("请按\u200b装软件", WORDS) == [("typo", "按\u200b装")]


@pytest.mark.parametrize(
    "written",
    [
        "法 轮 功",
        "法\u200b轮\u200d功",
        "法\u3000轮功",
        "法·轮·功",
        "法*轮*功",
        "法-轮_功",
        "法，轮，功",
        "法。轮。功",
        "法\n轮\n功",
        "法\ufe0f轮\u00ad功",
    ],
)
def test_evasions_between_characters(written):
    text = f"有人宣扬{written}，必须制止"
    findings = [f for f in screen(text, dictionary=WORDS) if f.kind == "sensitive_word"]
    assert [(f.text, f.word) for f in findings] == [(written, "法轮功")]
    assert_offsets(text, findings)


@pytest.mark.parametrize("written", ["ＦＡＬＵＮ", "FaLun", "f a l u n", "ｆａｌｕｎ"])
def test_full_width_and_case_evasions(written):
    text = f"关于{written}的报道"
    assert kinds(text, WORDS) == [("sensitive_word", written)]


def test_sentence_punctuation_is_a_boundary_for_short_words():
    """ "大法" must not be read across "强大。法律"; a deliberate "大 法" is still found."""
    assert kinds("国家强大。法律完善", WORDS) == []
    assert kinds("国家强大，法律完善", WORDS) == []
    assert kinds("宣扬大 法", WORDS) == [("sensitive_word", "大 法")]


def test_three_character_word_across_one_sentence_boundary_only_is_not_found():
    """Punctuation between some but not all characters reads as prose, not evasion."""
    assert kinds("依法。轮功", WORDS) == []


def test_latin_words_match_whole_words_only():
    assert kinds("first class", WORDS) == []
    assert kinds("an ass here", WORDS) == [("sensitive_word", "ass")]
    assert kinds("ＡＳＳ。", WORDS) == [("sensitive_word", "ＡＳＳ")]


def test_nested_word_reported_once_but_masked():
    text = "法轮功"
    assert kinds(text, WORDS) == [("sensitive_word", "法轮功")]
    assert mask(text, dictionary=WORDS) == "***"


def test_overlapping_words_are_all_reported_and_masked_as_a_union():
    text = "甲乙丙丁"
    assert kinds(text, WORDS) == [("sensitive_word", "甲乙"), ("sensitive_word", "乙丙")]
    assert mask(text, dictionary=WORDS) == "***丁"


# --- mask ----------------------------------------------------------------------


def test_mask_replaces_personal_information_and_sensitive_words_with_equal_length():
    text = (
        f"机密★1年\n身份证{VALID_ID}，手机138 0013 8000，卡号{CARD_16}，"
        "宣扬法 轮\u200b功，请按装软件。"
    )
    masked = mask(text, dictionary=WORDS)
    assert len(masked) == len(text)
    assert masked == (
        f"机密★1年\n身份证{'*' * 18}，手机{'*' * 13}，卡号{'*' * 16}，宣扬{'*' * 5}，请按装软件。"
    )
    # Typos and markings stay: they are fixed or refused, not hidden.
    remaining = {f.kind for f in screen(masked, dictionary=WORDS)}
    assert remaining == {"secret_marking", "typo"}


def test_mask_of_nothing():
    assert mask("", dictionary=WORDS) == "" and mask(None, dictionary=WORDS) == ""
    assert screen("", dictionary=WORDS) == [] and screen(None, dictionary=WORDS) == []


def test_offsets_always_index_the_original_on_random_texts():
    rng = random.Random(7)
    pieces = ["法轮功", "法 轮 功", "法\u200b轮功", "ＦＡＬＵＮ", VALID_ID, "13800138000", "，", "。",
              "\n", "　", "ﬁ", "⑽", "㈱", "Ａ", "é", "𠀀", "\u200b", "机密★1年", "甲乙丙", "按装",
              CARD_16, "普通文字", "政府信息公开"]
    for _ in range(300):
        text = "".join(rng.choice(pieces) for _ in range(rng.randint(1, 25)))
        findings = screen(text, dictionary=WORDS)
        assert_offsets(text, findings)
        masked = mask(text, dictionary=WORDS)
        assert len(masked) == len(text)
        assert not [f for f in screen(masked, dictionary=WORDS) if f.kind in
                    ("id_number", "mobile", "bank_card", "sensitive_word")]


# --- normalisation -----------------------------------------------------------------


def test_fast_and_slow_normalisation_agree_across_block_boundaries():
    rng = random.Random(11)
    alphabet = list("中文政府信息公开abcXYZ019０１ＡＢａ，。、；：！？ \t\n\u3000·*-—…“”（）★") + [
        "\u200b", "\u200d", "\ufeff", "\u00ad", "\ufe0f", "ﬁ", "⑽", "㈱", "é", "𠀀", "ß", "\u0301",
    ]
    for _ in range(200):
        text = "".join(rng.choice(alphabet) for _ in range(rng.randint(0, 80)))
        plain, plain_map, compact, compact_map = _normalise_slowly(text)
        for block_size in (1, 3, 7, 64):
            norm = NormalisedText(text, block_size=block_size)
            assert (norm.plain, norm.compact) == (plain, compact)
            for i in range(len(compact)):
                assert norm.compact_map.position(i) == compact_map.position(i)
            for i in range(len(plain)):
                assert norm.plain_map.position(i) == plain_map.position(i)


def test_ordinary_texts_take_the_one_pass_path_and_agree_with_the_slow_one():
    """Ideographs, lower-case letters, digits and common punctuation only: the whole text
    is split once at each dropped character; every position maps as the slow path says."""
    rng = random.Random(12)
    alphabet = list("中文政府信息公开abc019，。、；：！？ \t\n\u3000·*-—…“”（）★")
    for _ in range(300):
        text = "".join(rng.choice(alphabet) for _ in range(rng.randint(0, 200)))
        norm = NormalisedText(text)
        assert len(norm.compact_map.blocks) <= 1
        plain, plain_map, compact, compact_map = _normalise_slowly(text)
        assert (norm.plain, norm.compact) == (plain, compact)
        for i in range(len(compact)):
            assert norm.compact_map.position(i) == compact_map.position(i)
            for j in range(i + 1, min(len(compact), i + 4) + 1):
                s = norm.compact_map.locate(i, compact[i:j], text)
                assert s == (compact_map.position(i) if text.startswith(compact[i:j], compact_map.position(i)) else -1)


def test_a_word_after_a_block_with_nothing_to_match_keeps_its_offsets():
    """A text normalised in blocks whose first block holds only punctuation: the compact
    copy is the later blocks' alone, and offsets still index the original."""
    dictionary = Dictionary.build(["法轮功"])
    text = "，" * 1100 + "Ａ法轮功，法轮功"  # the full-width letter: blocks, not one pass
    middle = "，" * 1100 + "法轮功" + "，" * 10 + "Ａ"
    for sample in (text, middle, "法轮功" + "，" * 1100 + "Ａ法轮功"):
        found = [(f.start, f.end) for f in screen(sample, dictionary=dictionary)]
        expected, position = [], sample.find("法轮功")
        while position != -1:
            expected.append((position, position + 3))
            position = sample.find("法轮功", position + 1)
        assert found == expected, sample[-20:]


# --- Finding --------------------------------------------------------------------


def test_finding_round_trips_as_a_dict():
    (finding,) = screen("请按装软件", dictionary=WORDS)
    data = finding.as_dict()
    assert data["kind"] == "typo" and data["suggestion"] == "安装" and data["label"]
    assert Finding.from_dict(data) == finding
    assert finding.kind == FindingKind.TYPO


def test_long_gaps_and_masked_text_are_not_read_as_evasions():
    assert kinds("大法", WORDS) == [("sensitive_word", "大法")]
    assert kinds("大   法", WORDS) == [("sensitive_word", "大   法")]
    assert kinds("大    法", WORDS) == []  # four spaces: layout, not an evasion
    assert kinds("大**法", WORDS) == []  # masked text between
    assert kinds("大*法", WORDS) == [("sensitive_word", "大*法")]


def test_masking_does_not_create_new_words_across_the_mask():
    words = Dictionary.build(["大法", "甲乙", "法甲"])
    text = "大甲乙法"  # masking 甲乙 must not make "大**法" a match
    assert mask(text, dictionary=words) == "大**法"
    assert screen("大**法", dictionary=words) == []


def test_masking_uncovers_a_number_its_neighbour_hid():
    """An ID number followed by a letter is no ID number; once the Latin word after it
    is masked, it is one, and mask() masks it too."""
    words = Dictionary.build(["falun"])
    text = f"{VALID_ID}falun"
    assert kinds(text, words) == [("sensitive_word", "falun")]
    assert mask(text, dictionary=words) == "*" * len(text)
