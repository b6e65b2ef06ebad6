"""What the ledgers record, from the signals they listen to (第二十、二十一、二十二条)."""

import datetime

import pytest
from django.db import transaction
from django.utils import timezone

from tests import factories as f
from wagtail_govinfo.publication import PublicationRefused
from wagtail_govinfo import signals
from wagtail_govinfo.ledger.chain import verify_chain
from wagtail_govinfo.ledger.models import (
    LedgerChain,
    PublicationKind,
    PublicationLedgerEntry,
    SubmissionLedgerEntry,
)
from wagtail_govinfo.ledger.recording import record_correction
from wagtail_govinfo.models import InfoType, TopicStatus

from .conftest import CHECKLIST_KEYS, sign_off

pytestmark = pytest.mark.django_db

BEIJING = datetime.timezone(datetime.timedelta(hours=8))


def test_sign_off_signal_writes_exactly_one_submission_entry(world):
    w = world
    page = f.info_page(
        w["fgw_column"], department=w["fgw"], live=False, title="市发改委召开项目推进会",
        info_type=InfoType.TABLE, remarks="附表一份",
    )
    signed_at = datetime.datetime(2026, 11, 3, 10, 30, tzinfo=BEIJING)
    findings = [{"kind": "mobile", "start": 3, "end": 14, "text": "13800000000", "blocking": True}]
    revision = sign_off(
        page, reviewer=w["reviewer"], leader=w["leader"], submitter=w["editor"],
        signed_at=signed_at, findings=findings, comment="同意报送。",
    )

    entry = SubmissionLedgerEntry.objects.get()
    assert (entry.year, entry.number) == (2026, 1)
    assert entry.title == "市发改委召开项目推进会"
    assert entry.source_author == "作者"
    assert entry.written_on == datetime.date(2026, 11, 1)
    assert entry.reviewer_name == "王保密" and entry.reviewer == w["reviewer"]
    assert entry.leader_name == "赵分管" and entry.leader == w["leader"]
    assert entry.submitter_name == "李信息"
    assert entry.submitted_at == signed_at
    assert entry.reviewed_at == signed_at - datetime.timedelta(hours=1)
    assert entry.info_type == InfoType.TABLE
    assert entry.remarks == "附表一份"
    assert (entry.department, entry.department_name, entry.department_code) == (w["fgw"], "市发改委", "fgw")
    assert entry.column.pk == w["fgw_column"].pk and entry.column_title == "发改动态"
    assert (entry.page_id, entry.page_key) == (page.pk, page.pk)
    assert (entry.revision_id, entry.revision_key) == (revision.pk, revision.pk)
    assert entry.checklist == {key: True for key in CHECKLIST_KEYS}
    assert entry.findings == findings
    assert entry.sign_off_comment == "同意报送。"

    # The same sign-off announced again (a retried task) is not recorded twice.
    sign_off(page, reviewer=w["reviewer"], leader=w["leader"], submitter=w["editor"],
             signed_at=signed_at, revision=revision)
    assert SubmissionLedgerEntry.objects.count() == 1
    # A sign-off never publishes by itself: nothing in the publication ledger.
    assert not PublicationLedgerEntry.objects.exists()


def test_submission_numbers_are_per_year_in_beijing_time(world):
    w = world
    page = f.info_page(w["fgw_column"], department=w["fgw"], live=False)
    times = [
        datetime.datetime(2026, 12, 31, 10, 0, tzinfo=BEIJING),
        datetime.datetime(2026, 12, 31, 23, 59, tzinfo=BEIJING),
        # 16:30 UTC on 31 December is already 1 January in Beijing.
        datetime.datetime(2026, 12, 31, 16, 30, tzinfo=datetime.UTC),
        datetime.datetime(2027, 1, 2, 9, 0, tzinfo=BEIJING),
    ]
    for signed_at in times:
        sign_off(page, reviewer=w["reviewer"], leader=w["leader"], signed_at=signed_at)
    assert list(SubmissionLedgerEntry.objects.order_by("pk").values_list("year", "number")) == [
        (2026, 1), (2026, 2), (2027, 1), (2027, 2),
    ]


def test_publishing_writes_a_publication_entry_naming_who_signed_that_revision(signed):
    w = signed
    page = w["fgw_page"]
    w["fgw_revision"].publish(user=w["leader"], skip_permission_checks=True)

    entry = PublicationLedgerEntry.objects.get()
    assert entry.kind == PublicationKind.PUBLISH
    assert (entry.year, entry.number) == (timezone.now().astimezone(BEIJING).year, 1)
    assert entry.title == "市发改委召开项目推进会"
    assert entry.column_title == "发改动态"
    assert entry.department_name == "市发改委"
    assert entry.reviewer_name == "王保密" and entry.leader_name == "赵分管"
    assert entry.submission == SubmissionLedgerEntry.objects.get(page_key=page.pk)
    assert entry.revision_key == w["fgw_revision"].pk
    assert entry.page_url == "http://localhost/" + page.url_path.split("/", 2)[2]

    # A later revision without a sign-off cannot be published at all (the gate), so the
    # ledger never names signers for content they did not sign.
    page.refresh_from_db()
    page.title = "市发改委召开项目推进会（更新）"
    with pytest.raises(PublicationRefused):
        page.save_revision().publish()
    assert PublicationLedgerEntry.objects.count() == 1


