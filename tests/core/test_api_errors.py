"""Every bad query parameter of the package's API answers 400 with a list of messages per
parameter, in the request's language; ``type=`` works with the package's filters;
absolute URLs come from the configured base URL."""

import pytest

from .test_api import content, get  # noqa: F401  (fixture)

pytestmark = pytest.mark.django_db

ENDPOINTS = ["/api/v2/pages/", "/api/v2/disclosure/"]


def bad(client, url, language="en"):
    response = client.get(url, HTTP_ACCEPT_LANGUAGE=language)
    assert response.status_code == 400, (url, response.status_code, response.content[:300])
    body = response.json()
    assert body and all(isinstance(messages, list) and messages for messages in body.values()), body
    assert all(isinstance(m, str) and m for messages in body.values() for m in messages), body
    return body


@pytest.mark.parametrize("endpoint", ENDPOINTS)
@pytest.mark.parametrize(
    "query, field",
    [
        ("year=0000", "year"),
        ("year=0001", "year"),
        ("year=9999", "year"),
        ("year=20x6", "year"),
        ("year=９９９９", "year"),
        ("year=99999999999999999999999", "year"),
        ("department=nosuch", "department"),
        ("category=nonsense", "category"),
        ("limit=21", "limit"),
        ("limit=-1", "limit"),
        ("limit=abc", "limit"),
        ("offset=-5", "offset"),
        ("offset=99999999999999999999", "offset"),
        ("id=99999999999999999999", "id"),
        ("child_of=abc", "child_of"),
        ("child_of=99999999999999999999", "child_of"),
        ("descendant_of=0", "descendant_of"),
        ("type=nosuch.Model", "type"),
        ("fields=nosuch", "fields"),
        ("order=nosuch", "order"),
        ("colour=red", "colour"),
        ("department=%01", "department"),
    ],
)
def test_bad_parameters_answer_400_with_a_list_per_parameter(client, content, endpoint, query, field):
    body = bad(client, f"{endpoint}?{query}")
    assert field in body


def test_messages_are_in_the_requests_language(client, content):
    chinese = bad(client, "/api/v2/pages/?limit=21", language="zh-hans")["limit"][0]
    english = bad(client, "/api/v2/pages/?limit=21", language="en")["limit"][0]
    assert "20" in chinese and "20" in english and chinese != english
    assert any("\u4e00" <= ch <= "\u9fff" for ch in chinese), chinese
    chinese = bad(client, "/api/v2/disclosure/?department=nosuch", language="zh-hans")["department"][0]
    assert "nosuch" in chinese and any("\u4e00" <= ch <= "\u9fff" for ch in chinese)


def test_not_found_is_detail(client, content):
    for url in ("/api/v2/pages/999999/", "/api/v2/pages/99999999999999999999/"):
        response = client.get(url)
        assert response.status_code == 404
        assert list(response.json()) == ["detail"]


@pytest.mark.parametrize("endpoint", ENDPOINTS)
@pytest.mark.parametrize(
    "page_type", ["wagtail_govinfo.InfoPage", "wagtail_govinfo.PolicyDocumentPage",
                  "wagtail_govinfo.InterpretationPage", "wagtail_govinfo.TopicPage",
                  "wagtail_govinfo.ColumnPage", "wagtailcore.Page"],
)
def test_type_combines_with_the_package_filters(client, content, endpoint, page_type):
    for query in ("department=fgw", "category=proactive_disclosure", "category=policy_document",
                  "department=jyj&category=proactive_disclosure", f"year={content['budget'].first_published_at.year}"):
        get(client, f"{endpoint}?type={page_type}&{query}")
    titles = {i["title"] for i in get(client, f"{endpoint}?type=wagtail_govinfo.InfoPage&department=fgw")["items"]}
    assert titles == ({"预算公开", "动态"} if endpoint == "/api/v2/pages/" else {"预算公开"})
    titles = {
        i["title"]
        for i in get(client, f"{endpoint}?type=wagtail_govinfo.InfoPage&category=policy_document")["items"]
    }
    assert titles == set()


def test_absolute_urls_come_from_the_configured_base_url(client, content, settings):
    settings.WAGTAILAPI_BASE_URL = "https://www.siping.example"
    item = get(client, "/api/v2/pages/?type=wagtail_govinfo.InfoPage")["items"][0]
    assert item["meta"]["detail_url"].startswith("https://www.siping.example/api/v2/pages/")


def test_a_long_number_may_be_searched(client, content):
    response = client.get("/api/v2/pages/?search=220302198506123419123")
    assert response.status_code == 200
