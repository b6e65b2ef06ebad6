"""网民留言 (web messages) from the public endpoint to its published reply, through the real admin in
headless Chromium: the operator moderates and assigns, the handler drafts, another
reviewer approves, the operator publishes."""

import json

import pytest

from tests.browser.conftest import login
from tests.interaction.conftest import dept, other_dept, people  # noqa: F401  (fixtures)
from wagtail_govinfo.interaction.models import CitizenMessage, MessageStatus

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def cast(transactional_db, request):
    """The people of the handling (Wagtail's initial data comes from tests/conftest.py)."""
    return request.getfixturevalue("people")


def logout(page, live_server):
    page.context.clear_cookies()


def test_message_from_citizen_to_published_reply(live_server, new_page, artifacts, cast, dept):  # noqa: F811
    people = cast
    page = new_page
    page.goto(f"{live_server.url}/api/govinfo/messages/")
    created = page.evaluate(
        """async (body) => {
            const r = await fetch('/api/govinfo/messages/', {method: 'POST',
                headers: {'Content-Type': 'application/json'}, body: JSON.stringify(body)});
            return {status: r.status, data: await r.json()};
        }""",
        {
            "kind": "consultation",
            "subject": "医保缴费时间咨询",
            "body": "我的手机是13912345678，请问医保什么时候缴费？<script>alert(1)</script>",
            "sender_name": "张三",
            "sender_contact": "13912345678",
            "department": "fgw",
        },
    )
    assert created["status"] == 201
    message = CitizenMessage.objects.get(tracking_code=created["data"]["tracking_code"])

    # The operator moderates: the public text is prefilled masked; assigns to 市发改委.
    login(page, live_server, people.operator.username)
    page.goto(f"{live_server.url}/admin/govinfo_messages/")
    page.get_by_role("link", name="医保缴费时间咨询").first.click()
    page.get_by_role("link", name="审核留言").first.click()
    assert "***********" in page.locator("textarea[name=public_body]").input_value()
    page.screenshot(path=str(artifacts / "interaction-moderate.png"), full_page=True)
    page.locator("textarea[name=public_body]").fill("请问医保什么时候缴费？")
    page.select_option("select[name=department]", label="市发改委")
    page.get_by_role("button", name="审核留言").click()
    page.wait_for_url(f"{live_server.url}/admin/govinfo_messages/{message.pk}/")
    message.refresh_from_db()
    assert message.status == MessageStatus.ASSIGNED

    # The handler drafts the reply.
    logout(page, live_server)
    login(page, live_server, people.editor.username)
    page.goto(f"{live_server.url}/admin/govinfo_messages/{message.pk}/")
    page.get_by_role("link", name="起草答复").first.click()
    page.fill("textarea[name=reply]", "每年9月至12月缴费。")
    page.get_by_role("button", name="起草答复").click()
    page.wait_for_url(f"{live_server.url}/admin/govinfo_messages/{message.pk}/")
    assert page.get_by_role("link", name="审核答复").count() == 0  # not for the drafter's department role

    # Another person approves; the operator publishes.
    logout(page, live_server)
    login(page, live_server, people.reviewer.username)
    page.goto(f"{live_server.url}/admin/govinfo_messages/{message.pk}/")
    page.get_by_role("link", name="审核答复").first.click()
    page.get_by_role("button", name="审核答复").click()
    page.wait_for_url(f"{live_server.url}/admin/govinfo_messages/{message.pk}/")
    logout(page, live_server)
    login(page, live_server, people.operator.username)
    page.goto(f"{live_server.url}/admin/govinfo_messages/{message.pk}/")
    page.get_by_role("link", name="发布", exact=True).first.click()  # not the menu's 超范围发布申请
    page.get_by_role("button", name="发布").click()
    page.wait_for_url(f"{live_server.url}/admin/govinfo_messages/{message.pk}/")
    page.screenshot(path=str(artifacts / "interaction-published.png"), full_page=True)
    assert "办理记录" in page.content()

    page.goto(f"{live_server.url}/api/govinfo/messages/")
    listing = json.loads(page.locator("body").inner_text())
    assert listing["count"] == 1
    assert listing["results"][0]["body"] == "请问医保什么时候缴费？"
    assert listing["results"][0]["reply"]["body"] == "每年9月至12月缴费。"