def test_publisher_is_the_user_of_the_admin_request(world, client):
    w = world
    page = f.info_page(w["fgw_column"], department=w["fgw"], live=False)
    client.force_login(w["operator"])
    response = client.post(
        f"/admin/pages/{page.pk}/unpublish/"
    )  # not live: Wagtail refuses, nothing is recorded
    assert not PublicationLedgerEntry.objects.exists()
    f.publish(page)
    # No admin request: the publisher is the leader whose sign-off finished the workflow.
    assert PublicationLedgerEntry.objects.get().publisher_name == "gate-leader-fgw"
    # Wagtail's unpublish (no reason) is not offered on content; 撤稿 names who and why.
    client.post(f"/admin/pages/{page.pk}/unpublish/", {"include_descendants": ""})
    assert PublicationLedgerEntry.objects.count() == 1
    response = client.post(f"/admin/govinfo/pages/{page.pk}/withdraw/", {"reason": "内容有误"})
    assert response.status_code == 302
    entry = PublicationLedgerEntry.objects.order_by("-pk").first()
    assert (entry.kind, entry.publisher, entry.publisher_name) == (
        PublicationKind.WITHDRAW, w["operator"], "operator1",
    )
    assert "内容有误" in entry.remarks


def test_columns_and_other_structure_are_not_information(world):
    f.column(departments=[world["fgw"]])
    assert not PublicationLedgerEntry.objects.exists()


def test_unpublishing_writes_a_taken_offline_entry(world):
    w = world
    page = f.info_page(w["fgw_column"], department=w["fgw"])
    page.unpublish()
    assert list(PublicationLedgerEntry.objects.order_by("pk").values_list("number", "kind")) == [
        (1, PublicationKind.PUBLISH), (2, PublicationKind.UNPUBLISH),
    ]


def test_revoking_a_topic_writes_one_revocation_and_takes_its_pages_offline(world, django_capture_on_commit_callbacks):
    """As the check of 第二十一条 does it: unpublish the subtree, set the status, then signal."""
    w = world
    topics_column = f.column(departments=[w["fgw"]], kind="topic", title="专题")
    topic = f.topic(topics_column, owners=[w["fgw"]], title="优化营商环境专题")
    topic.submitting_department = w["fgw"]
    f.publish(topic)
    news = f.info_page(topic, department=w["fgw"], title="一窗通办")
    before = PublicationLedgerEntry.objects.count()

    with django_capture_on_commit_callbacks(execute=True):
        with transaction.atomic():
            news.unpublish()
            topic.unpublish()
            type(topic).objects.filter(pk=topic.pk).update(status=TopicStatus.REVOKED)
            signals.topic_revoked.send(
                sender=type(topic), page=topic, days_without_update=7,
                today=datetime.date(2026, 11, 20), last_update=timezone.now(), unpublished=[news.pk, topic.pk],
            )
    added = list(PublicationLedgerEntry.objects.order_by("pk")[before:].values_list("title", "kind", "remarks"))
    assert [(t, k) for t, k, _r in added] == [
        ("一窗通办", PublicationKind.UNPUBLISH),
        ("优化营商环境专题", PublicationKind.REVOKE),
    ]
    assert "7" in added[1][2]
    # The same revocation announced again is not recorded twice.
    signals.topic_revoked.send(sender=type(topic), page=topic, days_without_update=7)
    assert PublicationLedgerEntry.objects.filter(kind=PublicationKind.REVOKE).count() == 1


def test_unpublishing_a_topic_outside_a_revocation_is_taken_offline(world, django_capture_on_commit_callbacks):
    w = world
    topics_column = f.column(departments=[w["fgw"]], kind="topic")
    topic = f.topic(topics_column, owners=[w["fgw"]])
    with django_capture_on_commit_callbacks(execute=True):
        with transaction.atomic():
            topic.unpublish()
    assert PublicationLedgerEntry.objects.order_by("-pk").first().kind == PublicationKind.UNPUBLISH


def test_entries_outlive_the_page_revision_and_people(signed):
    w = signed
    w["fgw_revision"].publish()
    page_pk = w["fgw_page"].pk
    w["fgw_page"].delete()  # a live page: Wagtail unpublishes it first
    w["reviewer"].delete()

    submission = SubmissionLedgerEntry.objects.get(page_key=page_pk)
    assert (submission.page_id, submission.revision_id, submission.reviewer_id) == (None, None, None)
    assert (submission.title, submission.reviewer_name) == ("市发改委召开项目推进会", "王保密")
    kinds = list(PublicationLedgerEntry.objects.filter(page_key=page_pk).order_by("pk").values_list("kind", flat=True))
    assert kinds == [PublicationKind.PUBLISH, PublicationKind.UNPUBLISH]
    for model in (SubmissionLedgerEntry, PublicationLedgerEntry):
        assert verify_chain(model, LedgerChain.objects.get(ledger=model.ledger)) is None


def test_a_correction_is_a_new_entry_pointing_to_the_corrected_one(signed):
    w = signed
    original = SubmissionLedgerEntry.objects.get(page_key=w["fgw_page"].pk)
    correction = record_correction(original, reason="信息来源填写有误", source_author="市发改委 李信息")

    original.refresh_from_db()
    assert original.source_author == "作者"  # unchanged
    assert correction.corrects == original and list(original.corrections.all()) == [correction]
    assert correction.source_author == "市发改委 李信息"
    assert correction.number == SubmissionLedgerEntry.objects.count()  # the next number
    assert original.reference in correction.remarks and "信息来源填写有误" in correction.remarks
    assert (correction.title, correction.reviewer_name, correction.page_key) == (
        original.title, original.reviewer_name, original.page_key,
    )
    assert verify_chain(SubmissionLedgerEntry, LedgerChain.objects.get(ledger="submission")) is None

    with pytest.raises(ValueError):
        record_correction(original, reason=" ", title="x")
    with pytest.raises(ValueError):
        record_correction(original, reason="改序号", number=99)
