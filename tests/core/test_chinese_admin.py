"""Chinese for the strings of Wagtail the roles meet, and the templates copied for names."""

import importlib.util
from pathlib import Path

import pytest
from django.core.management import call_command
from django.utils import translation
from django.utils.translation import gettext, ngettext

ROOT = Path(__file__).resolve().parents[2]


def load_script():
    spec = importlib.util.spec_from_file_location("locale_overrides", ROOT / "scripts/locale_overrides.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.mark.parametrize(
    "english, chinese",
    [
        ("Search all pages…", "搜索所有页面…"),
        ("Your pages and snippets in a workflow", "你在工作流中的页面和片段"),
        ("Go to the first error", "转到第一个错误"),
        ("Date updated", "更新日期"),
        ("Page types usage", "页面类型使用情况"),
        ("Changes requested", "已退回修改"),
        ("%(label)s and Publish", "%(label)s并发布"),
    ],
)
def test_wagtail_strings_read_chinese(english, chinese):
    with translation.override("zh-hans"):
        assert gettext(english) == chinese


def test_plural_strings_read_chinese():
    with translation.override("zh-hans"):
        assert ngettext("Referenced %(count)s time", "Referenced %(count)s times", 0) % {"count": 0} == "被引用 0 次"


def test_every_upstream_gap_is_in_the_catalog_and_the_name_templates_are_in_step():
    """Upgrading Wagtail adds strings or changes the copied templates: this says which."""
    assert load_script().main(write=False) == 0


def test_the_system_checks_name_a_wrong_catalog_order():
    from django.conf import settings

    from wagtail_govinfo.locale_overrides.checks import catalog_order_warnings, check_catalog_order

    assert check_catalog_order(None) == []
    apps = [a for a in settings.INSTALLED_APPS if a != "wagtail_govinfo.locale_overrides"]
    warnings = catalog_order_warnings([*apps, "wagtail_govinfo.locale_overrides"], [])
    assert sorted(w.id for w in warnings) == ["wagtail_govinfo.W101", "wagtail_govinfo.W102"]
    call_command("check")


@pytest.mark.django_db
def test_the_login_page_reads_chinese(client):
    """Wagtail's login form has no label for its password field; Django would show "Password"."""
    with translation.override("zh-hans"):
        html = client.get("/admin/login/", HTTP_ACCEPT_LANGUAGE="zh-hans").content.decode()
    assert "Password" not in html
    assert "密码" in html
