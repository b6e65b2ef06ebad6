"""The dictionary's admin: list, edit, import with preview; only for the platform operator."""

import io

import pytest
from django.urls import reverse
from django.utils.html import escape
from openpyxl import Workbook

from tests import factories
from wagtail_govinfo.models import SensitiveWord
from wagtail_govinfo.screening import screen

pytestmark = pytest.mark.django_db

INDEX = "govinfo_sensitive_words:index"
ADD = "govinfo_sensitive_words:add"
IMPORT = "govinfo_sensitive_words:import"

GOOD_LIST = (
    "# 示例词库\n"
    "法轮功\t阻断\t政治\n"
    "\n"
    "按装→安装\n"
    "部暑=>部署,提示,错别字\n"
    "赌博网站，notice\n"
)


@pytest.fixture
def operator(setup_roles):
    user = factories.user(operator=True)
    return user


@pytest.fixture
def operator_client(client, operator):
    client.force_login(operator)
    return client


@pytest.fixture
def editor_client(client, setup_roles):
    client.force_login(factories.editor(factories.department()))
    return client


def upload(client, name, content, typos=False):
    data = content.encode("utf-8") if isinstance(content, str) else content
    handle = io.BytesIO(data)
    handle.name = name
    return client.post(reverse(IMPORT), {"word_list": handle, **({"typos": "on"} if typos else {})})


def xlsx(rows):
    workbook = Workbook()
    sheet = workbook.active
    for row in rows:
        sheet.append(row)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def test_operator_lists_and_searches_words(operator_client):
    SensitiveWord.objects.create(word="法轮功", category="政治")
    SensitiveWord.objects.create(word="按装", kind="typo", correction="安装")
    response = operator_client.get(reverse(INDEX))
    assert response.status_code == 200
    assert "法轮功" in response.content.decode() and "按装" in response.content.decode()
    assert reverse(IMPORT) in response.content.decode()
    response = operator_client.get(reverse(INDEX), {"q": "按装"})
    assert "按装" in response.content.decode() and "法轮功" not in response.content.decode()
    response = operator_client.get(reverse(INDEX), {"kind": "typo"})
    assert "按装" in response.content.decode() and "法轮功" not in response.content.decode()


def test_operator_adds_a_word_and_screening_sees_it(operator_client):
    assert screen("宣扬赌博网站") == []
    response = operator_client.post(
        reverse(ADD),
        {"word": "赌博网站", "kind": "sensitive", "correction": "", "severity": "blocking",
         "category": "违法", "is_active": "on"},
    )
    assert response.status_code == 302
    assert [(f.word, f.blocking) for f in screen("宣扬赌博网站")] == [("赌博网站", True)]


@pytest.mark.parametrize(
    "data,field",
    [
        ({"word": "按装", "kind": "typo", "correction": ""}, "correction"),
        ({"word": "按装", "kind": "typo", "correction": "按装"}, "correction"),
        ({"word": "法轮功", "kind": "sensitive", "correction": "x"}, "correction"),
        ({"word": "，。", "kind": "sensitive", "correction": ""}, "word"),
    ],
)
def test_add_form_refuses_bad_words(operator_client, data, field):
    response = operator_client.post(
        reverse(ADD), {"severity": "notice", "category": "", "is_active": "on", **data}
    )
    assert response.status_code == 200
    assert field in response.context["form"].errors
    assert not SensitiveWord.objects.exists()


def test_text_import_previews_then_writes(operator_client):
    response = upload(operator_client, "words.txt", GOOD_LIST, typos=True)
    assert response.status_code == 200
    assert not SensitiveWord.objects.exists()  # the preview writes nothing
    plan = response.context["plan"]
    assert [(row.line, row.word, row.kind, row.correction, row.severity, row.category, action)
            for row, action, _ in plan] == [
        (2, "法轮功", "sensitive", "", "blocking", "政治", "create"),
        (4, "按装", "typo", "安装", "notice", "", "create"),
        (5, "部暑", "typo", "部署", "notice", "错别字", "create"),
        (6, "赌博网站", "sensitive", "", "notice", "", "create"),
    ]
    payload = response.context["confirm_form"]["rows"].value()
    response = operator_client.post(reverse(IMPORT), {"rows": payload})
    assert response.status_code == 302 and response.url == reverse(INDEX)
    assert SensitiveWord.objects.count() == 4
    assert {(f.kind, f.word, f.suggestion) for f in screen("法轮功，请按装。")} == {
        ("sensitive_word", "法轮功", ""), ("typo", "按装", "安装"),
    }
    # The same list again: everything unchanged.
    response = upload(operator_client, "words.txt", GOOD_LIST, typos=True)
    assert [action for _, action, _ in response.context["plan"]] == ["unchanged"] * 4


def test_import_updates_existing_words(operator_client):
    SensitiveWord.objects.create(word="法轮功", severity="notice", is_active=False)
    response = upload(operator_client, "words.txt", "法轮功\t阻断\n")
    assert [action for _, action, _ in response.context["plan"]] == ["update"]
    operator_client.post(reverse(IMPORT), {"rows": response.context["confirm_form"]["rows"].value()})
    word = SensitiveWord.objects.get()
    assert (word.severity, word.is_active) == ("blocking", True)
    assert screen("法轮功")[0].blocking


def test_bad_rows_are_named_and_nothing_is_written(operator_client):
    bad = (
        "法轮功\n"
        "按装→\n"  # 2: typo without correct form
        "某词\t很严重\n"  # 3: unknown severity
        "法轮功\n"  # 4: duplicate of line 1: merged, no error
        "某词\t阻断\t政治\t多余\n"  # 5: too many columns
        "好词→好词\n"  # 6: correction equal to the word
        "！！\n"  # 7: nothing to match: refused, no error
    )
    response = upload(operator_client, "bad.txt", bad, typos=True)
    assert response.status_code == 200
    assert [e.line for e in response.context["row_errors"]] == [2, 3, 5, 6]
    content = response.content.decode()
    assert all(escape(e) in content for e in response.context["errors"])
    assert "plan" not in response.context or not response.context.get("plan")
    assert not SensitiveWord.objects.exists()


