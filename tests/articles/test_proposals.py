"""Proposals of topics, columns and redesigns (第二十一、二十四条) through the admin views."""

import pytest
from django.urls import reverse
from wagtail.models import ModelLogEntry, PageLogEntry

from tests import factories as f
from tests.core.test_permissions import add_url
from wagtail_govinfo.lifecycle import plan_topics
from wagtail_govinfo.models import ColumnPage, Proposal, ProposalStatus, TopicPage

from .conftest import home

pytestmark = pytest.mark.django_db

LIST = reverse("govinfo_articles:proposals")
NEW = reverse("govinfo_articles:proposal_create")


@pytest.fixture
def topics(city):
    return f.column(kind="topic", departments=[city.office], title="专题专栏")


def propose(client, user, department, **data):
    client.force_login(user)
    return client.post(NEW, {"department": department.pk, "description": "全市重点工作，需要专题集中发布。", **data})


def decide(client, user, proposal, decision, reason=""):
    client.force_login(user)
    return client.post(reverse("govinfo_articles:proposal", args=[proposal.pk]), {"decision": decision, "reason": reason})


def test_an_approved_topic_is_created_with_the_department_as_owner(client, city, topics):
    response = propose(client, city.bureau_editor, city.bureau, kind="topic", title="优化营商环境专题",
                       parent=topics.pk, phase_end_date="2027-06-30")
    assert response.status_code == 302
    proposal = Proposal.objects.get()
    assert proposal.status == ProposalStatus.SUBMITTED
    # Only the operator decides, with a reason.
    decide(client, city.bureau_leader, proposal, "approve", "好")
    assert Proposal.objects.get().status == ProposalStatus.SUBMITTED
    assert "reason" in decide(client, city.operator, proposal, "approve").context["form"].errors
    assert decide(client, city.operator, proposal, "approve", "同意共建").status_code == 302

    proposal.refresh_from_db()
    assert proposal.status == ProposalStatus.APPROVED
    topic = TopicPage.objects.get(pk=proposal.created_page_id)
    assert topic.live and topic.title == "优化营商环境专题"
    assert topic.get_parent().pk == topics.pk
    assert list(topic.owner_departments.all()) == [city.bureau]
    # The shell is the operator's act, outside the gate; what goes inside it is reviewed.
    assert topic.submitting_department is None
    assert str(topic.phase_end_date) == "2027-06-30"
    # The bureau is authorised: its editors add pages in the topic, others do not.
    client.force_login(city.bureau_editor)
    assert client.get(add_url(topic)).status_code == 200
    client.force_login(f.editor(f.department("jyj")))
    assert client.get(add_url(topic)).status_code in (302, 403)
    # The topic's life cycle applies: the daily check watches it.
    _actions, checked, _undated = plan_topics(topic.last_published_at.date())
    assert checked >= 1
    # The record of co-building, in the audit log of the proposal and of the topic.
    actions = list(ModelLogEntry.objects.for_instance(proposal).values_list("action", flat=True))
    assert sorted(actions) == ["wagtail_govinfo.proposal.approved", "wagtail_govinfo.proposal.filed"]
    entry = PageLogEntry.objects.get(page=topic, action="wagtail_govinfo.proposal.co_built")
    assert entry.data["department"] == "fgw" and entry.data["proposal"] == proposal.pk


def test_an_approved_column_is_created_with_the_department_responsible(client, city, topics):
    parent = f.column(departments=[city.office], title="政务公开")
    propose(client, city.bureau_principal, city.bureau, kind="column", title="重大项目", parent=parent.pk,
            column_kind="news")
    proposal = Proposal.objects.get()
    decide(client, city.operator, proposal, "approve", "同意")
    column = ColumnPage.objects.get(pk=Proposal.objects.get().created_page_id)
    assert column.live and column.column_kind == "news"
    assert list(column.responsible_departments.all()) == [city.bureau]
    client.force_login(city.bureau_editor)
    assert client.get(add_url(column)).status_code == 200


def test_declined_and_redesign_proposals_create_nothing(client, city, topics):
    propose(client, city.bureau_editor, city.bureau, kind="redesign", title="政策文件栏目改版", target=topics.pk)
    propose(client, city.bureau_editor, city.bureau, kind="topic", title="不同意的专题", parent=topics.pk)
    redesign, topic = Proposal.objects.get(kind="redesign"), Proposal.objects.get(kind="topic")
    before = ColumnPage.objects.count() + TopicPage.objects.count()
    decide(client, city.operator, redesign, "approve", "纳入改版计划")
    decide(client, city.operator, topic, "refuse", "已有同类专题")
    assert Proposal.objects.get(pk=redesign.pk).status == ProposalStatus.APPROVED
    assert Proposal.objects.get(pk=topic.pk).status == ProposalStatus.DECLINED
    assert Proposal.objects.get(pk=topic.pk).decision_reason == "已有同类专题"
    assert ColumnPage.objects.count() + TopicPage.objects.count() == before
    # Decided once.
    decide(client, city.operator, topic, "approve", "改主意")
    assert Proposal.objects.get(pk=topic.pk).status == ProposalStatus.DECLINED


def test_bad_proposals_are_refused_with_field_errors(client, city, topics):
    news = f.column(departments=[city.office])
    response = propose(client, city.bureau_editor, city.bureau, kind="topic", title="专题", parent=news.pk)
    assert "parent" in response.context["form"].errors
    response = propose(client, city.bureau_editor, city.bureau, kind="column", title="栏目", parent=news.pk)
    assert "column_kind" in response.context["form"].errors
    response = propose(client, city.bureau_editor, city.bureau, kind="redesign", title="改版")
    assert "target" in response.context["form"].errors
    response = propose(client, city.bureau_editor, city.office, kind="redesign", title="改版", target=news.pk)
    assert "department" in response.context["form"].errors
    assert not Proposal.objects.exists()


def test_screens_by_role(client, city, topics):
    propose(client, city.bureau_editor, city.bureau, kind="redesign", title="改版", target=topics.pk)
    detail = reverse("govinfo_articles:proposal", args=[Proposal.objects.get().pk])
    for user in (city.bureau_editor, city.bureau_leader, city.bureau_principal, city.operator, city.auditor):
        assert LIST in home(client, user)
        assert client.get(detail).status_code == 200
    assert "栏目和专题建议" in client.get(LIST).content.decode()
    assert LIST not in home(client, city.bureau_reviewer)
    assert client.get(LIST).status_code == 302
    client.force_login(city.office_editor)
    assert client.get(detail).status_code == 404
    for user in (city.auditor, city.operator, city.bureau_reviewer):
        client.force_login(user)
        assert client.get(NEW).status_code == 302
