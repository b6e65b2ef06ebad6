"""``govinfo_import_words`` and the dictionary sources loaded by ``govinfo_setup``."""

import io

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.test import override_settings
from django.utils import translation

from wagtail_govinfo.models import SensitiveWord
from wagtail_govinfo.screening import screen

pytestmark = pytest.mark.django_db


def run(*args):
    out, err = io.StringIO(), io.StringIO()
    call_command("govinfo_import_words", *args, stdout=out, stderr=err)
    return out.getvalue(), err.getvalue()


@pytest.fixture
def word_list(tmp_path):
    path = tmp_path / "words.txt"
    path.write_text("法轮功\t阻断\t政治\n按装→安装\n", encoding="utf-8")
    return path


@pytest.mark.usefixtures("english")
def test_import_then_again_changes_nothing(word_list):
    out, _ = run(str(word_list), "--typos")
    assert "2 new, 0 updated, 0 unchanged" in out
    assert [(f.kind, f.blocking) for f in screen("法轮功，按装")] == [
        ("sensitive_word", True), ("typo", False),
    ]
    before = list(SensitiveWord.objects.values_list("pk", "updated_at"))
    out, _ = run(str(word_list), "--typos")
    assert "0 new, 0 updated, 2 unchanged" in out
    assert list(SensitiveWord.objects.values_list("pk", "updated_at")) == before


@pytest.mark.usefixtures("english")
def test_dry_run_writes_nothing(word_list):
    out, _ = run(str(word_list), "--dry-run")
    assert "Dry run" in out and "2 new" in out
    assert not SensitiveWord.objects.exists()


def test_bad_list_names_its_rows_and_writes_nothing(tmp_path):
    path = tmp_path / "bad.txt"
    path.write_text("法轮功\n按装→\n某词\t很严重\n", encoding="utf-8")
    out = io.StringIO()
    err = io.StringIO()
    with pytest.raises(CommandError) as exc, translation.override("en"):
        call_command("govinfo_import_words", str(path), "--typos", stdout=out, stderr=err)
    assert "2 bad row(s), nothing imported" in str(exc.value) and "Line 2" in str(exc.value)
    assert "Line 2" in err.getvalue() and "Line 3" in err.getvalue()
    assert not SensitiveWord.objects.exists()


@pytest.mark.usefixtures("english")
def test_missing_file(tmp_path):
    with pytest.raises(CommandError, match="Cannot read"):
        run(str(tmp_path / "missing.txt"))


def test_setup_loads_dictionary_sources_idempotently(tmp_path, word_list):
    second = tmp_path / "typos.txt"
    second.write_text("部暑=>部署\n", encoding="utf-8")
    sources = [{"path": str(word_list), "typos": True}, {"path": str(second), "typos": True}]
    with override_settings(WAGTAIL_GOVINFO={"DICTIONARY_SOURCES": sources}):
        out = io.StringIO()
        call_command("govinfo_setup", stdout=out)
        assert "的审查词库" in out.getvalue()
        rows = sorted(SensitiveWord.objects.values_list("word", "kind", "correction", "severity", "updated_at"))
        call_command("govinfo_setup", stdout=io.StringIO())
        assert sorted(SensitiveWord.objects.values_list(
            "word", "kind", "correction", "severity", "updated_at")) == rows
    assert [r[:4] for r in rows] == [
        ("按装", "typo", "安装", "notice"), ("法轮功", "sensitive", "", "blocking"),
        ("部暑", "typo", "部署", "notice"),
    ]


def test_setup_with_an_unreadable_source_fails_clearly(tmp_path):
    with override_settings(WAGTAIL_GOVINFO={"DICTIONARY_SOURCES": [str(tmp_path / "none.txt")]}):
        with pytest.raises(CommandError, match="DICTIONARY_SOURCES.*cannot read"):
            call_command("govinfo_setup", stdout=io.StringIO())
