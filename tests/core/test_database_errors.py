"""A lost database connection: a 503 (JSON for the API, a plain page for the admin), and
the next request works. The same against a really terminated PostgreSQL connection is
in tests/faults/."""

import json

import pytest
from django.db import OperationalError, connection


pytestmark = pytest.mark.django_db


class FailOnce:
    """The connection breaks at the ``at``-th query of the request."""

    def __init__(self, at=1):
        self.at = at
        self.seen = 0

    def __call__(self, execute, sql, params, many, context):
        self.seen += 1
        if self.seen == self.at:
            raise OperationalError("terminating connection due to administrator command")
        return execute(sql, params, many, context)


def test_the_api_answers_503_json_and_the_next_request_succeeds(client):
    with connection.execute_wrapper(FailOnce()):
        response = client.get("/api/v2/pages/")
    assert response.status_code == 503
    assert response["Content-Type"] == "application/json"
    assert response["Retry-After"]
    assert "detail" in json.loads(response.content)
    assert client.get("/api/v2/pages/").status_code == 200


def test_the_admin_answers_a_plain_503_page(admin_client):
    client = admin_client
    # After the session and the user are read (a failure there logs the user out: Django).
    with connection.execute_wrapper(FailOnce(at=3)):
        response = client.get("/admin/")
    assert response.status_code == 503
    assert response["Content-Type"].startswith("text/html")
    assert b"Traceback" not in response.content and b"OperationalError" not in response.content
    assert client.get("/admin/").status_code == 200
