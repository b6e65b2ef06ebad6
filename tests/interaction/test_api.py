"""The public message endpoints: POST, the published list, the status lookup."""

import json

import pytest
from django.test import override_settings
from django.urls import reverse

from wagtail_govinfo.interaction import handling
from wagtail_govinfo.interaction.models import CitizenMessage, MessageStatus, normalise_tracking_code

from .conftest import advance

pytestmark = pytest.mark.django_db

URL = "/api/govinfo/messages/"
VALID = {
    "kind": "consultation",
    "subject": "医保缴费时间咨询",
    "body": "请问2027年度城乡居民医保什么时候开始缴费？",
    "sender_name": "张三",
    "sender_contact": "13912345678",
}


def post(client, data, **extra):
    return client.post(URL, data=json.dumps(data), content_type="application/json", **extra)


def status_url(code):
    return reverse("wagtail_govinfo:message_status", args=[code])


def test_urls_are_those_promised():
    assert reverse("wagtail_govinfo:messages") == URL
    assert status_url("ABCD-EFGH-JKMN-PQRS") == URL + "ABCD-EFGH-JKMN-PQRS/"


def test_post_creates_a_received_message_and_answers_its_tracking_code(client, dept):
    response = post(client, {**VALID, "department": "fgw"})
    assert response.status_code == 201, response.content
    data = response.json()
    message = CitizenMessage.objects.get()
    assert data["tracking_code"] == message.tracking_code
    assert data["status"] == "received"
    assert data["due_on"] == message.due_date.isoformat()
    assert message.status == MessageStatus.RECEIVED
    assert message.sender_name == "张三" and message.sender_contact == "13912345678"
    assert message.requested_department == dept
    assert message.department is None
    # Nothing of the sender comes back.
    assert "张三" not in response.content.decode() and "13912345678" not in response.content.decode()


def test_tracking_codes_are_unguessable_and_distinct(client):
    codes = {post(client, VALID, REMOTE_ADDR=f"10.0.0.{i}").json()["tracking_code"] for i in range(4)}
    assert len(codes) == 4
    for code in codes:
        assert len(code.replace("-", "")) == 16
        assert normalise_tracking_code(code.lower().replace("-", " ")) == code


def test_post_logs_the_receipt(client):
    post(client, VALID)
    message = CitizenMessage.objects.get()
    from wagtail.models import ModelLogEntry

    assert list(ModelLogEntry.objects.for_instance(message).values_list("action", flat=True)) == [
        handling.LOG_RECEIVED
    ]


def test_missing_and_bad_fields_answer_400_field_by_field(client):
    response = post(client, {"kind": "gossip", "subject": "", "department": "nope", "colour": "red"})
    assert response.status_code == 400
    errors = response.json()
    assert set(errors) == {"kind", "subject", "body", "sender_name", "sender_contact", "department", "colour"}
    assert all(isinstance(v, list) and v for v in errors.values())
    assert CitizenMessage.objects.count() == 0


def test_inactive_department_is_refused(client, dept):
    dept.is_active = False
    dept.save()
    response = post(client, {**VALID, "department": "fgw"})
    assert response.status_code == 400
    assert "department" in response.json()


@override_settings(WAGTAIL_GOVINFO={"MESSAGE_MAX_LENGTH": 50})
def test_body_longer_than_the_limit_answers_400(client):
    assert post(client, {**VALID, "body": "字" * 50}).status_code == 201
    response = post(client, {**VALID, "body": "字" * 51})
    assert response.status_code == 400
    assert "50" in response.json()["body"][0]
    assert CitizenMessage.objects.count() == 1


def test_a_huge_request_is_refused_before_parsing(client):
    response = post(client, {**VALID, "body": "x" * 200_000})
    assert response.status_code == 400
    assert "body" in response.json()
    assert CitizenMessage.objects.count() == 0


def test_subject_longer_than_100_answers_400(client):
    response = post(client, {**VALID, "subject": "题" * 101})
    assert response.status_code == 400
    assert "subject" in response.json()


@pytest.mark.parametrize(
    "content_type, payload",
    [
        ("application/x-www-form-urlencoded", "subject=x&body=y"),
        ("multipart/form-data; boundary=BoUnDaRy", "--BoUnDaRy--"),
        ("text/plain", json.dumps(VALID)),
    ],
)
def test_non_json_is_refused_with_415(client, content_type, payload):
    response = client.post(URL, data=payload, content_type=content_type)
    assert response.status_code == 415
    assert CitizenMessage.objects.count() == 0


def test_malformed_json_answers_400(client):
    response = client.post(URL, data="{not json", content_type="application/json")
    assert response.status_code == 400
    response = client.post(URL, data="[1, 2]", content_type="application/json")
    assert response.status_code == 400
    assert CitizenMessage.objects.count() == 0


