"""The headless API (Wagtail API v2): fields of every page type, interpretations, disclosure filters."""

import datetime

import pytest

from tests import factories as f
from wagtail_govinfo.models import InterpretationPage, PolicyDocumentPage, TopicStatus

pytestmark = pytest.mark.django_db


@pytest.fixture
def content(setup_roles):
    fgw, jyj = f.department("fgw", "市发改委"), f.department("jyj", "市教育局")
    policies = f.column(kind="policy", departments=[fgw])
    interpretations = f.column(kind="interpretation", departments=[fgw])
    disclosure = f.column(kind="disclosure", departments=[fgw, jyj])
    policy = PolicyDocumentPage(
        title="管理办法", slug="measures", issuing_authority="四平市人民政府办公室",
        published_on=datetime.date(2020, 4, 15), document_number="四政办函〔2020〕12号",
        effective_on=datetime.date(2020, 4, 15), legal_level="normative_document",
        validity="in_force", subject="机关工作", submitting_department=fgw,
    )
    policies.add_child(instance=policy)
    f.publish(policy)
    interps = []
    for slug, form in (("text", "text"), ("graphic", "graphic")):
        page = InterpretationPage(
            title=f"解读{slug}", slug=slug, policy_document=policy, form=form,
            drafting_department=fgw, submitting_department=fgw,
        )
        interpretations.add_child(instance=page)
        interps.append(f.publish(page))
    draft = InterpretationPage(
        title="草稿解读", slug="draft", policy_document=policy, submitting_department=fgw, live=False
    )
    interpretations.add_child(instance=draft)
    draft.save_revision()
    budget = f.info_page(disclosure, department=fgw, category="proactive_disclosure", title="预算公开")
    school = f.info_page(disclosure, department=jyj, category="proactive_disclosure", title="招生公开")
    news = f.info_page(f.column(departments=[fgw]), department=fgw, category="department_news", title="动态")
    return locals()


def get(client, url):
    response = client.get(url)
    assert response.status_code == 200, response.content
    return response.json()


def test_policy_document_exposes_its_seven_attributes_and_interpretations(client, content):
    data = get(client, "/api/v2/pages/?type=wagtail_govinfo.PolicyDocumentPage&fields=*")
    assert data["meta"]["total_count"] == 1
    item = data["items"][0]
    assert item["issuing_authority"] == "四平市人民政府办公室"
    assert item["published_on"] == "2020-04-15"
    assert item["document_number"] == "四政办函〔2020〕12号"
    assert item["effective_on"] == "2020-04-15"
    assert item["legal_level"] == "normative_document"
    assert item["validity"] == "in_force"
    assert item["subject"] == "机关工作"
    assert item["submitting_department"] == {"code": "fgw", "name": "市发改委"}
    # Only the live interpretations, in order.
    assert [i["title"] for i in item["interpretations"]] == ["解读text", "解读graphic"]
    assert [i["form"] for i in item["interpretations"]] == ["text", "graphic"]


def test_interpretation_points_to_its_policy_document(client, content):
    data = get(client, "/api/v2/pages/?type=wagtail_govinfo.InterpretationPage&fields=*")
    assert {i["policy_document"] for i in data["items"]} == {content["policy"].pk}
    assert {i["drafting_department"]["code"] for i in data["items"]} == {"fgw"}


def test_info_page_fields(client, content):
    data = get(client, f"/api/v2/pages/{content['budget'].pk}/")
    for name in ("info_type", "category", "source_author", "written_on", "body", "undertaking_unit", "remarks"):
        assert name in data
    assert data["category"] == "proactive_disclosure"
    assert data["body"][0]["type"] == "rich_text"


def test_column_and_topic_fields(client, content):
    topics = f.column(kind="topic", departments=[content["fgw"]])
    f.topic(topics, owners=[content["jyj"]], title="专题A")
    data = get(client, "/api/v2/pages/?type=wagtail_govinfo.TopicPage&fields=*")
    assert data["items"][0]["status"] == TopicStatus.ACTIVE
    assert data["items"][0]["owner_departments"] == [{"code": "jyj", "name": "市教育局"}]
    data = get(client, f"/api/v2/pages/{topics.pk}/")
    assert data["column_kind"] == "topic"
    assert data["responsible_departments"] == [{"code": "fgw", "name": "市发改委"}]


def test_disclosure_listing_gathers_disclosed_content_only(client, content):
    titles = {i["title"] for i in get(client, "/api/v2/disclosure/")["items"]}
    assert titles == {"预算公开", "招生公开", "管理办法", "解读text", "解读graphic"}


def test_disclosure_filters_by_department_year_and_category(client, content):
    def titles(query):
        return {i["title"] for i in get(client, f"/api/v2/disclosure/?{query}")["items"]}

    assert titles("department=jyj") == {"招生公开"}
    assert titles("category=policy_document") == {"管理办法"}
    assert titles("category=interpretation_document") == {"解读text", "解读graphic"}
    assert titles("category=proactive_disclosure&department=fgw") == {"预算公开"}
    this_year = content["budget"].first_published_at.year
    assert "预算公开" in titles(f"year={this_year}")
    assert titles(f"year={this_year - 1}") == set()


def test_pages_endpoint_filters_too(client, content):
    data = get(client, "/api/v2/pages/?department=jyj")
    assert {i["title"] for i in data["items"]} == {"招生公开"}


@pytest.mark.parametrize(
    "query, field",
    [("year=20x6", "year"), ("year=26", "year"), ("category=nonsense", "category")],
)
def test_bad_filters_answer_400_with_the_field(client, content, query, field):
    response = client.get(f"/api/v2/disclosure/?{query}")
    assert response.status_code == 400
    assert field in response.json()


def test_drafts_are_not_exposed(client, content):
    data = get(client, "/api/v2/pages/?type=wagtail_govinfo.InterpretationPage")
    assert "草稿解读" not in {i["title"] for i in data["items"]}
