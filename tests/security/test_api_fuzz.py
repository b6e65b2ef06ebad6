"""Property-based fuzzing of the package's endpoints against the OpenAPI schema that the
example site serves (schemathesis + Hypothesis, against a live server): no 5xx, and every
documented response (status and shape) matches the schema. Bounded: a fixed number of
examples per operation, derandomized so CI runs are repeatable."""

import pytest
import schemathesis
from django.test import override_settings
from hypothesis import HealthCheck, given, settings
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import response_schema_conformance, status_code_conformance

from tests import factories as f
from wagtail_govinfo.interaction import handling

pytestmark = pytest.mark.django_db(transaction=True)

EXAMPLES_PER_OPERATION = 40


@pytest.fixture
def site_data(setup_roles):
    fgw = f.department("fgw", "市发改委")
    column = f.column(kind="disclosure", departments=[fgw])
    for n in range(3):
        f.info_page(column, department=fgw, title=f"信息{n}", category="proactive_disclosure")
    operator = f.user("operator", operator=True)
    message = handling.receive(kind="consultation", subject="咨询", body="请问", sender_name="张三",
                               sender_contact="13912345678")
    handling.accept(message, operator, public_subject="咨询", public_body="请问")
    return fgw


def test_the_example_site_serves_its_schema(client):
    response = client.get("/api/schema/")
    assert response.status_code == 200
    paths = response.json()["paths"]
    assert {"/api/v2/pages/", "/api/v2/documents/{id}/", "/api/govinfo/messages/"} <= set(paths)


@override_settings(WAGTAIL_GOVINFO={"MESSAGE_RATE_LIMIT_PER_HOUR": 100_000})
def test_no_5xx_and_responses_as_documented(live_server, site_data):
    schema = schemathesis.openapi.from_url(f"{live_server.url}/api/schema/")
    failures, calls = [], []

    def fuzz(operation):
        @settings(
            max_examples=EXAMPLES_PER_OPERATION, deadline=None, derandomize=True, database=None,
            suppress_health_check=list(HealthCheck),
        )
        @given(case=operation.as_strategy())
        def run(case):
            response = case.call(base_url=live_server.url)
            calls.append(response.status_code)
            try:
                case.validate_response(
                    response,
                    checks=[not_a_server_error, status_code_conformance, response_schema_conformance],
                )
            except Exception as error:  # collect, so one run reports every failing operation
                failures.append(f"{operation.label}: {case.as_curl_command()}\n{str(error)[:500]}")

        run()

    # The submission API (token-authenticated, it writes) is checked against the same schema
    # by tests/articles/test_submission_api_schema.py, not fuzzed here.
    operations = [
        operation for operation in (result.ok() for result in schema.get_all_operations())
        if not operation.path.startswith("/api/govinfo/submissions/")
    ]
    assert len(operations) == 11  # the images endpoint added two
    for operation in operations:
        fuzz(operation)
    assert len(calls) >= 11 * 10  # the fuzz did run
    assert {200, 400} <= set(calls)
    assert not failures, "\n\n".join(failures[:10])
