"""Attachments are private until a page that uses them is published (through HTTP)."""

import datetime

import pytest
from django.core.management import call_command
from django.test import override_settings

from tests import factories as f
from tests.attachments.files import MARKING, document, pdf_bytes
from wagtail_govinfo.models import InfoPage, LiveAttachmentUse

pytestmark = pytest.mark.django_db


@pytest.fixture
def desk(setup_roles):
    dept = f.department("desk")
    return {"dept": dept, "column": f.column(departments=[dept])}


def page_with(column, *documents, title="带附件的信息"):
    page = InfoPage(
        title=title, slug=f"p-{abs(hash(title)) % 100000}", source_author="作者",
        written_on=datetime.date(2026, 11, 1), body=[("document", d) for d in documents], live=False,
    )
    column.add_child(instance=page)
    page.save_revision()
    return page


def test_attachment_of_an_unpublished_page_is_refused_until_published(client, desk):
    doc = document("通知.pdf", pdf_bytes("通知正文"))
    page = page_with(desk["column"], doc)

    assert client.get(doc.url).status_code == 404

    f.publish(page)
    response = client.get(doc.url)
    assert response.status_code == 200
    assert b"".join(response.streaming_content).startswith(b"%PDF")


def test_unpublishing_makes_the_attachment_private_again_unless_used_elsewhere(client, desk):
    shared, own = document("共用.pdf", pdf_bytes("a")), document("自有.pdf", pdf_bytes("b"))
    first = f.publish(page_with(desk["column"], shared, own, title="第一篇"))
    f.publish(page_with(desk["column"], shared, title="第二篇"))
    assert client.get(own.url).status_code == 200

    first.unpublish()
    assert client.get(own.url).status_code == 404
    assert client.get(shared.url).status_code == 200


def test_a_document_dropped_from_the_live_version_becomes_private(client, desk):
    old, new = document("旧.pdf", pdf_bytes("a")), document("新.pdf", pdf_bytes("b"))
    page = f.publish(page_with(desk["column"], old))
    assert client.get(old.url).status_code == 200
    page.body = [("document", new)]
    f.publish(page)
    assert client.get(old.url).status_code == 404
    assert client.get(new.url).status_code == 200


def test_a_draft_change_does_not_publish_its_new_attachment(client, desk):
    live_doc, draft_doc = document("已发.pdf", pdf_bytes("a")), document("草稿.pdf", pdf_bytes(MARKING))
    page = f.publish(page_with(desk["column"], live_doc))
    page.body = [("document", live_doc), ("document", draft_doc)]
    page.save_revision()
    assert client.get(draft_doc.url).status_code == 404


def test_staff_who_may_choose_the_document_download_it_before_publication(client, desk):
    doc = document("内部.pdf", pdf_bytes("a"))
    page_with(desk["column"], doc)
    client.force_login(f.editor(desk["dept"]))
    assert client.get(doc.url).status_code == 200


def test_a_signed_in_user_without_document_rights_is_refused(client, desk):
    doc = document("内部.pdf", pdf_bytes("a"))
    page_with(desk["column"], doc)
    client.force_login(f.user())  # no role, no admin
    assert client.get(doc.url).status_code == 404


def test_deleting_a_live_page_makes_its_attachments_private(client, desk):
    doc = document("删除.pdf", pdf_bytes("a"))
    page = f.publish(page_with(desk["column"], doc))
    page.delete()
    assert client.get(doc.url).status_code == 404
    assert not LiveAttachmentUse.objects.exists()


def test_setup_makes_the_attachments_of_existing_live_pages_public(client, desk):
    doc = document("存量.pdf", pdf_bytes("a"))
    f.publish(page_with(desk["column"], doc))
    LiveAttachmentUse.objects.all().delete()  # as on a site that just installed the package
    assert client.get(doc.url).status_code == 404
    call_command("govinfo_setup", stdout=open("/dev/null", "w"))
    call_command("govinfo_setup", stdout=open("/dev/null", "w"))  # idempotent
    assert client.get(doc.url).status_code == 200
    assert LiveAttachmentUse.objects.count() == 1


@override_settings(WAGTAIL_GOVINFO={"ATTACHMENT_PRIVACY": False})
def test_privacy_can_be_switched_off(client, desk):
    doc = document("公开.pdf", pdf_bytes("a"))
    page_with(desk["column"], doc)
    assert client.get(doc.url).status_code == 200


def test_direct_serving_is_a_configuration_error(settings):
    from django.core.checks import run_checks

    settings.WAGTAILDOCS_SERVE_METHOD = "direct"
    assert "wagtail_govinfo.E020" in [e.id for e in run_checks()]
    settings.WAGTAILDOCS_SERVE_METHOD = "serve_view"
    assert "wagtail_govinfo.E020" not in [e.id for e in run_checks()]
