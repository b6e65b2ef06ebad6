"""Issue 10: "a failed save never loses what the editor typed".

A database error while a page is created, edited or submitted (SQLite's "database is
locked", a dropped PostgreSQL connection) answers with the page form again, filled with
what was posted and a message to save again; nothing of the failed attempt is left in
the database, and the next save succeeds.
"""

from unittest import mock

import pytest
from django.db import OperationalError
from django.urls import reverse
from wagtail.models import Page, WorkflowState

from tests import factories as f
from tests.core.test_permissions import add_url, edit_url, post_data
from wagtail_govinfo.models import InfoPage

pytestmark = pytest.mark.django_db

TYPED = "本周主要农产品价格总体平稳，猪肉价格环比下降百分之二。"


@pytest.fixture
def tree(setup_roles):
    from wagtail_govinfo.workflows.setup import setup_workflow

    setup_workflow()
    dept = f.department("fgw", "市发改委")
    return {"dept": dept, "column": f.column(departments=[dept]), "editor": f.editor(dept)}


def fail_once(cls, name, error="database is locked"):
    """Make ``cls.name`` raise ``OperationalError(error)`` the first time it is called."""
    original = getattr(cls, name)
    calls = []

    def flaky(self, *args, **kwargs):
        calls.append(1)
        if len(calls) == 1:
            raise OperationalError(error)
        return original(self, *args, **kwargs)

    return mock.patch.object(cls, name, flaky)


def typed(department, **extra):
    return {**post_data(department, title="价格监测信息"), "summary": TYPED, **extra}


def test_a_create_that_meets_a_locked_database_shows_the_typed_form_and_leaves_no_page(client, tree):
    client.force_login(tree["editor"])
    pages_before = Page.objects.count()
    with fail_once(InfoPage, "save_revision"):
        response = client.post(add_url(tree["column"]), typed(tree["dept"]))
        assert response.status_code == 503 and response["Retry-After"]
        html = response.content.decode()
        assert TYPED in html and 'value="价格监测信息"' in html
        assert "页面未能保存：数据库正忙" in html
        assert "database is locked" not in html
        # add_child ran before the failure: the transaction took it back.
        assert Page.objects.count() == pages_before
        assert not InfoPage.objects.exists()

        response = client.post(add_url(tree["column"]), typed(tree["dept"]))
    assert response.status_code == 302
    page = InfoPage.objects.get()
    assert page.get_latest_revision_as_object().summary == TYPED


def test_an_edit_that_meets_a_locked_database_keeps_the_typed_text(client, tree):
    page = f.info_page(tree["column"], department=tree["dept"], live=False, title="价格监测信息", summary="旧摘要")
    revisions = page.revisions.count()
    client.force_login(tree["editor"])
    data = {**typed(tree["dept"]), "slug": page.slug}
    with fail_once(InfoPage, "save_revision"):
        response = client.post(edit_url(page), data)
        assert response.status_code == 503
        assert TYPED in response.content.decode()
        assert page.revisions.count() == revisions
        response = client.post(edit_url(page), data)
    assert response.status_code == 302
    page.refresh_from_db()
    assert page.get_latest_revision_as_object().summary == TYPED


def test_a_submit_that_fails_when_the_workflow_starts_leaves_no_draft_and_no_workflow(client, tree):
    from wagtail.models import Workflow

    client.force_login(tree["editor"])
    with fail_once(Workflow, "start"):
        response = client.post(add_url(tree["column"]), typed(tree["dept"], **{"action-submit": "1"}))
        assert response.status_code == 503 and TYPED in response.content.decode()
        assert not InfoPage.objects.exists() and not WorkflowState.objects.exists()
        response = client.post(add_url(tree["column"]), typed(tree["dept"], **{"action-submit": "1"}))
    assert response.status_code == 302
    page = InfoPage.objects.get()
    assert page.current_workflow_state.status == "in_progress"
    assert page.get_latest_revision_as_object().summary == TYPED


def test_an_autosave_that_fails_answers_json_and_leaves_no_draft(client, tree):
    client.force_login(tree["editor"])
    with fail_once(InfoPage, "save_revision"):
        response = client.post(add_url(tree["column"]), typed(tree["dept"]), headers={"Accept": "application/json"})
    assert response.status_code == 503
    body = response.json()
    assert body["success"] is False and body["error_code"] == "database_unavailable"
    assert "数据库正忙" in body["error_message"]
    assert not InfoPage.objects.exists()


def test_a_validation_error_still_answers_as_wagtail_does(client, tree):
    client.force_login(tree["editor"])
    response = client.post(add_url(tree["column"]), typed(tree["dept"], title="", **{"action-submit": "1"}))
    assert response.status_code == 200 and TYPED in response.content.decode()
    assert not InfoPage.objects.exists()


def test_other_requests_meeting_a_database_error_still_answer_503(client, tree):
    client.force_login(tree["editor"])
    with mock.patch("wagtail.admin.views.home.HomeView.get_context_data", side_effect=OperationalError("gone")):
        response = client.get(reverse("wagtailadmin_home"))
    assert response.status_code == 503


@pytest.mark.django_db(transaction=True)
def test_an_error_after_the_save_committed_does_not_show_the_page_as_unsaved(client, tree):
    """An on-commit callback (queueing a task) that fails after the page was saved: the
    editor is told it was saved, so that saving "again" does not create it twice."""
    from django.db import transaction

    original = InfoPage.save_revision

    def save_then_fail_after_commit(self, *args, **kwargs):
        revision = original(self, *args, **kwargs)
        transaction.on_commit(lambda: (_ for _ in ()).throw(OperationalError("database is locked")))
        return revision

    client.force_login(tree["editor"])
    with mock.patch.object(InfoPage, "save_revision", save_then_fail_after_commit):
        response = client.post(add_url(tree["column"]), typed(tree["dept"]))
    assert response.status_code == 302
    assert InfoPage.objects.get().get_latest_revision_as_object().summary == TYPED
