"""Topics without update (第二十一条): warning on day 5, revocation on day 7, archive, restore."""

import pytest
from django.apps import apps
from django.core import mail
from wagtail.models import Page, PageLogEntry

from tests import factories as f
from tests.checks.conftest import D, at, travel
from wagtail_govinfo import signals
from wagtail_govinfo.models import CheckRun, TopicNotice, TopicPage, TopicStatus

pytestmark = pytest.mark.django_db


def actions(page, prefix="wagtail_govinfo.topic_"):
    return list(
        PageLogEntry.objects.filter(page=page, action__startswith=prefix)
        .order_by("pk")
        .values_list("action", flat=True)
    )


def recipients():
    return sorted(address for message in mail.outbox for address in message.to)


def test_nothing_happens_before_day_5(topic_site, run):
    result = run(D(2026, 11, 6))  # day 4
    assert result["topics"].ok and result["topics"].summary["checked"] == 1
    assert not TopicNotice.objects.exists() and mail.outbox == []
    assert TopicPage.objects.get(pk=topic_site.topic.pk).status == TopicStatus.ACTIVE


def test_warning_on_day_5_goes_to_editors_and_leaders_once(topic_site, run):
    received = []
    signals.topic_warned.connect(lambda **kw: received.append(kw), weak=False, dispatch_uid="t-warned")
    try:
        result = run(D(2026, 11, 7))  # day 5
    finally:
        signals.topic_warned.disconnect(dispatch_uid="t-warned")
    assert result["topics"].summary["warned"] == [topic_site.topic.pk]
    notice = TopicNotice.objects.get()
    assert (notice.kind, notice.day, notice.days_without_update) == ("warning", D(2026, 11, 7), 5)
    # Editors and leaders of the owner department; not its reviewer, not other departments.
    assert recipients() == sorted([topic_site.editor.email, topic_site.leader.email])
    assert "2026年防汛专题" in mail.outbox[0].subject
    assert "2026-11-09" in mail.outbox[0].body  # the day it would be revoked
    assert actions(topic_site.topic) == ["wagtail_govinfo.topic_warned"]
    assert [kw["days_without_update"] for kw in received] == [5]
    # Still published and active.
    topic = TopicPage.objects.get(pk=topic_site.topic.pk)
    assert topic.live and topic.status == TopicStatus.ACTIVE

    # Day 5 again and day 6: no second warning, no second e-mail.
    run(D(2026, 11, 7))
    run(D(2026, 11, 8))
    assert TopicNotice.objects.count() == 1 and len(mail.outbox) == 2
    assert actions(topic_site.topic) == ["wagtail_govinfo.topic_warned"]


def test_revocation_on_day_7_with_every_side_effect(topic_site, run):
    received = []
    signals.topic_revoked.connect(lambda **kw: received.append(kw), weak=False, dispatch_uid="t-revoked")
    try:
        run(D(2026, 11, 7))  # warned on day 5
        mail.outbox.clear()
        result = run(D(2026, 11, 9))  # day 7
    finally:
        signals.topic_revoked.disconnect(dispatch_uid="t-revoked")
    assert result["topics"].summary["revoked"] == [topic_site.topic.pk]

    topic = TopicPage.objects.get(pk=topic_site.topic.pk)
    page = Page.objects.get(pk=topic_site.page.pk)
    # Unpublished with its subtree, status revoked.
    assert not topic.live and not page.live
    assert topic.status == TopicStatus.REVOKED
    # The audit log: warned, revoked; Wagtail's own unpublish entries for both pages.
    assert actions(topic) == ["wagtail_govinfo.topic_warned", "wagtail_govinfo.topic_revoked"]
    assert PageLogEntry.objects.filter(page=topic, action="wagtail.unpublish").count() == 1
    assert PageLogEntry.objects.filter(page=page, action="wagtail.unpublish").count() == 1
    revoked_entry = PageLogEntry.objects.get(page=topic, action="wagtail_govinfo.topic_revoked")
    assert revoked_entry.data["days_without_update"] == 7
    # The signal, once, with what the ledger needs.
    assert len(received) == 1
    assert received[0]["page"].pk == topic.pk and received[0]["days_without_update"] == 7
    assert received[0]["today"] == D(2026, 11, 9)
    assert received[0]["unpublished"] == [topic.pk, page.pk]
    # The owners are told.
    assert recipients() == sorted([topic_site.editor.email, topic_site.leader.email])
    assert all("2026年防汛专题" in m.subject for m in mail.outbox)
    # The revocation is recorded with what was live, for the restore.
    notice = TopicNotice.objects.get(kind="revocation")
    assert [pk for pk, _ in notice.unpublished] == [topic.pk, page.pk]


@pytest.mark.skipif(
    not apps.is_installed("wagtail_govinfo.ledger"), reason="the ledger app is not installed"
)
def test_revocation_makes_one_publication_ledger_entry_of_kind_revoke(topic_site, run):
    try:
        Entry = apps.get_model("wagtail_govinfo_ledger", "PublicationLedgerEntry")
    except LookupError:
        pytest.skip("the ledger app has no publication ledger yet")
    run(D(2026, 11, 7))
    run(D(2026, 11, 9))
    run(D(2026, 11, 10))
    entries = Entry.objects.filter(kind="revoke")
    assert entries.count() == 1
    assert entries.get().page_key == topic_site.topic.pk


