"""Documents and data-set files through the API; policy-document listings in a constant
number of queries."""

import datetime

import pytest
from django.core.files.base import ContentFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from wagtail.documents import get_document_model

from tests import factories as f
from wagtail_govinfo.models import InterpretationPage, PolicyDocumentPage

pytestmark = pytest.mark.django_db(transaction=True)

Document = get_document_model()


def document(title, name="data.csv"):
    doc = Document(title=title)
    doc.file.save(name, ContentFile(b"a,b\n1,2\n"), save=False)
    doc.save()
    return doc


@pytest.fixture
def site(setup_roles):
    fgw = f.department("fgw", "市发改委")
    return {"fgw": fgw, "data": f.column(kind="open_data", departments=[fgw]),
            "policies": f.column(kind="policy", departments=[fgw]),
            "interpretations": f.column(kind="interpretation", departments=[fgw])}


def policy_document(site, n, attachment):
    page = PolicyDocumentPage(
        title=f"办法{n}", slug=f"measures-{n}", issuing_authority="市政府办公室",
        published_on=datetime.date(2026, 4, 15), document_number=f"四政办函〔2026〕{n}号",
        effective_on=datetime.date(2026, 4, 15), legal_level="normative_document",
        validity="in_force", subject="机关工作", submitting_department=site["fgw"],
        attachments=[("document", attachment)],
    )
    site["policies"].add_child(instance=page)
    f.publish(page)
    interpretation = InterpretationPage(
        title=f"解读{n}", slug=f"interp-{n}", policy_document=page, form="text",
        drafting_department=site["fgw"], submitting_department=site["fgw"],
    )
    site["interpretations"].add_child(instance=interpretation)
    f.publish(interpretation)
    return page


def test_a_data_file_block_gives_its_url_and_metadata(client, site):
    doc = document("2026年财政预算数据")
    page = f.info_page(site["data"], department=site["fgw"], title="预算数据", body="")
    page.body = [("data_file", {"title": "预算表", "file": doc, "description": "按月更新",
                                "update_frequency": "每月"})]
    f.publish(page)
    data = client.get(f"/api/v2/pages/{page.pk}/").json()
    block = next(b for b in data["body"] if b["type"] == "data_file")["value"]
    assert block["title"] == "预算表" and block["update_frequency"] == "每月"
    assert block["file"]["id"] == doc.pk and block["file"]["title"] == "2026年财政预算数据"
    assert block["file"]["download_url"].startswith("http://testserver/documents/")
    assert block["file"]["file_extension"] == "csv"


def test_documents_of_live_pages_are_reachable_and_others_are_not(client, site):
    used = document("已公开的附件")
    unused = document("未公开的附件", "secret.csv")
    page = f.info_page(site["data"], department=site["fgw"], title="预算数据")
    page.body = [("document", used)]
    f.publish(page)
    draft = f.info_page(site["data"], department=site["fgw"], title="草稿", live=False)
    draft.body = [("document", unused)]
    draft.save()
    listed = {d["id"] for d in client.get("/api/v2/documents/").json()["items"]}
    assert used.pk in listed and unused.pk not in listed
    detail = client.get(f"/api/v2/documents/{used.pk}/").json()
    assert detail["meta"]["download_url"].startswith("http://testserver/documents/")
    assert client.get(f"/api/v2/documents/{unused.pk}/").status_code == 404
    assert client.get("/api/v2/documents/99999999999999999999/").status_code == 404
    assert "limit" in client.get("/api/v2/documents/?limit=999").json()


def count_queries(client, url):
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200, response.content[:300]
    return len(queries), response.json()


def test_policy_documents_with_all_fields_take_a_constant_number_of_queries(client, site):
    url = "/api/v2/pages/?type=wagtail_govinfo.PolicyDocumentPage&fields=*"
    for n in range(2):
        policy_document(site, n, document(f"附件{n}"))
    few, data = count_queries(client, url)
    assert len(data["items"]) == 2
    for n in range(2, 8):
        policy_document(site, n, document(f"附件{n}"))
    many, data = count_queries(client, url)
    assert len(data["items"]) == 8
    assert many == few
    item = data["items"][0]
    assert item["interpretations"][0]["title"].startswith("解读")
    assert item["attachments"][0]["value"]["download_url"].startswith("http://testserver/documents/")
