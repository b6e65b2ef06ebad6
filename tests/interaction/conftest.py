import pytest
from django.core.cache import cache

from tests import factories
from wagtail_govinfo.interaction import handling
from wagtail_govinfo.models import Role


@pytest.fixture(autouse=True)
def _empty_cache():
    # The rate limit counts live in the cache: each test starts with none.
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def dept(db):
    return factories.department("fgw", "市发改委")


@pytest.fixture
def other_dept(db):
    return factories.department("jyj", "市教育局")


@pytest.fixture
def people(setup_roles, dept, other_dept):
    """The cast of a message's handling, with their roles."""

    class People:
        operator = factories.user("op", operator=True)
        auditor = factories.user("aud", auditor=True)
        editor = factories.editor(dept, username="handler")
        editor2 = factories.editor(dept, username="handler2")
        reviewer = factories.reviewer(dept, username="checker")
        leader = factories.leader(dept, username="boss")
        # Holds both roles: may draft, and may approve what someone else drafted.
        both = factories.user("both", roles=[(dept, Role.EDITOR), (dept, Role.REVIEWER)])
        outsider = factories.editor(other_dept, username="outsider")
        outsider_reviewer = factories.reviewer(other_dept, username="outsider_reviewer")

    return People


def new_message(**fields):
    values = dict(
        kind="consultation",
        subject="医保缴费时间咨询",
        body="请问什么时候缴费？",
        sender_name="张三",
        sender_contact="13912345678",
    )
    values.update(fields)
    return handling.receive(**values)


@pytest.fixture
def make_message(db):
    return new_message


def advance(message, people, dept, to):
    """Walk ``message`` through the steps up to status ``to``."""
    order = ["accepted", "assigned", "reply_drafted", "reply_approved", "published"]
    for step in order[: order.index(to) + 1]:
        if step == "accepted":
            handling.accept(message, people.operator, public_subject=message.subject, public_body=message.body)
        elif step == "assigned":
            handling.assign(message, people.operator, department=dept)
        elif step == "reply_drafted":
            handling.draft_reply(message, people.editor, reply="答复：请于12月前缴费。")
        elif step == "reply_approved":
            handling.approve_reply(message, people.reviewer)
        elif step == "published":
            handling.publish(message, people.operator)
    return message