def test_a_revocation_always_follows_a_warning(topic_site, run):
    # The check did not run on days 5 and 6: on day 7 it warns first, and revokes on day 8.
    run(D(2026, 11, 9))
    topic = TopicPage.objects.get(pk=topic_site.topic.pk)
    assert topic.live and topic.status == TopicStatus.ACTIVE
    assert list(TopicNotice.objects.values_list("kind", flat=True)) == ["warning"]
    run(D(2026, 11, 10))
    assert TopicPage.objects.get(pk=topic_site.topic.pk).status == TopicStatus.REVOKED


def test_an_update_under_the_topic_restarts_the_clock(topic_site, run):
    run(D(2026, 11, 7))  # warned
    with travel(at(2026, 11, 8)):
        f.info_page(topic_site.topic, department=topic_site.dept, title="新的防汛动态")
    run(D(2026, 11, 9))  # day 1 of the new streak
    topic = TopicPage.objects.get(pk=topic_site.topic.pk)
    assert topic.live and topic.status == TopicStatus.ACTIVE
    run(D(2026, 11, 13))  # day 5 of the new streak: a new warning
    assert TopicNotice.objects.filter(kind="warning").count() == 2


def test_a_republished_page_deep_in_the_topic_counts(topic_site, run):
    with travel(at(2026, 11, 2)):
        sub = f.column(topic_site.topic, departments=[topic_site.dept])
        deep = f.info_page(sub, department=topic_site.dept)
    with travel(at(2026, 11, 6)):
        f.publish(deep)
    run(D(2026, 11, 9))  # day 7 since the topic, day 3 since the deep page
    assert not TopicNotice.objects.exists()


def test_archived_topics_are_not_checked_and_stay_readable(topic_site, run, client):
    client.force_login(topic_site.leader)
    response = client.post(f"/admin/govinfo/topics/{topic_site.topic.pk}/archive/")
    assert response.status_code == 302
    topic = TopicPage.objects.get(pk=topic_site.topic.pk)
    assert topic.status == TopicStatus.ARCHIVED and topic.live
    assert actions(topic) == ["wagtail_govinfo.topic_archived"]
    result = run(D(2026, 12, 31))
    assert result["topics"].summary["checked"] == 0
    topic = TopicPage.objects.get(pk=topic_site.topic.pk)
    assert topic.status == TopicStatus.ARCHIVED and topic.live
    assert Page.objects.get(pk=topic_site.page.pk).live
    assert not TopicNotice.objects.exists() and mail.outbox == []


def test_a_restored_topic_is_checked_again(topic_site, run, client):
    run(D(2026, 11, 7))
    run(D(2026, 11, 9))
    assert TopicPage.objects.get(pk=topic_site.topic.pk).status == TopicStatus.REVOKED
    # Owners cannot restore; the operator can.
    client.force_login(topic_site.leader)
    refused = client.post(f"/admin/govinfo/topics/{topic_site.topic.pk}/restore/")
    assert refused.status_code == 302 and refused.url == "/admin/"  # Wagtail's permission denied
    assert TopicPage.objects.get(pk=topic_site.topic.pk).status == TopicStatus.REVOKED
    client.force_login(topic_site.operator)
    with travel(at(2026, 11, 10)):
        response = client.post(f"/admin/govinfo/topics/{topic_site.topic.pk}/restore/")
    assert response.status_code == 302
    topic = TopicPage.objects.get(pk=topic_site.topic.pk)
    assert topic.status == TopicStatus.ACTIVE and topic.live
    assert Page.objects.get(pk=topic_site.page.pk).live
    assert actions(topic)[-1] == "wagtail_govinfo.topic_restored"
    assert TopicNotice.objects.get(kind="revocation").restored_by == topic_site.operator
    # Checked again from the restore: day 4 nothing, day 5 a new warning, day 7 revoked again.
    run(D(2026, 11, 14))
    assert TopicNotice.objects.filter(kind="warning").count() == 1
    run(D(2026, 11, 15))
    assert TopicNotice.objects.filter(kind="warning").count() == 2
    run(D(2026, 11, 17))
    assert TopicPage.objects.get(pk=topic_site.topic.pk).status == TopicStatus.REVOKED
    assert TopicNotice.objects.filter(kind="revocation").count() == 2


def test_running_the_day_twice_changes_nothing_more(topic_site, run):
    run(D(2026, 11, 7))
    run(D(2026, 11, 9))
    snapshot = (
        TopicNotice.objects.count(),
        PageLogEntry.objects.count(),
        len(mail.outbox),
    )
    run(D(2026, 11, 9))
    run(D(2026, 11, 10))
    assert (TopicNotice.objects.count(), PageLogEntry.objects.count(), len(mail.outbox)) == snapshot
    assert CheckRun.objects.filter(check_name="topics").count() == 4


def test_unpublished_draft_topics_are_not_checked(topic_site, run):
    with travel(at(2026, 11, 2)):
        draft = f.topic(topic_site.topics, owners=[topic_site.dept])
    draft.unpublish()
    run(D(2026, 11, 7))
    assert list(TopicNotice.objects.values_list("topic_id", flat=True)) == [topic_site.topic.pk]