@override_settings(WAGTAIL_GOVINFO={"MESSAGE_RATE_LIMIT_PER_HOUR": 3})
def test_rate_limit_per_client_address_answers_429(client):
    for _ in range(3):
        assert post(client, VALID, REMOTE_ADDR="10.1.1.1").status_code == 201
    refused = post(client, VALID, REMOTE_ADDR="10.1.1.1")
    assert refused.status_code == 429
    assert "Retry-After" in refused.headers
    # A forged X-Forwarded-For does not open a new bucket...
    assert post(client, VALID, REMOTE_ADDR="10.1.1.1", HTTP_X_FORWARDED_FOR="1.2.3.4").status_code == 429
    # ...another address has its own.
    assert post(client, VALID, REMOTE_ADDR="10.1.1.2").status_code == 201
    assert CitizenMessage.objects.count() == 4
    # Reading is not limited.
    assert client.get(URL, REMOTE_ADDR="10.1.1.1").status_code == 200


def test_post_needs_no_csrf_token_and_ignores_a_session(client, people):
    csrf_client = type(client)(enforce_csrf_checks=True)
    csrf_client.force_login(people.operator)
    response = post(csrf_client, VALID)
    assert response.status_code == 201
    # The message is anonymous even when an admin session came along.
    assert CitizenMessage.objects.get().moderated_by is None


def test_nothing_is_public_before_moderation(client, people, dept, make_message):
    received = make_message(subject="未审核的留言")
    accepted = advance(make_message(subject="已审核未答复"), people, dept, "assigned")
    approved = advance(make_message(subject="已答复未发布"), people, dept, "reply_approved")
    assert client.get(URL).json()["count"] == 0
    handling.publish(approved, people.operator)
    data = client.get(URL).json()
    assert data["count"] == 1
    assert [r["subject"] for r in data["results"]] == ["已答复未发布"]
    text = json.dumps(data, ensure_ascii=False)
    assert received.subject not in text and accepted.subject not in text


def test_published_list_shows_masked_public_text_and_reply_only(client, people, dept, make_message):
    message = make_message(
        subject="身份证号220302198506123419的咨询",
        body="我叫张三，手机13912345678，身份证220302198506123419，想问缴费时间。",
    )
    handling.accept(
        message,
        people.operator,
        public_subject=message.subject,
        public_body=message.body,
        department=dept,
    )
    handling.draft_reply(message, people.editor, reply="请致电13812345678咨询。")
    handling.approve_reply(message, people.reviewer)
    handling.publish(message, people.operator)

    response = client.get(URL)
    text = response.content.decode()
    for secret in ("13912345678", "220302198506123419", "13812345678", "张三"[0:0] + "13912345678"):
        assert secret not in text
    item = response.json()["results"][0]
    assert item["body"] == "我叫张三，手机***********，身份证******************，想问缴费时间。"
    assert item["subject"] == "身份证号******************的咨询"
    assert item["reply"]["body"] == "请致电***********咨询。"
    assert item["department"] == {"code": "fgw", "name": "市发改委"}
    assert set(item) == {
        "id", "kind", "kind_label", "subject", "body", "received_on", "department", "reply", "published_at"
    }
    # Never the original, the sender or the tracking code.
    assert "sender_name" not in text and "sender_contact" not in text
    assert message.tracking_code not in text


def test_html_is_escaped_in_list_and_status(client, people, dept, make_message):
    attack = '<script>alert("x")</script><img src=x onerror=alert(1)>'
    message = make_message(subject="<b>标题</b>", body=f"正文{attack}")
    handling.accept(
        message, people.operator, public_subject=message.subject, public_body=message.body, department=dept
    )
    handling.draft_reply(message, people.editor, reply=f"答复{attack}")
    handling.approve_reply(message, people.reviewer)
    handling.publish(message, people.operator)
    dept.name = "市发改委<script>"
    dept.save()

    for response in (client.get(URL), client.get(status_url(message.tracking_code))):
        assert response.status_code == 200
        assert response["Content-Type"].startswith("application/json")
        raw = response.content.decode()
        assert "<script>" not in raw and "<img" not in raw and "<b>" not in raw
        assert "&lt;script&gt;" in raw
    item = client.get(URL).json()["results"][0]
    assert item["subject"] == "&lt;b&gt;标题&lt;/b&gt;"
    assert item["body"].startswith("正文&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;")


def test_list_is_paginated_and_filterable(client, people, dept, other_dept, make_message):
    for i in range(23):
        advance(make_message(subject=f"留言{i}"), people, dept, "published")
    first = client.get(URL).json()
    assert first["count"] == 23 and len(first["results"]) == 20 and first["next"]
    second = client.get(URL, {"page": 2}).json()
    assert len(second["results"]) == 3
    assert client.get(URL, {"department": "jyj"}).json()["count"] == 0
    assert client.get(URL, {"department": "fgw", "kind": "consultation"}).json()["count"] == 23
    assert client.get(URL, {"kind": "complaint"}).json()["count"] == 0
    assert client.get(URL, {"kind": "gossip"}).status_code == 400
    assert client.get(URL, {"department": "nope"}).status_code == 400
    assert client.get(URL, {"page": 99}).status_code == 404


