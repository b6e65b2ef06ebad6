"""The next step is obvious: returned pages say who, where and why; actions confirm."""

import pytest
from django.contrib.messages import get_messages
from django.urls import reverse

from tests import factories as f
from wagtail_govinfo.models import InfoPage
from wagtail_govinfo.names import display_name

from .conftest import XHR, approve_review, edit_page, reject, sign_off, submit_new_page

pytestmark = pytest.mark.django_db


def follow(client, answer):
    """Open the URL Wagtail redirects to after the action; return its messages' text."""
    response = client.get(answer["redirect"])
    assert response.status_code == 200
    return [str(m) for m in get_messages(response.wsgi_request)] or [
        str(m) for m in response.context["messages"]
    ]


def test_names_are_family_name_first_without_a_space():
    assert display_name(f.user(username="wbm", first_name="保密", last_name="王")) == "王保密"
    assert display_name(f.user(username="js", first_name="John", last_name="Smith")) == "John Smith"
    assert display_name(f.user(username="nobody")) == "nobody"
    assert display_name(None) == ""


def test_a_returned_page_says_who_returned_it_where_and_why(client, flow):
    page = submit_new_page(client, flow.editor, flow.column, flow.department)
    answer = reject(client, flow.reviewer, page, "第二段的数字与统计公报不一致。")
    assert answer["step"] == "success"
    texts = follow(client, answer)
    assert any("退回李信息修改" in t and "重新提交审核" in t for t in texts), texts

    client.force_login(flow.editor)
    # The dashboard: a panel of pages returned to me, with the reason.
    home = client.get(reverse("wagtailadmin_home")).content.decode()
    assert "退回给我修改的内容" in home
    assert "第二段的数字与统计公报不一致。" in home and "王保密" in home

    # The edit view: a message and the status panel say it, in Chinese, with the next step.
    response = client.get(reverse("wagtailadmin_pages:edit", args=[page.pk]))
    html = response.content.decode()
    messages = [str(m) for m in response.context["messages"]]
    assert any("王保密在“保密审核”步骤退回修改" in m and "第二段的数字" in m for m in messages), messages
    assert "已退回修改" in html and "data-govinfo-returned" in html
    # One clearly named way back; no "restart workflow".
    assert "修改完毕，重新提交审核" in html
    assert "action-restart-workflow" not in html
    assert "撤回报送" in html


def test_every_review_action_confirms_what_happened_and_what_comes_next(client, flow):
    page = submit_new_page(client, flow.editor, flow.column, flow.department)
    texts = follow(client, approve_review(client, flow.reviewer, page))
    assert any("已通过“保密审核”" in t and "下一步" in t and "赵分管" in t for t in texts), texts

    texts = follow(client, sign_off(client, flow.leader, page))
    assert any("审核签字" in t and "已发布" in t for t in texts), texts
    assert InfoPage.objects.get(pk=page.pk).live


def test_a_notice_is_only_shown_to_whom_it_was_given(client, flow):
    page = submit_new_page(client, flow.editor, flow.column, flow.department)
    answer = approve_review(client, flow.reviewer, page)
    client.force_login(flow.editor)
    response = client.get(answer["redirect"])
    assert not [m for m in response.context["messages"] if "已通过" in str(m)]
    client.force_login(flow.reviewer)
    response = client.get(reverse("wagtailadmin_home") + "?govinfo_notice=forged")
    assert response.status_code == 200


def test_an_edited_version_of_a_returned_page_goes_back_to_review(client, flow):
    page = submit_new_page(client, flow.editor, flow.column, flow.department)
    reject(client, flow.reviewer, page, "请核实数据。")
    response = edit_page(client, flow.editor, page, "action-submit", flow.department, summary="数据已核实。")
    assert response.status_code == 302
    client.force_login(flow.editor)
    assert "退回给我修改的内容" not in client.get(reverse("wagtailadmin_home")).content.decode()
    assert XHR  # the helpers above post as the admin's modal does


def test_a_page_returned_by_the_reviewer_shows_the_findings_of_the_review(client, flow):
    from .conftest import VALID_ID

    page = submit_new_page(client, flow.editor, flow.column, flow.department, summary=f"举报人身份证号{VALID_ID}。")
    reject(client, flow.reviewer, page, "请屏蔽身份证号。")
    client.force_login(flow.editor)

    home = client.get(reverse("wagtailadmin_home")).content.decode()
    panel = home[home.index("退回给我修改的内容"):]
    assert "发现的问题" in panel and "身份证" in panel and "002X" in panel and "须修改" in panel
    assert VALID_ID not in home  # the stored findings are redacted

    response = client.get(reverse("wagtailadmin_pages:edit", args=[page.pk]))
    messages = [str(m) for m in response.context["messages"]]
    assert any("请屏蔽身份证号。" in m and "发现的问题：" in m and "002X" in m and "须修改" in m for m in messages), messages
    html = response.content.decode()
    # The status panel lists them, the blocking one marked.
    assert "检查发现的问题" in html and "data-govinfo-returned-finding data-blocking" in html


def test_a_page_returned_at_the_sign_off_shows_how_the_reviewer_resolved_the_findings(client, flow):
    from tests.workflows.test_review_screen import HOTLINE

    from wagtail_govinfo.workflows.findings import group_key

    page = submit_new_page(client, flow.editor, flow.column, flow.department, summary=f"咨询电话{HOTLINE}。")
    answer = approve_review(client, flow.reviewer, page, **{f"override-{group_key('mobile', HOTLINE)}": "公开的服务热线"})
    assert answer["step"] == "success", answer.get("html", "")[:2000]
    reject(client, flow.leader, page, "标题请写明时间。")
    client.force_login(flow.editor)
    home = client.get(reverse("wagtailadmin_home")).content.decode()
    panel = home[home.index("退回给我修改的内容"):]
    assert "标题请写明时间。" in panel and "公开的服务热线" in panel and "须修改" not in panel
    response = client.get(reverse("wagtailadmin_pages:edit", args=[page.pk]))
    assert any("公开的服务热线" in str(m) for m in response.context["messages"])


def test_a_returned_page_without_findings_says_nothing_about_them(client, flow):
    page = submit_new_page(client, flow.editor, flow.column, flow.department)
    reject(client, flow.reviewer, page, "请补充来源。")
    client.force_login(flow.editor)
    response = client.get(reverse("wagtailadmin_pages:edit", args=[page.pk]))
    assert not any("发现的问题" in str(m) for m in response.context["messages"])
    assert "data-govinfo-returned-finding" not in response.content.decode()
