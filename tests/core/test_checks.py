"""System checks name a wrong WAGTAIL_GOVINFO value in one readable line; missing keys never crash."""

import pytest
from django.core.checks import run_checks
from django.core.management import call_command
from django.core.management.base import SystemCheckError
from django.test import override_settings

from wagtail_govinfo.conf import DEFAULTS, govinfo_settings


def govinfo_errors():
    return [e for e in run_checks() if e.id.startswith("wagtail_govinfo.")]


def test_defaults_pass_and_every_key_has_a_default():
    with override_settings(WAGTAIL_GOVINFO={}):
        assert govinfo_errors() == []
        for key in DEFAULTS:
            assert getattr(govinfo_settings, key) == DEFAULTS[key]


def test_missing_setting_uses_defaults():
    with override_settings():
        from django.conf import settings

        del settings.WAGTAIL_GOVINFO
        assert govinfo_settings.TOPIC_REVOKE_DAYS == 7
        assert govinfo_errors() == []


def test_override_is_seen_without_restart():
    with override_settings(WAGTAIL_GOVINFO={"TOPIC_REVOKE_DAYS": 10}):
        assert govinfo_settings.TOPIC_REVOKE_DAYS == 10
    assert govinfo_settings.TOPIC_REVOKE_DAYS == 7


def test_dict_settings_extend_their_default():
    with override_settings(WAGTAIL_GOVINFO={"COLUMN_STALE_DAYS": {"news": 7}}):
        assert govinfo_settings.COLUMN_STALE_DAYS["news"] == 7
        assert govinfo_settings.COLUMN_STALE_DAYS["notice"] == 183


@pytest.mark.parametrize(
    "value, error_id, words",
    [
        ("not a dict", "wagtail_govinfo.E001", "must be a dict"),
        ({"TOPIC_REVOKE_DAY": 7}, "wagtail_govinfo.E002", "unknown key 'TOPIC_REVOKE_DAY'"),
        ({"TOPIC_REVOKE_DAYS": "7"}, "wagtail_govinfo.E003", "TOPIC_REVOKE_DAYS"),
        ({"TOPIC_REVOKE_DAYS": -1}, "wagtail_govinfo.E003", "whole number"),
        ({"SEPARATION_OF_DUTIES": "yes"}, "wagtail_govinfo.E003", "True or False"),
        ({"OPERATOR_GROUP": ""}, "wagtail_govinfo.E003", "non-empty string"),
        ({"EDITOR_GROUP_FORMAT": "editors"}, "wagtail_govinfo.E004", "{code}"),
        ({"COLUMN_STALE_DAYS": {"newz": 3}}, "wagtail_govinfo.E005", "unknown column kind 'newz'"),
        ({"COLUMN_STALE_DAYS": {"news": 0}}, "wagtail_govinfo.E005", "positive number"),
        ({"DICTIONARY_SOURCES": "words.txt"}, "wagtail_govinfo.E003", "list of file paths"),
    ],
)
def test_wrong_values_are_named(value, error_id, words):
    with override_settings(WAGTAIL_GOVINFO=value):
        errors = govinfo_errors()
    assert [e.id for e in errors] == [error_id]
    assert words in errors[0].msg
    assert "\n" not in errors[0].msg


def test_check_command_fails_on_a_wrong_value():
    with override_settings(WAGTAIL_GOVINFO={"TOPIC_WARNING_DAYS": "five"}):
        with pytest.raises(SystemCheckError, match="TOPIC_WARNING_DAYS"):
            call_command("check")
