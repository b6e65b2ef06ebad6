"""The submission API of the departments' clients (第十九条)."""

import pytest
from django.test import override_settings
from django.urls import reverse
from wagtail.models import ModelLogEntry, Revision

from tests import factories as f
from wagtail_govinfo.checklist import CHECKLIST_KEYS
from wagtail_govinfo.models import InfoPage, SubmissionToken

from .conftest import home
from .test_recheck import act

pytestmark = pytest.mark.django_db

PAGES = "/api/govinfo/submissions/pages/"


@pytest.fixture
def api(city):
    news = f.column(departments=[city.bureau], title="发改动态")
    office_column = f.column(departments=[city.office], title="办公室通知")
    token, raw = SubmissionToken.issue(department=city.bureau, client_name="多媒体报送系统", acting_user=city.bureau_editor)
    return type("Api", (), {"news": news, "office_column": office_column, "token": token, "raw": raw})


def call(client, method, url, raw, data=None):
    kwargs = {"content_type": "application/json", "HTTP_AUTHORIZATION": f"Token {raw}"}
    return getattr(client, method)(url, data, **kwargs) if data is not None else getattr(client, method)(url, **kwargs)


def payload(column, **extra):
    return {
        "column": column.pk, "title": "市发改委召开项目调度会", "source_author": "市发改委 李信息",
        "written_on": "2026-11-30", "summary": "会议调度了重点项目进展。", "body": "<p>会议要求加快进度。</p>", **extra,
    }


def test_create_submit_and_follow_a_page_to_publication(client, city, api):
    columns = call(client, "get", "/api/govinfo/submissions/columns/", api.raw).json()
    assert [c["id"] for c in columns] == [api.news.pk]

    response = call(client, "post", PAGES, api.raw, payload(api.news))
    assert response.status_code == 201, response.json()
    page_id = response.json()["id"]
    page = InfoPage.objects.get(pk=page_id)
    assert not page.live and page.submitting_department == city.bureau and page.owner == city.bureau_editor
    assert response.json()["outcome"] == "draft"

    response = call(client, "patch", f"{PAGES}{page_id}/", api.raw, {"title": "市发改委召开重点项目调度会"})
    assert response.status_code == 200 and response.json()["title"] == "市发改委召开重点项目调度会"

    response = call(client, "post", f"{PAGES}{page_id}/submit/", api.raw, {})
    assert response.status_code == 202
    assert response.json()["outcome"] == "in_review" and response.json()["current_step"] == "保密审核"
    # Submitting twice is refused.
    assert call(client, "post", f"{PAGES}{page_id}/submit/", api.raw, {}).status_code == 409

    # Returned with a reason, corrected by API, resubmitted, reviewed, signed, published.
    assert act(client, city.bureau_reviewer, page, "reject", {"reason": "请补充会议时间。"}).json()["step"] == "success"
    status = call(client, "get", f"{PAGES}{page_id}/", api.raw).json()
    assert status["outcome"] == "returned" and status["returned_reason"] == "请补充会议时间。"
    call(client, "patch", f"{PAGES}{page_id}/", api.raw, {"summary": "11月30日上午，会议调度了重点项目进展。"})
    assert call(client, "post", f"{PAGES}{page_id}/submit/", api.raw, {}).status_code == 202
    assert act(client, city.bureau_reviewer, page, "approve", {"checklist": list(CHECKLIST_KEYS)}).json()["step"] == "success"
    assert act(client, city.bureau_leader, page, "approve", {"confirm": "on"}).json()["step"] == "success"
    status = call(client, "get", f"{PAGES}{page_id}/", api.raw).json()
    assert status["outcome"] == "published" and status["live"] is True
    assert [s["status"] for s in status["steps"]][-3:] == ["approved", "skipped", "approved"]
    assert InfoPage.objects.get(pk=page_id).summary.startswith("11月30日")

    # Every call is in the audit log.
    calls = ModelLogEntry.objects.filter(action="wagtail_govinfo.submission_api.call")
    assert calls.count() == 9
    assert {c.data["status"] for c in calls} >= {200, 201, 202, 409}


def test_another_departments_column_is_refused(client, city, api):
    response = call(client, "post", PAGES, api.raw, payload(api.office_column))
    assert response.status_code == 403
    assert not InfoPage.objects.exists()


def test_a_bad_payload_writes_nothing(client, city, api):
    before = Revision.objects.count()
    response = call(client, "post", PAGES, api.raw, {"column": api.news.pk, "written_on": "昨天", "live": True})
    assert response.status_code == 400
    errors = response.json()
    assert {"title", "source_author", "written_on"} <= set(errors)
    response = call(client, "post", PAGES, api.raw, payload(api.news, live=True))
    assert response.status_code == 400 and "live" in response.json()
    response = call(client, "post", PAGES, api.raw, payload(api.news, category="leader_activity"))
    assert response.status_code == 400 and "市政府办公室" in response.json()["category"][0]
    assert not InfoPage.objects.exists() and Revision.objects.count() == before


