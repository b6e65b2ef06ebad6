"""No one changes or deletes a ledger entry: not the model, not a queryset, not the admin."""

import pytest
from django.contrib.auth import get_user_model
from django.urls import reverse

from tests import factories as f
from wagtail_govinfo.ledger.models import (
    LedgerIsAppendOnly,
    PublicationLedgerEntry,
    SubmissionLedgerEntry,
)

pytestmark = pytest.mark.django_db


def snapshot():
    return [
        list(model.objects.order_by("pk").values())
        for model in (SubmissionLedgerEntry, PublicationLedgerEntry)
    ]


def test_the_model_refuses_updates_and_deletes(signed):
    entry = SubmissionLedgerEntry.objects.first()
    before = snapshot()
    entry.title = "改过的标题"
    with pytest.raises(LedgerIsAppendOnly):
        entry.save()
    with pytest.raises(LedgerIsAppendOnly):
        entry.save(update_fields=["title"])
    with pytest.raises(LedgerIsAppendOnly):
        entry.delete()
    assert snapshot() == before


def test_the_queryset_refuses_updates_and_deletes(signed):
    before = snapshot()
    entries = SubmissionLedgerEntry.objects.all()
    with pytest.raises(LedgerIsAppendOnly):
        entries.update(title="改过的标题")
    with pytest.raises(LedgerIsAppendOnly):
        entries.update(page=None, title="x")  # detaching is allowed only on its own
    with pytest.raises(LedgerIsAppendOnly):
        entries.delete()
    with pytest.raises(LedgerIsAppendOnly):
        SubmissionLedgerEntry.objects.filter(pk=entries[0].pk).delete()
    with pytest.raises(LedgerIsAppendOnly):
        SubmissionLedgerEntry.objects.bulk_update(list(entries), ["title"])
    assert snapshot() == before


def test_bulk_create_appends_through_the_chain(signed):
    w = signed
    template = SubmissionLedgerEntry.objects.get(page_key=w["fgw_page"].pk)
    copies = [
        SubmissionLedgerEntry(
            title=f"导入{i}", reviewer_name="王保密", leader_name="赵分管",
            submitted_at=template.submitted_at,
        )
        for i in range(3)
    ]
    created = SubmissionLedgerEntry.objects.bulk_create(copies)
    assert [e.number for e in created] == [3, 4, 5]
    assert created[0].previous_hash == SubmissionLedgerEntry.objects.order_by("pk")[1].entry_hash


def test_deleting_a_department_with_ledger_entries_is_refused(signed):
    from django.db.models import ProtectedError

    with pytest.raises(ProtectedError):
        signed["fgw"].delete()


def test_deleting_a_user_keeps_their_name_in_the_ledger(signed):
    leader = signed["leader"]
    get_user_model().objects.filter(pk=leader.pk).delete()
    entry = SubmissionLedgerEntry.objects.get(page_key=signed["fgw_page"].pk)
    assert (entry.leader_id, entry.leader_name) == (None, "赵分管")


def admin_url(model, action, *args):
    opts = model._meta
    return reverse(f"{opts.app_label}_{opts.model_name}_modeladmin_{action}", args=args)


@pytest.mark.parametrize("who", ["auditor", "operator", "superuser", "leader"])
def test_admin_add_edit_delete_are_refused_to_everyone(signed, client, who):
    w = signed
    user = f.user(is_superuser=True, is_staff=True) if who == "superuser" else w[who]
    client.force_login(user)
    before = snapshot()
    for model in (SubmissionLedgerEntry, PublicationLedgerEntry):
        entry_pk = SubmissionLedgerEntry.objects.first().pk
        for url in (
            admin_url(model, "create"),
            admin_url(model, "edit", entry_pk),
            admin_url(model, "delete", entry_pk),
        ):
            assert client.get(url).status_code == 403, url
            assert client.post(url, {"title": "改过的标题"}).status_code == 403, url
    assert snapshot() == before


def test_listing_offers_no_add_edit_or_delete(signed, client):
    client.force_login(signed["auditor"])
    html = client.get(admin_url(SubmissionLedgerEntry, "index")).content.decode()
    entry = SubmissionLedgerEntry.objects.first()
    assert admin_url(SubmissionLedgerEntry, "create") not in html
    assert admin_url(SubmissionLedgerEntry, "edit", entry.pk) not in html
    assert admin_url(SubmissionLedgerEntry, "delete", entry.pk) not in html
    assert admin_url(SubmissionLedgerEntry, "inspect", entry.pk) in html  # the sign-off sheet


def test_group_permissions_offer_only_view_for_ledgers(signed, client):
    """The group editor lists the ledger models with the "view" permission only."""
    from wagtail import hooks
    from django.contrib.auth.models import Permission

    registered = Permission.objects.none()
    for fn in hooks.get_hooks("register_permissions"):
        registered = registered | fn()
    codenames = set(
        registered.filter(content_type__app_label="wagtail_govinfo_ledger").values_list("codename", flat=True)
    )
    assert codenames == {"view_submissionledgerentry", "view_publicationledgerentry"}
