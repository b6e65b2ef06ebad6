"""The submission API (第十九条) is part of the package's OpenAPI schema, and answers as it says."""

import copy
import re

import pytest
import requests
import schemathesis
from schemathesis.core.failures import FailureGroup
from schemathesis.core.transport import Response as SchemaResponse

from wagtail_govinfo import submission_urls

from .test_submission_api import PAGES, api, call, payload  # noqa: F401 (api is a fixture)

pytestmark = pytest.mark.django_db

PREFIX = "/api/govinfo/submissions/"
HTTP_METHODS = ("get", "post", "put", "patch", "delete")


@pytest.fixture
def served(client):
    response = client.get("/api/schema/")
    assert response.status_code == 200
    return response.json()


def schema_path(route):
    """``pages/<int:pk>/submit/`` as the schema writes it: ``/api/govinfo/submissions/pages/{id}/submit/``."""
    return PREFIX + re.sub(r"<(?:\w+:)?pk>", "{id}", route)


def test_every_submission_url_and_method_is_in_the_schema(served):
    assert submission_urls.urlpatterns
    for pattern in submission_urls.urlpatterns:
        path = schema_path(str(pattern.pattern))
        assert path in served["paths"], path
        view_methods = {m for m in HTTP_METHODS if hasattr(pattern.callback.view_class, m)}
        documented = {m for m in served["paths"][path] if m in HTTP_METHODS}
        assert documented == view_methods, path
        for method in documented:
            operation = served["paths"][path][method]
            assert operation["security"] == [{"submissionToken": []}]
            assert {"401", "403", "429"} <= set(operation["responses"])
    scheme = served["components"]["securitySchemes"]["submissionToken"]
    assert scheme == {**scheme, "type": "apiKey", "in": "header", "name": "Authorization"}


def test_the_payloads_come_from_the_serializers(served):
    new_page = served["paths"][PREFIX + "pages/"]["post"]["requestBody"]["content"]["application/json"]["schema"]
    assert set(new_page["required"]) == {"column", "title", "source_author", "written_on"}
    assert new_page["additionalProperties"] is False
    assert "policy_document" not in new_page["properties"]["category"]["enum"]
    assert "meeting" in new_page["properties"]["category"]["enum"]
    assert new_page["properties"]["attachments"]["maxItems"] == 10
    changes = served["paths"][PREFIX + "pages/{id}/"]["patch"]["requestBody"]["content"]["application/json"]
    assert "column" not in changes["schema"]["properties"] and "required" not in changes["schema"]
    errors = served["paths"][PREFIX + "pages/"]["post"]["responses"]["400"]["content"]["application/json"]
    assert errors["schema"]["type"] == "object"


def test_the_schema_is_valid_openapi(served):
    schema = schemathesis.openapi.from_dict(served)
    schema.validate()
    operations = [result.ok() for result in schema.get_all_operations()]
    assert sum(op.path.startswith(PREFIX) for op in operations) == 6
    broken = copy.deepcopy(served)
    broken["paths"][PREFIX + "pages/"]["post"]["responses"]["201"]["content"] = "JSON"
    with pytest.raises(Exception):  # the check can fail
        schemathesis.openapi.from_dict(broken).validate()


def as_schema_response(response, method, path):
    return SchemaResponse(
        status_code=response.status_code,
        headers={name: [value] for name, value in response.headers.items()},
        content=response.content,
        request=requests.Request(method.upper(), f"http://testserver{path}").prepare(),
        elapsed=0.0,
        verify=False,
    )


def test_the_answers_are_as_documented(client, served, city, api):
    schema = schemathesis.openapi.from_dict(served)
    seen = []

    def check(method, template, response, path=None):
        operation = schema[PREFIX + template][method.upper()]
        try:
            operation.validate_response(as_schema_response(response, method, path or PREFIX + template))
        except FailureGroup as error:
            pytest.fail(f"{method} {template} {response.status_code}: {error}")
        seen.append(response.status_code)
        return response

    check("get", "columns/", call(client, "get", PREFIX + "columns/", api.raw))
    check("get", "columns/", client.get(PREFIX + "columns/"))
    created = check("post", "pages/", call(client, "post", PAGES, api.raw, payload(api.news))).json()
    check("post", "pages/", call(client, "post", PAGES, api.raw, {"column": api.news.pk, "live": True}))
    check("post", "pages/", call(client, "post", PAGES, api.raw, payload(
        api.news, attachments=[{"filename": "a.pdf", "content_base64": "不是base64"}])))
    malformed = client.post(PAGES, "{not json", content_type="application/json",
                            HTTP_AUTHORIZATION=f"Token {api.raw}")
    assert "non_field_errors" in check("post", "pages/", malformed).json()
    check("post", "pages/", call(client, "post", PAGES, api.raw, payload(api.office_column)))
    page = f"{PAGES}{created['id']}/"
    check("patch", "pages/{id}/", call(client, "patch", page, api.raw, {"title": "新标题"}), page)
    check("patch", "pages/{id}/", call(client, "patch", page, api.raw, {"written_on": "昨天"}), page)
    check("get", "pages/{id}/", call(client, "get", f"{PAGES}999999/", api.raw), f"{PAGES}999999/")
    check("post", "pages/{id}/submit/", call(client, "post", page + "submit/", api.raw, {}), page + "submit/")
    check("post", "pages/{id}/submit/", call(client, "post", page + "submit/", api.raw, {}), page + "submit/")
    check("get", "pages/{id}/", call(client, "get", page, api.raw), page)
    check("post", "pages/{id}/publish/", call(client, "post", page + "publish/", api.raw, {}), page + "publish/")
    assert set(seen) == {200, 201, 202, 400, 401, 403, 404, 409}
