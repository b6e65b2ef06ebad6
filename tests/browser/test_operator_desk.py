"""Issue 10 in headless Chromium, zh-hans: a refusal says why; a topic's status and its
restore in the explorer; a department's people by role and the person chooser."""

import pytest
from django.urls import reverse
from django.utils import timezone

from tests import factories as f
from tests.browser.conftest import login
from wagtail_govinfo import lifecycle
from wagtail_govinfo.models import ColumnKind, DepartmentRole, Role, TopicPage, TopicStatus
from wagtail_govinfo.setup import setup_roles

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def desk(transactional_db):
    setup_roles()
    fgw, slj = f.department("fgw", "市发改委"), f.department("slj", "市水利局")
    topics = f.column(kind=ColumnKind.TOPIC, departments=[slj], title="专题")
    topic = f.topic(topics, owners=[slj], title="2026年防汛专题")
    f.info_page(topic, department=slj, title="防汛动态")
    return {
        "fgw": fgw,
        "notices": f.column(departments=[slj], title="通知公告"),
        "topics": topics,
        "topic": topic,
        "editor": f.editor(fgw, username="editor", first_name="信息", last_name="李"),
        "reviewer": f.reviewer(fgw, username="wangbm", first_name="保密", last_name="王"),
        "operator": f.user("operator", operator=True, first_name="运维", last_name="周"),
    }


def revoke(topic):
    last = lifecycle.last_update_of(topic)
    action = lifecycle.TopicAction(lifecycle.REVOKE, topic.pk, topic.title, last, 9)
    assert lifecycle.revoke_topic(action, timezone.localdate())


def test_refusal_says_which_department_owns_the_column(new_page, live_server, desk, artifacts):
    page = new_page
    login(page, live_server, "editor")
    page.goto(live_server.url + reverse("wagtailadmin_pages:add_subpage", args=(desk["notices"].pk,)))
    page.wait_for_url(f"{live_server.url}/admin/")
    message = page.locator(".messages").inner_text()
    page.screenshot(path=str(artifacts / "desk-refusal.png"))
    assert "栏目「通知公告」属于市水利局，你所在部门无权在此栏目发布信息。" in message
    assert "没有权限访问" not in message


def test_revoked_topic_in_the_explorer_and_restored_from_its_row(new_page, live_server, desk, artifacts):
    revoke(desk["topic"])
    page = new_page
    login(page, live_server, "operator")
    # Editing it bounces with the reason and a restore button.
    page.goto(live_server.url + reverse("wagtailadmin_pages:edit", args=(desk["topic"].pk,)))
    page.wait_for_url(live_server.url + reverse("wagtailadmin_explore", args=(desk["topics"].pk,)))
    assert "已撤销" in page.locator(".messages").inner_text()
    row = page.locator("tr", has_text="2026年防汛专题")
    assert row.locator("[data-govinfo-topic-status]").inner_text().strip() == "已撤销"
    page.screenshot(path=str(artifacts / "desk-topic-revoked.png"))
    row.locator("[data-govinfo-topic-action=restore]").click()
    page.get_by_role("button", name="确定恢复").click()
    page.wait_for_url(live_server.url + reverse("wagtailadmin_explore", args=(desk["topics"].pk,)))
    row = page.locator("tr", has_text="2026年防汛专题")
    assert row.locator("[data-govinfo-topic-status]").inner_text().strip() == "正常"
    assert TopicPage.objects.get(pk=desk["topic"].pk).status == TopicStatus.ACTIVE


def test_department_people_and_the_person_chooser(new_page, live_server, desk, artifacts):
    page = new_page
    login(page, live_server, "operator")
    page.goto(live_server.url + reverse("govinfo_departments:edit", args=(desk["fgw"].pk,)))
    people = page.locator("#govinfo-department-people")
    assert "李信息" in people.locator("tr[data-govinfo-role=editor]").inner_text()
    assert "王保密" in people.locator("tr[data-govinfo-role=reviewer]").inner_text()
    assert "尚无人员" in people.locator("tr[data-govinfo-role=principal]").inner_text()
    people.locator("tr[data-govinfo-role=principal] a.button").click()
    page.locator("button", has_text="选择人员").first.click()
    page.locator(".modal input[name=q]").fill("王保")
    page.locator(".modal [data-chooser-modal-choice]", has_text="王保密").wait_for()
    page.screenshot(path=str(artifacts / "desk-person-chooser.png"))
    page.locator(".modal [data-chooser-modal-choice]", has_text="王保密").click()
    page.locator("main form button[type=submit]").click()
    page.wait_for_url(live_server.url + reverse("govinfo_departments:edit", args=(desk["fgw"].pk,)))
    assert "王保密" in page.locator("tr[data-govinfo-role=principal]").inner_text()
    assert DepartmentRole.objects.filter(user=desk["reviewer"], role=Role.PRINCIPAL).exists()
