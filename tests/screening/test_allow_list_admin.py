"""The operator's changes to the allow-list in the admin: words added, shipped words
disabled, merged with the configured list when the dictionary compiles."""

import pytest
from django.urls import reverse

from tests import factories
from wagtail_govinfo.models import AllowListEntry, SensitiveWord
from wagtail_govinfo.screening import screen
from wagtail_govinfo.screening.dictionary import load_allow_list
from wagtail_govinfo.screening.wordlists import read_word_list

pytestmark = pytest.mark.django_db

INDEX = "govinfo_allow_list:index"
ADD = "govinfo_allow_list:add"
EDIT = "govinfo_allow_list:edit"
DELETE = "govinfo_allow_list:delete"


@pytest.fixture
def operator_client(client, setup_roles):
    client.force_login(factories.user(operator=True))
    return client


@pytest.fixture
def editor_client(client, setup_roles):
    client.force_login(factories.editor(factories.department()))
    return client


def add(client, word, effect="allow", note=""):
    return client.post(reverse(ADD), {"word": word, "effect": effect, "note": note})


def words_found(text):
    return [f.word for f in screen(text) if f.kind == "sensitive_word"]


def test_adding_a_word_stops_it_being_reported_and_deleting_it_brings_it_back(operator_client):
    SensitiveWord.objects.create(word="兼职")
    assert words_found("兼职人员登记") == ["兼职"]
    response = add(operator_client, "兼职人员", note="本单位人事用语")
    assert response.status_code == 302
    entry = AllowListEntry.objects.get()
    assert (entry.word, entry.effect, entry.note) == ("兼职人员", "allow", "本单位人事用语")
    assert words_found("兼职人员登记") == []  # part of an allowed word now
    assert words_found("招聘兼职") == ["兼职"]  # still reported elsewhere
    # The import now refuses it as ordinary vocabulary.
    report = read_word_list("words.txt", "兼职人员\n代开发票\n".encode())
    assert [(r.word, r.reason) for r in report.refused] == [("兼职人员", "ordinary")]

    response = operator_client.post(reverse(DELETE, args=[entry.pk]))
    assert response.status_code == 302 and not AllowListEntry.objects.exists()
    assert words_found("兼职人员登记") == ["兼职"]


def test_disabling_a_shipped_word_makes_its_parts_reported_again(operator_client):
    SensitiveWord.objects.create(word="共产")
    assert words_found("全体共产党员") == []  # inside the shipped 共产党
    assert "共产党" in load_allow_list()
    response = add(operator_client, "共产党", effect="disable", note="本站需要逐条核对")
    assert response.status_code == 302
    assert "共产党" not in load_allow_list()
    assert words_found("全体共产党员") == ["共产"]
    # Editing the entry back to nothing disabled: an "allow" of a shipped word is refused...
    entry = AllowListEntry.objects.get()
    response = operator_client.post(
        reverse(EDIT, args=[entry.pk]), {"word": "共产党", "effect": "allow", "note": ""}
    )
    assert response.status_code == 200 and "word" in response.context["form"].errors
    # ...so the operator deletes it, and the shipped word applies again.
    operator_client.post(reverse(DELETE, args=[entry.pk]))
    assert words_found("全体共产党员") == []


def test_a_disabled_shipped_word_can_be_imported(operator_client):
    assert [r.reason for r in read_word_list("w.txt", "发票\n".encode()).refused] == ["ordinary"]
    add(operator_client, "发票", effect="disable")
    report = read_word_list("w.txt", "发票\n".encode())
    assert [r.word for r in report.rows] == ["发票"] and report.refused == []


@pytest.mark.parametrize(
    "word,effect,message",
    [
        ("人民", "allow", "已在内置允许词表中"),
        ("代开发票", "disable", "不在内置允许词表中"),
        ("兼", "allow", "至少要有两个"),
        ("，。", "allow", "至少要有两个"),
        ("ＡＢＣ公司", "allow", "已有允许词记录"),  # the same as "abc公司" once normalised
    ],
)
def test_the_form_refuses_changes_that_mean_nothing(operator_client, word, effect, message):
    AllowListEntry.objects.create(word="abc公司")
    response = add(operator_client, word, effect=effect)
    assert response.status_code == 200
    assert message in " ".join(response.context["form"].errors["word"])
    assert AllowListEntry.objects.count() == 1


def test_the_operator_lists_and_searches_in_chinese(operator_client):
    AllowListEntry.objects.create(word="兼职人员", note="人事用语")
    AllowListEntry.objects.create(word="共产党", effect="disable")
    response = operator_client.get(reverse(INDEX))
    content = response.content.decode()
    assert response.status_code == 200
    assert "兼职人员" in content and "共产党" in content
    assert "允许词" in content and "加入允许词表" in content and "停用内置允许词" in content
    response = operator_client.get(reverse(INDEX), {"q": "人事"})
    content = response.content.decode()
    assert "兼职人员" in content and "共产党" not in content
    response = operator_client.get(reverse(INDEX), {"effect": "disable"})
    content = response.content.decode()
    assert "共产党" in content and "兼职人员" not in content
    response = operator_client.get(reverse(ADD))
    assert "作用" in response.content.decode() and "说明" in response.content.decode()


def test_others_are_refused(editor_client, client):
    entry = AllowListEntry.objects.create(word="兼职人员")
    for url in (reverse(INDEX), reverse(ADD), reverse(EDIT, args=[entry.pk]), reverse(DELETE, args=[entry.pk])):
        response = editor_client.get(url)
        assert response.status_code in (302, 403) and (
            response.status_code == 403 or response.url == reverse("wagtailadmin_home")
        ), url
    response = add(editor_client, "招聘会")
    assert response.status_code in (302, 403) and AllowListEntry.objects.count() == 1
    response = editor_client.post(reverse(DELETE, args=[entry.pk]))
    assert AllowListEntry.objects.filter(pk=entry.pk).exists()
    client.logout()
    response = client.get(reverse(INDEX))
    assert response.status_code == 302 and reverse("wagtailadmin_login") in response.url


def test_a_change_reaches_a_worker_that_compiled_before_it(operator_client, django_assert_max_num_queries):
    """Another worker: its compiled dictionary is dropped when the shared version changes,
    and it reads the words and the allow-list changes in one go (two queries)."""
    from wagtail_govinfo.screening import clear_compiled_dictionary, get_dictionary

    SensitiveWord.objects.create(word="兼职")
    first = get_dictionary()
    assert words_found("兼职人员") == ["兼职"]
    add(operator_client, "兼职人员")
    clear_compiled_dictionary()  # a fresh worker after the change
    with django_assert_max_num_queries(2):
        second = get_dictionary()
    assert second.version != first.version
    assert words_found("兼职人员") == []
    clear_compiled_dictionary()  # yet another: the shared cache holds both lists
    with django_assert_max_num_queries(0):
        get_dictionary()
