from wagtail_govinfo.screening import Dictionary, DictionaryEntry, mask, screen
from wagtail_govinfo.screening.personal import id_check_character

ID17 = "11010519491231002"
VALID_ID = ID17 + id_check_character(ID17)


def test_public_api_finds_and_masks():
    words = Dictionary.build([DictionaryEntry("法轮功", severity="blocking")])
    text = f"机密★1年\n身份证{VALID_ID}，电话13800138000，法 轮\u200b功"
    findings = screen(text, dictionary=words)
    assert [f.kind for f in findings] == ["secret_marking", "id_number", "mobile", "sensitive_word"]
    assert all(text[f.start : f.end] == f.text and f.blocking for f in findings)
    masked = mask(text, dictionary=words)
    assert len(masked) == len(text)
    assert VALID_ID not in masked and "13800138000" not in masked and "机密★1年" in masked