def test_xlsx_import(operator_client):
    data = xlsx([
        ["词语", "类型", "正确写法", "级别", "分类"],
        ["法轮功", "敏感词", None, "阻断", "政治"],
        ["按装", "错别字", "安装", "提示", None],
        ["部暑", None, "部署", None, None],
        [None, None, None, None, None],
        [110, None, None, None, "数字"],
    ])
    response = upload(operator_client, "words.xlsx", data)
    rows = [(row.line, row.word, row.kind, row.correction, row.severity, row.category)
            for row, _, _ in response.context["plan"]]
    assert rows == [
        (2, "法轮功", "sensitive", "", "blocking", "政治"),
        (3, "按装", "typo", "安装", "notice", ""),
        (4, "部暑", "typo", "部署", "notice", ""),
        (6, "110", "sensitive", "", "notice", "数字"),
    ]
    operator_client.post(reverse(IMPORT), {"rows": response.context["confirm_form"]["rows"].value()})
    assert SensitiveWord.objects.count() == 4


def test_xlsx_with_bad_rows_and_bad_header(operator_client):
    data = xlsx([["词语", "类型", "级别"], ["法轮功", "政治词", None], ["某词", None, "高"]])
    response = upload(operator_client, "words.xlsx", data)
    assert [e.line for e in response.context["row_errors"]] == [2, 3]
    response = upload(operator_client, "words.xlsx", xlsx([["word"], ["法轮功"]]))
    assert [e.line for e in response.context["row_errors"]] == [1]
    assert "词语" in response.context["errors"][0]
    response = upload(operator_client, "words.xlsx", b"not a workbook")
    assert response.context["errors"]
    assert not SensitiveWord.objects.exists()


def test_gb18030_text_is_read(operator_client):
    response = upload(operator_client, "words.txt", "法轮功\n按装→安装\n".encode("gb18030"))
    assert [row.word for row, _, _ in response.context["plan"]] == ["法轮功", "按装"]


def test_tampered_preview_writes_nothing(operator_client):
    response = upload(operator_client, "words.txt", "法轮功\n")
    payload = response.context["confirm_form"]["rows"].value()
    response = operator_client.post(reverse(IMPORT), {"rows": payload[:-2] + "xx"}, follow=True)
    assert not SensitiveWord.objects.exists()
    assert [m.level_tag for m in response.context["messages"]] == ["error"]


def refused(response):
    """Wagtail answers a PermissionDenied in the admin with a redirect home."""
    return response.status_code == 302 and response.url == reverse("wagtailadmin_home")


def test_editor_cannot_see_or_import(editor_client):
    assert refused(editor_client.get(reverse(INDEX)))
    assert refused(editor_client.get(reverse(IMPORT)))
    assert refused(upload(editor_client, "words.txt", "法轮功\n"))
    assert not SensitiveWord.objects.exists()


def test_editor_cannot_replay_an_operator_preview(client, operator):
    client.force_login(operator)
    payload = upload(client, "words.txt", "法轮功\n").context["confirm_form"]["rows"].value()
    client.force_login(factories.editor(factories.department()))
    assert refused(client.post(reverse(IMPORT), {"rows": payload}))
    assert not SensitiveWord.objects.exists()


def test_view_only_permission_is_not_enough_to_import(client, setup_roles):
    from django.contrib.auth.models import Permission

    user = factories.editor(factories.department())
    user.user_permissions.add(Permission.objects.get(codename="view_sensitiveword"))
    client.force_login(user)
    assert client.get(reverse(INDEX)).status_code == 200
    assert reverse(IMPORT) not in client.get(reverse(INDEX)).content.decode()
    assert refused(upload(client, "words.txt", "法轮功\n"))
    assert not SensitiveWord.objects.exists()


def test_anonymous_is_sent_to_login(client):
    response = client.get(reverse(IMPORT))
    assert response.status_code == 302 and "login" in response.url


def test_real_list_preview_counts_what_was_done_before_writing(operator_client):
    """A list as teams download it: duplicates, comma-separated lines, a filter's
    replacement rules, single characters, a compatibility character, ordinary words."""
    content = (
        "法轮功\n法轮功\n"  # a duplicate
        "替考,答案\n替考,作弊器\n"  # two lines of several words (替考 twice)
        "迷魂药=>>\n"  # a replacement rule, not a typo pair
        "屄\n"  # one character
        "㈩\n①肖\n"  # changed by normalisation
        "人民\n政府\n考试\n"  # ordinary vocabulary
    )
    response = upload(operator_client, "real.txt", content)
    assert response.status_code == 200
    assert not SensitiveWord.objects.exists()
    report = response.context["report"]
    assert (report.duplicates, report.split_lines, report.replacements) == (2, 2, 1)
    assert report.refused_by_reason() == {"one_character": 1, "normalised": 2, "ordinary": 3}
    assert sorted(row.word for row in report.rows) == ["作弊器", "替考", "法轮功", "答案", "迷魂药"]
    assert all(row.kind == "sensitive" for row in report.rows)
    page = response.content.decode()
    assert "govinfo-import-summary" in page and "㈩" in page
    operator_client.post(reverse(IMPORT), {"rows": response.context["confirm_form"]["rows"].value()})
    assert sorted(SensitiveWord.objects.values_list("word", flat=True)) == [
        "作弊器", "替考", "法轮功", "答案", "迷魂药",
    ]