def test_status_lookup_follows_the_handling(client, people, dept, make_message):
    message = make_message()
    url = status_url(message.tracking_code)
    data = client.get(url).json()
    assert data["status"] == "received"
    assert data["subject"] is None and data["reply"] is None and data["department"] is None
    assert data["due_on"] == message.due_date.isoformat()

    advance(message, people, dept, "reply_drafted")
    data = client.get(url).json()
    assert data["status"] == "processing"
    assert data["department"] == {"code": "fgw", "name": "市发改委"}
    assert data["reply"] is None  # a draft is not an answer

    handling.approve_reply(message, people.reviewer)
    data = client.get(url).json()
    assert data["status"] == "answered" and data["published"] is False
    assert data["reply"]["body"] == "答复：请于12月前缴费。"

    handling.publish(message, people.operator)
    assert client.get(url).json()["status"] == "published"


def test_status_lookup_of_a_rejected_message_gives_the_reason(client, people, make_message):
    message = make_message()
    handling.reject(message, people.operator, reason="广告信息")
    data = client.get(status_url(message.tracking_code)).json()
    assert data["status"] == "rejected"
    assert data["rejection_reason"] == "广告信息"


def test_status_lookup_reveals_no_personal_data(client, make_message):
    message = make_message(body="我的手机13900001111")
    data = client.get(status_url(message.tracking_code)).json()
    raw = json.dumps(data, ensure_ascii=False)
    assert "张三" not in raw and "13912345678" not in raw and "13900001111" not in raw
    assert "body" not in data and "sender_name" not in data


def test_status_lookup_accepts_the_code_as_typed(client, make_message):
    message = make_message()
    typed = message.tracking_code.lower().replace("-", "")
    assert client.get(status_url(typed)).json()["tracking_code"] == message.tracking_code


@pytest.mark.parametrize("code", ["AAAA-BBBB-CCCC-DDDD", "short", "x" * 200])
def test_unknown_tracking_code_is_404(client, make_message, code):
    make_message()
    response = client.get(status_url(code))
    assert response.status_code == 404
    assert "detail" in response.json()


def nested(depth):
    return "[" * depth + "]" * depth


@pytest.mark.parametrize(
    "payload",
    [
        nested(1000),  # about 2 KB: once a RecursionError and a 500
        '{"subject": ' + nested(50_000) + "}",
        '{"subject": {"a": {"b": {"c": {"d": "x"}}}}}',
        '"just a string"',
        "null",
        '{"subject": "\\ud800", "body": "x", "sender_name": "a", "sender_contact": "b"}',
        b'{"subject": "\xff\xfe"}',
    ],
)
def test_hostile_json_answers_400_with_field_lists(client, payload):
    response = client.post(URL, data=payload, content_type="application/json")
    assert response.status_code == 400, response.content[:200]
    body = response.json()
    assert body and all(isinstance(v, list) and v for v in body.values()), body
    assert CitizenMessage.objects.count() == 0


@pytest.mark.parametrize(
    "field, value",
    [
        ("subject", "缴费\u0001咨询"),
        ("subject", "第一行\n第二行"),
        ("sender_name", "张\x00三"),
        ("sender_contact", "139\x1b[31m"),
        ("body", "请问\u0007什么时候"),
        ("body", "\ufffe"),
    ],
)
def test_control_characters_are_refused_field_by_field(client, field, value):
    response = post(client, {**VALID, field: value})
    assert response.status_code == 400
    assert list(response.json()) == [field]
    assert CitizenMessage.objects.count() == 0


def test_line_breaks_and_tabs_are_welcome_in_the_body(client):
    response = post(client, {**VALID, "body": "第一行\n第二行\r\n\t第三行"})
    assert response.status_code == 201


def test_errors_are_in_the_requests_language(client):
    response = post(client, {**VALID, "subject": ""}, HTTP_ACCEPT_LANGUAGE="zh-hans")
    assert any("\u4e00" <= ch <= "\u9fff" for ch in response.json()["subject"][0])
    response = post(client, {**VALID, "subject": ""}, HTTP_ACCEPT_LANGUAGE="en")
    assert response.json()["subject"] == ["This field may not be blank."]
    response = client.post(URL, data="{not json", content_type="application/json", HTTP_ACCEPT_LANGUAGE="zh-hans")
    assert list(response.json()) == ["non_field_errors"]


@pytest.mark.parametrize("query", ["kind=%00", "department=%01x", "department=" + "x" * 300])
def test_bad_list_filters_answer_400(client, query):
    response = client.get(f"{URL}?{query}")
    assert response.status_code == 400
    assert all(isinstance(v, list) for v in response.json().values())
