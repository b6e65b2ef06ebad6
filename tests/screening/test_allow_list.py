"""The allow-list of ordinary vocabulary: shipped, replaceable by the operator, checked."""

import pytest
from django.core.checks import run_checks
from django.test import override_settings

from wagtail_govinfo.models import SensitiveWord
from wagtail_govinfo.screening import clear_compiled_dictionary, screen
from wagtail_govinfo.screening.dictionary import DEFAULT_ALLOW_LIST, load_allow_list
from wagtail_govinfo.screening.wordlists import read_word_list

pytestmark = pytest.mark.django_db


def refused(content):
    report = read_word_list("words.txt", content.encode("utf-8"))
    return {r.word: r.reason for r in report.refused}


def test_the_shipped_list_holds_ordinary_government_words_and_its_origin():
    words = load_allow_list()
    assert {"人民", "政府", "管理", "国家", "安全", "共产党"} <= words
    assert "法轮功" not in words and len(words) > 10000
    with open(DEFAULT_ALLOW_LIST, encoding="utf-8") as fh:
        assert "scripts/derive_allow_list.py" in fh.readline() + fh.readline() + fh.readline() + fh.readline()
    assert refused("人民\n法轮功\n") == {"人民": "ordinary"}


def test_the_operator_replaces_the_list(tmp_path):
    own = tmp_path / "allow.txt"
    own.write_text("# 本站常用词\n兼职人员\n招聘会\n", encoding="utf-8")
    with override_settings(WAGTAIL_GOVINFO={"SCREENING_ALLOW_LIST": [str(own)]}):
        assert refused("人民\n招聘会\n兼职\n") == {"招聘会": "ordinary"}
        SensitiveWord.objects.create(word="兼职")
        clear_compiled_dictionary()
        assert screen("兼职人员登记") == []
        assert [f.word for f in screen("招聘兼职")] == ["兼职"]
    with override_settings(WAGTAIL_GOVINFO={"SCREENING_ALLOW_LIST": []}):
        assert refused("人民\n") == {}


def test_a_missing_allow_list_is_a_system_check_error(tmp_path):
    with override_settings(WAGTAIL_GOVINFO={"SCREENING_ALLOW_LIST": str(tmp_path / "none.txt")}):
        errors = [e for e in run_checks() if "SCREENING_ALLOW_LIST" in e.msg]
    assert len(errors) == 1 and errors[0].id == "wagtail_govinfo.E003"
    with override_settings(WAGTAIL_GOVINFO={"SCREENING_ALLOW_LIST": 3}):
        assert any("SCREENING_ALLOW_LIST" in e.msg for e in run_checks())
