"""The dictionary in the database: changes take effect without a restart, and screening
never reads it word by word."""

import pytest
from django.core.cache import cache
from django.test import override_settings

from wagtail_govinfo.models import SensitiveWord, Severity, WordKind
from wagtail_govinfo.screening import (
    bump_dictionary_version,
    clear_compiled_dictionary,
    get_dictionary,
    mask,
    screen,
)
from wagtail_govinfo.screening.dictionary import VERSION_CACHE_KEY

pytestmark = pytest.mark.django_db

TEXT = "宣扬法轮功和某某邪说的材料，请按装新系统。" * 50


def words(text=TEXT):
    return [(f.kind, f.word, f.blocking) for f in screen(text)]


def test_screening_reads_the_dictionary_once_then_never(django_assert_num_queries):
    SensitiveWord.objects.create(word="法轮功", severity=Severity.BLOCKING)
    SensitiveWord.objects.create(word="按装", kind=WordKind.TYPO, correction="安装")
    for i in range(200):
        SensitiveWord.objects.create(word=f"无关词{i}")
    with django_assert_num_queries(2):  # the words, and the operator's allow-list changes
        first = screen(TEXT)
    assert {(f.kind, f.word) for f in first} == {("sensitive_word", "法轮功"), ("typo", "按装")}
    with django_assert_num_queries(0):
        for _ in range(20):
            screen(TEXT)
            mask(TEXT)


def test_a_new_word_takes_effect_without_restart(django_assert_max_num_queries):
    SensitiveWord.objects.create(word="法轮功")
    assert words() == [("sensitive_word", "法轮功", False)] * 50
    SensitiveWord.objects.create(word="某某邪说", severity=Severity.BLOCKING)
    with django_assert_max_num_queries(2):  # the words, and the allow-list changes
        found = words()
    assert ("sensitive_word", "某某邪说", True) in found


def test_severity_change_deactivation_and_deletion_take_effect():
    word = SensitiveWord.objects.create(word="法轮功")
    assert not any(f.blocking for f in screen(TEXT))
    word.severity = Severity.BLOCKING
    word.save()
    assert all(f.blocking for f in screen(TEXT))
    word.is_active = False
    word.save()
    assert screen(TEXT) == []
    word.is_active = True
    word.save()
    assert screen(TEXT)
    word.delete()
    assert screen(TEXT) == []


def test_change_committed_by_another_process_is_seen_through_the_cache_version():
    """Another process changes the table (here: an update that sends no signal) and
    bumps the version in the shared cache; this process recompiles on its next screening."""
    word = SensitiveWord.objects.create(word="法轮功")
    assert not any(f.blocking for f in screen(TEXT))
    SensitiveWord.objects.filter(pk=word.pk).update(severity=Severity.BLOCKING)
    assert not any(f.blocking for f in screen(TEXT))  # no signal, no new version yet
    bump_dictionary_version()
    assert all(f.blocking for f in screen(TEXT))


def test_version_is_bumped_again_when_the_transaction_commits(django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        SensitiveWord.objects.create(word="法轮功")
    version = cache.get(VERSION_CACHE_KEY)
    assert version and callbacks
    for callback in callbacks:
        callback()
    assert cache.get(VERSION_CACHE_KEY) != version


def test_lost_cache_version_means_a_rebuild():
    SensitiveWord.objects.create(word="法轮功")
    compiled = get_dictionary()
    assert get_dictionary() is compiled
    cache.clear()
    assert get_dictionary() is not compiled


@override_settings(WAGTAIL_GOVINFO={"DICTIONARY_CACHE_SECONDS": 0})
def test_maximum_age_rebuilds_even_without_a_signal():
    word = SensitiveWord.objects.create(word="法轮功")
    screen(TEXT)
    SensitiveWord.objects.filter(pk=word.pk).update(is_active=False)
    assert screen(TEXT) == []


def test_empty_dictionary():
    clear_compiled_dictionary()
    assert len(get_dictionary()) == 0
    assert screen("普通的政府信息") == []
