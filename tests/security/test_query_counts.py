"""Admin listings whose number of queries does not grow with the data: counted at two
sizes of the same data, the counts must be equal."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from tests import factories as f
from tests.ledger.conftest import sign_off
from wagtail_govinfo.interaction import handling
from wagtail_govinfo.ledger.models import SubmissionLedgerEntry
from wagtail_govinfo.ledger.setup import setup_ledgers

pytestmark = pytest.mark.django_db


def queries(client, url, params=None):
    client.get(url, params or {})  # warm the process-wide caches (content types, sites)
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url, params or {})
    assert response.status_code == 200, response.status_code
    return len(captured), response


@pytest.fixture
def world(setup_roles):
    setup_ledgers()
    fgw = f.department("fgw", "市发改委")
    return {
        "fgw": fgw,
        "column": f.column(departments=[fgw], title="发改动态"),
        "editor": f.editor(fgw, username="editor"),
        "reviewer": f.reviewer(fgw, username="reviewer"),
        "leader": f.leader(fgw, username="leader"),
        "operator": f.user("operator", operator=True),
    }


def add_messages(world, count):
    for n in range(count):
        message = handling.receive(kind="consultation", subject=f"咨询{n}", body="请问", sender_name="张三",
                                   sender_contact="13912345678")
        handling.accept(message, world["operator"], public_subject=f"咨询{n}", public_body="请问")
        handling.assign(message, world["operator"], department=world["fgw"])


def add_pages(world, count, live=True):
    for n in range(count):
        page = f.info_page(world["column"], department=world["fgw"], title=f"信息{n}", live=live)
        if not live:
            page.owner = world["editor"]
            page.save()


def add_entries(world, count):
    for n in range(count):
        page = f.info_page(world["column"], department=world["fgw"], title=f"报送{n}", live=False)
        sign_off(page, reviewer=world["reviewer"], leader=world["leader"], submitter=world["editor"])


def test_message_list_for_department_staff(client, world):
    client.force_login(world["editor"])
    url = reverse("govinfo_messages:index")
    add_messages(world, 2)
    few, _ = queries(client, url)
    add_messages(world, 8)
    many, response = queries(client, url)
    assert len(response.context["object_list"]) == 10
    assert many == few


def test_an_editors_page_explorer(client, world):
    client.force_login(world["editor"])
    url = reverse("wagtailadmin_explore", args=[world["column"].pk])
    add_pages(world, 1)
    add_pages(world, 1, live=False)
    few, _ = queries(client, url)
    add_pages(world, 4)
    add_pages(world, 4, live=False)
    many, response = queries(client, url)
    assert "信息3" in response.content.decode()
    assert many == few


def test_ledger_index(client, world):
    client.force_login(world["leader"])
    url = reverse("wagtail_govinfo_ledger_submissionledgerentry_modeladmin_index")
    add_entries(world, 2)
    few, _ = queries(client, url)
    add_entries(world, 6)
    many, response = queries(client, url)
    assert SubmissionLedgerEntry.objects.count() == 8
    assert many == few
