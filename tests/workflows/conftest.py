"""A department with its column and people, and helpers that act through the admin views."""

import json
from dataclasses import dataclass

import pytest
from django.urls import reverse

from tests import factories as f
from wagtail_govinfo.models import InfoPage, Role
from wagtail_govinfo.checklist import CHECKLIST_KEYS
from wagtail_govinfo.workflows.setup import setup_workflow

XHR = {"HTTP_X_REQUESTED_WITH": "XMLHttpRequest"}


def id_number(first17):
    weights = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)
    return first17 + "10X98765432"[sum(int(d) * w for d, w in zip(first17, weights)) % 11]


VALID_ID = id_number("11010519491231002")  # 11010519491231002X


@dataclass
class Flow:
    department: object
    column: object
    editor: object
    reviewer: object
    reviewer2: object
    leader: object
    leader2: object
    outsider_reviewer: object  # reviewer of another department
    outsider_leader: object


@pytest.fixture
def flow(setup_roles):
    setup_workflow()
    dept, other = f.department("fgw", "市发改委"), f.department("jyj", "市教育局")
    flow = Flow(
        department=dept,
        column=f.column(departments=[dept], title="动态要闻"),
        editor=f.editor(dept, username="editor", first_name="信息", last_name="李"),
        reviewer=f.reviewer(dept, username="reviewer", first_name="保密", last_name="王"),
        reviewer2=f.reviewer(dept, username="reviewer2", first_name="审核", last_name="陈"),
        leader=f.leader(dept, username="leader", first_name="分管", last_name="赵"),
        leader2=f.leader(dept, username="leader2", first_name="副职", last_name="孙"),
        outsider_reviewer=f.reviewer(other, username="outsider_reviewer"),
        outsider_leader=f.leader(other, username="outsider_leader"),
    )
    return flow


def page_data(department, title="市发改委召开重大项目推进会", summary="会议通报了全市重大项目建设进展。", **extra):
    return {
        "title": title,
        "slug": "p-" + str(abs(hash(title)) % 100000),
        "info_type": "text",
        "category": "department_news",
        "source_author": "市发改委 李信息",
        "written_on": "2026-11-02",
        "submitting_department": department.pk,
        "undertaking_unit": "",
        "remarks": "",
        "summary": summary,
        "body-count": "0",
        **extra,
    }


def submit_new_page(client, user, column, department, **fields):
    """Create a page in the admin and submit it (信息员 submits)."""
    client.force_login(user)
    url = reverse("wagtailadmin_pages:add", args=("wagtail_govinfo", "infopage", column.pk))
    data = page_data(department, **fields)
    response = client.post(url, {**data, "action-submit": "1"})
    assert response.status_code == 302, response.context["form"].errors if response.context else response
    return InfoPage.objects.get(title=data["title"])


def edit_page(client, user, page, action, department, **fields):
    """Post the edit form of ``page`` with ``action`` (e.g. ``action-submit``, or None to save a draft)."""
    client.force_login(user)
    latest = page.get_latest_revision_as_object()
    data = page_data(
        department,
        title=fields.pop("title", latest.title),
        summary=fields.pop("summary", latest.summary),
        slug=latest.slug,
        **fields,
    )
    data["slug"] = latest.slug
    if action:
        data[action] = "1"
    return client.post(reverse("wagtailadmin_pages:edit", args=(page.pk,)), data)


def current_state(page):
    page = InfoPage.objects.get(pk=page.pk)
    return page.current_workflow_task_state


def action_url(page, action, task_state=None):
    task_state = task_state or current_state(page)
    return reverse("wagtailadmin_pages:workflow_action", args=(page.pk, action, task_state.pk))


def open_action(client, user, page, action):
    client.force_login(user)
    return client.get(action_url(page, action), **XHR)


def post_action(client, user, page, action, data=None, task_state=None):
    """Post a workflow action as the admin's modal does; returns the decoded JSON."""
    client.force_login(user)
    task_state = task_state or current_state(page)
    data = {"state_id": task_state.pk, **(data or {})}
    response = client.post(action_url(page, action, task_state), data, **XHR)
    assert response.status_code == 200, response.status_code
    return response.json()


def approve_review(client, user, page, items=CHECKLIST_KEYS, **data):
    return post_action(client, user, page, "approve", {"checklist": list(items), **data})


def sign_off(client, user, page, **data):
    return post_action(client, user, page, "approve", {"confirm": "on", **data})


def reject(client, user, page, reason):
    return post_action(client, user, page, "reject", {"reason": reason})


def task_name(page):
    state = current_state(page)
    return state.task.specific_class.__name__ if state else None


def extra_data(cleaned):
    return json.dumps(cleaned)


@pytest.fixture(autouse=True)
def deliver_emails_at_once(monkeypatch):
    """These tests are about who is told; e-mails leave when the transaction commits
    (tests/core/test_outbox.py), which a test's transaction never does: deliver them
    as soon as they are stored."""
    from wagtail_govinfo import outbox

    monkeypatch.setattr(outbox, "_on_commit", lambda callback: callback())
