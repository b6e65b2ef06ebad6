"""A topic's life cycle in the explorer listing (issue 10): its status tag (正常 / 即将撤销 /
已撤销 / 已归档) and 恢复专题 / 归档专题 among the row's actions; editing a revoked topic says why."""

import re

import pytest
from django.urls import reverse
from django.utils import translation

from tests.checks.conftest import D, at, travel
from wagtail_govinfo.models import TopicPage, TopicStatus

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def chinese():
    with translation.override("zh-hans"):
        yield


def listing(client, user, topic_site):
    client.force_login(user)
    response = client.get(reverse("wagtailadmin_explore", args=(topic_site.topics.pk,)), HTTP_ACCEPT_LANGUAGE="zh-hans")
    assert response.status_code == 200
    return response.content.decode()


def status_tags(html):
    return re.findall(r'data-govinfo-topic-status="(\w+)"[^>]*>([^<]+)<', html)


def test_active_topic_with_archive_for_its_owners(client, topic_site):
    with travel(at(2026, 11, 4)):
        html = listing(client, topic_site.editor, topic_site)
    assert status_tags(html) == [("active", "正常")]
    archive = reverse("govinfo_checks:topic_archive", args=(topic_site.topic.pk,))
    assert f'href="{archive}"' in html and "归档专题" in html
    assert reverse("govinfo_checks:topic_restore", args=(topic_site.topic.pk,)) not in html


def test_warned_topic_shows_the_day_it_will_be_revoked(client, topic_site, run):
    run(D(2026, 11, 7))  # day 5: warned
    with travel(at(2026, 11, 8)):
        html = listing(client, topic_site.editor, topic_site)
    assert status_tags(html) == [("warned", "即将撤销（2026年11月9日起）")]


def test_revoked_topic_is_not_a_plain_draft_and_the_operator_restores_from_the_row(client, topic_site, run):
    run(D(2026, 11, 7))
    run(D(2026, 11, 9))  # revoked
    assert TopicPage.objects.get(pk=topic_site.topic.pk).status == TopicStatus.REVOKED
    html = listing(client, topic_site.operator, topic_site)
    assert status_tags(html) == [("revoked", "已撤销")]
    restore = reverse("govinfo_checks:topic_restore", args=(topic_site.topic.pk,))
    assert f'href="{restore}"' in html and "恢复专题" in html
    # The editor sees the status, but no restore (only the operator restores).
    editor_html = listing(client, topic_site.editor, topic_site)
    assert status_tags(editor_html) == [("revoked", "已撤销")]
    assert restore not in editor_html
    # The row's action works: confirm, restore, active again.
    client.force_login(topic_site.operator)
    assert client.get(restore).status_code == 200
    assert client.post(restore).status_code == 302
    assert TopicPage.objects.get(pk=topic_site.topic.pk).status == TopicStatus.ACTIVE


def test_archived_topic(client, topic_site):
    client.force_login(topic_site.editor)
    archive = reverse("govinfo_checks:topic_archive", args=(topic_site.topic.pk,))
    assert client.post(archive).status_code == 302
    html = listing(client, topic_site.operator, topic_site)
    assert status_tags(html) == [("archived", "已归档")]
    assert reverse("govinfo_checks:topic_restore", args=(topic_site.topic.pk,)) in html


def test_editing_a_revoked_topic_says_why_and_offers_the_operator_restore(client, topic_site, run):
    run(D(2026, 11, 7))
    run(D(2026, 11, 9))
    edit = reverse("wagtailadmin_pages:edit", args=(topic_site.topic.pk,))
    client.force_login(topic_site.operator)
    response = client.get(edit, HTTP_ACCEPT_LANGUAGE="zh-hans")
    assert response.status_code == 302
    message = str(response.wsgi_request._messages._queued_messages[0].message)
    assert "「2026年防汛专题」已撤销" in message or "2026年防汛专题" in message
    assert "平台运营人员恢复" in message or "恢复" in message
    assert reverse("govinfo_checks:topic_restore", args=(topic_site.topic.pk,)) in message
    # The explorer it lands on shows the topic as revoked, with the row's restore.
    follow = client.get(response.url, HTTP_ACCEPT_LANGUAGE="zh-hans").content.decode()
    assert ("revoked", "已撤销") in status_tags(follow)


def test_refused_archive_and_restore_say_why(client, topic_site):
    client.force_login(topic_site.outsider)
    response = client.get(reverse("govinfo_checks:topic_archive", args=(topic_site.topic.pk,)))
    assert response.status_code == 302
    assert "只有" in str(response.wsgi_request._messages._queued_messages[0].message)
    client.force_login(topic_site.editor)
    response = client.post(reverse("govinfo_checks:topic_restore", args=(topic_site.topic.pk,)))
    assert response.status_code == 302
    assert "只有平台运营人员" in str(response.wsgi_request._messages._queued_messages[0].message)
    assert TopicPage.objects.get(pk=topic_site.topic.pk).status == TopicStatus.ACTIVE


def test_the_listing_queries_do_not_grow_with_the_topics(client, topic_site, run, django_assert_max_num_queries):
    """The status of every topic row comes with the listing's own query (operator: no
    per-row permission queries either)."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from tests import factories as f

    run(D(2026, 11, 7))  # the topic is warned

    def count():
        with travel(at(2026, 11, 8)), CaptureQueriesContext(connection) as queries:
            html = listing(client, topic_site.operator, topic_site)
        return len(queries), html

    count()  # warm: content types and site caches are filled on the first listing
    few, html = count()
    with travel(at(2026, 11, 2)):
        for n in range(8):
            f.topic(topic_site.topics, owners=[topic_site.dept], title=f"专题{n}")
    many, html = count()
    assert ("warned", "即将撤销（2026年11月9日起）") in status_tags(html)
    assert len(status_tags(html)) == 9
    assert many == few, (few, many)
