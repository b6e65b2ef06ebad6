"""People as 姓名 (family name first) on Wagtail's own screens too (issue 10): the user
listing, the lock message, page history, comment authors."""

import json
import pathlib
import re

import pytest
import wagtail
from django.urls import reverse
from django.utils import timezone, translation
from wagtail.models import Comment, PageLogEntry

from tests import factories as f
from wagtail_govinfo.names import WAGTAIL_NAME_MODULES, wagtail_display_name

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def chinese():
    with translation.override("zh-hans"):
        yield


def test_every_wagtail_module_naming_people_is_covered():
    """A Wagtail upgrade that builds names in a new module makes this fail: add it."""
    root = pathlib.Path(wagtail.__file__).parent
    found = set()
    for path in root.rglob("*.py"):
        relative = path.relative_to(root.parent)
        if {"tests", "test"} & set(relative.parts) or "migrations" in relative.parts:
            continue
        if re.search(r"\bimport[^\n]*\bget_user_display_name\b|^\s+get_user_display_name,$", path.read_text(), re.M) \
                or relative.as_posix() == "wagtail/admin/utils.py":
            found.add(".".join(relative.with_suffix("").parts))
    assert found == set(WAGTAIL_NAME_MODULES)
    import importlib

    for name in WAGTAIL_NAME_MODULES:
        assert importlib.import_module(name).get_user_display_name is wagtail_display_name


def test_latin_names_and_nameless_users_read_as_before(setup_roles):
    assert wagtail_display_name(f.user(username="jdoe", first_name="John", last_name="Doe")) == "John Doe"
    assert wagtail_display_name(f.user(username="nobody")) == "nobody"
    assert wagtail_display_name(None) == ""


@pytest.fixture
def people(setup_roles):
    dept = f.department("slj", "市水利局")
    column = f.column(departments=[dept], title="通知公告")
    editor = f.editor(dept, username="lixx", first_name="信息", last_name="李")
    other = f.editor(dept, username="zhouxx", first_name="小小", last_name="周")
    page = f.info_page(column, department=dept, title="防汛通知", live=False)
    return dept, column, editor, other, page


def test_user_listing(client, people):
    client.force_login(f.user(operator=True))
    html = client.get(reverse("wagtailusers_users:index")).content.decode()
    assert "李信息" in html and "周小小" in html
    assert "信息 李" not in html


def test_lock_message_names_who_locked(client, people):
    _, _, editor, other, page = people
    page.locked, page.locked_by, page.locked_at = True, editor, timezone.now()
    page.save()
    client.force_login(other)
    html = client.get(reverse("wagtailadmin_pages:edit", args=(page.pk,))).content.decode()
    assert "李信息" in html
    assert "信息 李" not in html


def test_page_history_and_comment_authors(client, people):
    _, _, editor, other, page = people
    PageLogEntry.objects.log_action(page, "wagtail.edit", user=editor)
    revision = page.save_revision(user=editor)
    Comment.objects.create(page=page, user=editor, text="请核对日期", contentpath="title", revision_created=revision)
    client.force_login(other)
    history = client.get(reverse("wagtailadmin_pages:history", args=(page.pk,))).content.decode()
    assert "李信息" in history and "信息 李" not in history
    edit = client.get(reverse("wagtailadmin_pages:edit", args=(page.pk,))).content.decode()
    data = re.search(r'<script id="comments-data" type="application/json">(.*?)</script>', edit, re.S)
    assert data, "the comments data is on the edit page"
    authors = {a["name"] for a in json.loads(data.group(1))["authors"].values()}
    assert "李信息" in authors and "信息 李" not in authors


def test_sidebar_account_menu_names_the_whole_name(client, people):
    _, _, editor, _, _ = people
    client.force_login(editor)
    html = client.get(reverse("wagtailadmin_home")).content.decode()
    escaped = json.dumps("李信息")[1:-1]
    assert f'"name": "{escaped}"' in html  # the sidebar's account menu (telepath JSON)
    assert f'"name": "{json.dumps("信息")[1:-1]}"' not in html
