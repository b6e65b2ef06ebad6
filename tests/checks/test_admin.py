"""The admin side of the checks: home panels, archive/restore buttons and views, frozen topics."""

import pytest
from django.urls import reverse
from wagtail.models import Page

from tests import factories as f
from tests.checks.conftest import D, at, travel
from wagtail_govinfo import staleness
from wagtail_govinfo.models import InfoPage, TopicPage, TopicStatus

pytestmark = pytest.mark.django_db


def home(client, user, moment):
    with travel(moment):
        client.force_login(user)
        response = client.get(reverse("wagtailadmin_home"))
    assert response.status_code == 200
    return response.content.decode()


def test_topics_panel_shows_my_departments_quiet_topics(topic_site, client):
    # Day 4: nothing to show yet.
    assert "govinfo-topics-about-to-be-revoked" not in home(client, topic_site.editor, at(2026, 11, 6))
    # Day 6: the owners see it, with the day it will be revoked.
    html = home(client, topic_site.editor, at(2026, 11, 8))
    assert "govinfo-topics-about-to-be-revoked" in html
    assert "2026年防汛专题" in html and "2026-11-09" in html
    assert "2026年防汛专题" in home(client, topic_site.leader, at(2026, 11, 8))
    # Another department's editor does not; the operator sees every department's.
    assert "2026年防汛专题" not in home(client, topic_site.outsider, at(2026, 11, 8))
    assert "2026年防汛专题" in home(client, topic_site.operator, at(2026, 11, 8))


def test_columns_panel_shows_my_stale_columns_and_a_failed_check(topic_site, run, client, monkeypatch):
    from wagtail_govinfo.models import ColumnKind

    with travel(at(2026, 11, 2)):
        mine = f.column(kind=ColumnKind.NEWS, title="水利动态", departments=[topic_site.dept])
        f.info_page(mine, department=topic_site.dept)
        theirs = f.column(kind=ColumnKind.NEWS, title="别人的栏目")
    run(D(2026, 11, 20))
    html = home(client, topic_site.editor, at(2026, 11, 20))
    assert "govinfo-my-columns" in html and "水利动态" in html
    assert "别人的栏目" not in html
    assert theirs.title in home(client, topic_site.operator, at(2026, 11, 20))
    # A failed column check is said loudly, not hidden.
    monkeypatch.setattr(staleness, "check_columns", lambda today, dry_run=False: 1 / 0)
    run(D(2026, 11, 21))
    html = home(client, topic_site.editor, at(2026, 11, 21))
    assert "ZeroDivisionError" in html


def test_archive_button_for_owners_restore_button_for_the_operator(topic_site, client):
    archive_url = reverse("govinfo_checks:topic_archive", args=[topic_site.topic.pk])
    restore_url = reverse("govinfo_checks:topic_restore", args=[topic_site.topic.pk])
    edit_url = reverse("wagtailadmin_pages:edit", args=[topic_site.topic.pk])
    client.force_login(topic_site.editor)
    assert archive_url in client.get(edit_url).content.decode()
    client.force_login(topic_site.reviewer)  # a reviewer of the owner is not an owner
    assert client.post(archive_url).url == "/admin/"
    client.force_login(topic_site.outsider)
    assert client.post(archive_url).url == "/admin/"
    assert TopicPage.objects.get(pk=topic_site.topic.pk).status == TopicStatus.ACTIVE

    client.force_login(topic_site.editor)
    assert "archive" in client.get(archive_url).content.decode().lower()  # the confirmation
    client.post(archive_url)
    assert TopicPage.objects.get(pk=topic_site.topic.pk).status == TopicStatus.ARCHIVED
    client.force_login(topic_site.operator)
    explore = client.get(reverse("wagtailadmin_explore", args=[topic_site.topic.pk])).content.decode()
    assert restore_url in explore and archive_url not in explore


def test_archived_topics_and_their_pages_cannot_be_changed(topic_site, client):
    from wagtail_govinfo.lifecycle import archive_topic

    archive_topic(topic_site.topic, topic_site.leader)
    for user in (topic_site.editor, topic_site.operator):
        client.force_login(user)
        for url in (
            reverse("wagtailadmin_pages:edit", args=[topic_site.topic.pk]),
            reverse("wagtailadmin_pages:edit", args=[topic_site.page.pk]),
            reverse("wagtailadmin_pages:add", args=("wagtail_govinfo", "infopage", topic_site.topic.pk)),
        ):
            response = client.get(url)
            assert response.status_code == 302, url
            assert response.url == reverse("wagtailadmin_explore", args=[topic_site.topics.pk])
    # Not even the operator may delete or unpublish a page of an archived topic.
    response = client.post(reverse("wagtailadmin_pages:delete", args=[topic_site.page.pk]))
    assert response.status_code == 302
    assert response.url == reverse("wagtailadmin_explore", args=[topic_site.topics.pk])
    # (Wagtail's unpublish is not offered on content pages at all: 撤稿 needs a reason.)
    response = client.post(reverse("wagtailadmin_pages:unpublish", args=[topic_site.page.pk]))
    assert response.status_code == 302
    assert Page.objects.get(pk=topic_site.page.pk).live
    # A POST is refused the same way and changes nothing.
    client.force_login(topic_site.editor)
    client.post(reverse("wagtailadmin_pages:edit", args=[topic_site.page.pk]), {"title": "改了"})
    assert InfoPage.objects.get(pk=topic_site.page.pk).title == "防汛动态"
    assert Page.objects.get(pk=topic_site.page.pk).live  # still readable


def test_revoked_topics_cannot_be_republished_by_their_owners(topic_site, run, client):
    run(D(2026, 11, 7))
    run(D(2026, 11, 9))
    client.force_login(topic_site.editor)
    response = client.get(reverse("wagtailadmin_pages:edit", args=[topic_site.topic.pk]))
    assert response.status_code == 302
    assert not TopicPage.objects.get(pk=topic_site.topic.pk).live


def test_other_pages_are_not_affected(topic_site, client):
    from wagtail_govinfo.lifecycle import archive_topic

    archive_topic(topic_site.topic, topic_site.leader)
    other = f.column(departments=[topic_site.dept])
    client.force_login(topic_site.editor)
    response = client.get(reverse("wagtailadmin_pages:add", args=("wagtail_govinfo", "infopage", other.pk)))
    assert response.status_code == 200