def test_a_revoked_or_unknown_token_is_refused(client, city, api):
    client.force_login(city.operator)
    client.post(reverse("govinfo_articles:submission_token_revoke", args=[api.token.pk]))
    client.logout()
    assert call(client, "post", PAGES, api.raw, payload(api.news)).status_code == 401
    refused = ModelLogEntry.objects.get(action="wagtail_govinfo.submission_api.call")
    assert refused.data["status"] == 401 and refused.data["refused"] == "revoked"
    assert call(client, "get", "/api/govinfo/submissions/columns/", "x" * 40).status_code == 401
    assert client.get("/api/govinfo/submissions/columns/").status_code == 401
    assert not InfoPage.objects.exists()


def test_no_path_to_publish(client, city, api):
    page_id = call(client, "post", PAGES, api.raw, payload(api.news)).json()["id"]
    response = call(client, "post", f"{PAGES}{page_id}/publish/", api.raw, {})
    assert response.status_code == 403
    assert "审核" in response.json()["detail"]
    call(client, "patch", f"{PAGES}{page_id}/", api.raw, {"live": True})
    assert not InfoPage.objects.get(pk=page_id).live


def test_a_session_is_not_a_token(client, city, api):
    client.force_login(city.bureau_editor)
    response = client.post(PAGES, payload(api.news), content_type="application/json")
    assert response.status_code in (401, 403)
    assert not InfoPage.objects.exists()


@override_settings(WAGTAIL_GOVINFO={"SUBMISSION_API_RATE_PER_MINUTE": 2})
def test_calls_are_rate_limited(client, city, api):
    from django.core.cache import cache

    cache.clear()
    url = "/api/govinfo/submissions/columns/"
    assert [call(client, "get", url, api.raw).status_code for _ in range(3)] == [200, 200, 429]


def test_operator_creates_a_token_shown_once_and_stored_hashed(client, city, api):
    url = reverse("govinfo_articles:submission_token_create")
    client.force_login(city.operator)
    response = client.post(url, {"department": city.bureau.pk, "client_name": "新媒体平台", "acting_user": city.bureau_editor.pk})
    assert response.status_code == 200
    raw = response.context["raw"]
    token = SubmissionToken.objects.get(client_name="新媒体平台")
    assert raw in response.content.decode()
    assert raw not in (token.key_hash, token.prefix) and len(token.key_hash) == 64
    assert call(client, "get", "/api/govinfo/submissions/columns/", raw).status_code == 200
    # The acting user must be an editor of the department.
    client.force_login(city.operator)
    response = client.post(url, {"department": city.office.pk, "client_name": "错", "acting_user": city.bureau_editor.pk})
    assert "acting_user" in response.context["form"].errors
    # Only the operator reaches these screens.
    listing = reverse("govinfo_articles:submission_tokens")
    assert listing in home(client, city.operator)
    assert "报送客户端" in client.get(listing).content.decode()
    for user in (city.bureau_editor, city.office_leader, city.auditor):
        assert listing not in home(client, user)
        assert client.get(listing).status_code == 302
        assert client.post(reverse("govinfo_articles:submission_token_revoke", args=[api.token.pk])).status_code == 302
    assert SubmissionToken.objects.get(pk=api.token.pk).active


def test_attachments_become_documents_of_the_page(client, city, api):
    import base64

    from wagtail.documents import get_document_model

    Document = get_document_model()
    pdf = base64.b64encode(b"%PDF-1.4 minimal").decode()
    response = call(client, "post", PAGES, api.raw, payload(
        api.news, attachments=[{"filename": "通知.pdf", "title": "通知全文", "content_base64": pdf}]
    ))
    assert response.status_code == 201, response.json()
    page = InfoPage.objects.get(pk=response.json()["id"])
    documents = [block.value for block in page.get_latest_revision_as_object().body if block.block_type == "document"]
    assert [d.title for d in documents] == ["通知全文"]
    assert documents[0].uploaded_by_user == city.bureau_editor
    # A bad attachment is refused with its field and writes nothing.
    before = Document.objects.count()
    response = call(client, "post", PAGES, api.raw, payload(
        api.news, title="另一条", attachments=[{"filename": "a.pdf", "content_base64": "不是base64"}]
    ))
    assert response.status_code == 400 and "attachments" in response.json()
    assert Document.objects.count() == before and not InfoPage.objects.filter(title="另一条").exists()
