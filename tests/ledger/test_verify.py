"""``govinfo_verify_ledger``: tampering behind the application's back is found and named."""

import io

import pytest
from django.core.management import CommandError, call_command
from django.db import connection

from wagtail_govinfo.ledger.models import PublicationLedgerEntry, SubmissionLedgerEntry

from .conftest import sign_off

pytestmark = pytest.mark.django_db


@pytest.fixture
def five(signed):
    """Five submission entries (numbers 1…5) in one year."""
    w = signed
    for _i in range(3):
        sign_off(w["fgw_page"], reviewer=w["reviewer"], leader=w["leader"])
    return list(SubmissionLedgerEntry.objects.order_by("pk"))


def verify(*args):
    out = io.StringIO()
    call_command("govinfo_verify_ledger", *args, stdout=out)
    return out.getvalue()


def sql(statement, *params):
    with connection.cursor() as cursor:
        cursor.execute(statement, params)


def table(model):
    return connection.ops.quote_name(model._meta.db_table)


def test_intact_ledgers_verify(five):
    out = verify()
    assert "5" in out and five[-1].entry_hash in out
    verify("submission")


def test_a_changed_row_is_named(five):
    third = five[2]
    sql(f"UPDATE {table(SubmissionLedgerEntry)} SET reviewer_name = %s WHERE id = %s", "张冒名", third.pk)
    with pytest.raises(CommandError) as error:
        verify()
    message = str(error.value)
    assert third.reference in message and f"id {third.pk}" in message
    assert "\n" not in message


def test_a_changed_date_or_checklist_is_found(five):
    sql(
        f"UPDATE {table(SubmissionLedgerEntry)} SET submitted_at = submitted_at - interval '1 day' WHERE id = %s"
        if connection.vendor == "postgresql"
        else f"UPDATE {table(SubmissionLedgerEntry)} SET submitted_at = datetime(submitted_at, '-1 day') WHERE id = %s",
        five[1].pk,
    )
    with pytest.raises(CommandError, match=five[1].reference):
        verify()


def test_a_removed_row_is_named_by_the_entry_after_it(five):
    sql(f"DELETE FROM {table(SubmissionLedgerEntry)} WHERE id = %s", five[1].pk)
    with pytest.raises(CommandError) as error:
        verify()
    assert five[2].reference in str(error.value) and f"id {five[2].pk}" in str(error.value)


def test_removing_the_last_rows_is_found_through_the_chain_head(five):
    sql(f"DELETE FROM {table(SubmissionLedgerEntry)} WHERE id >= %s", five[3].pk)
    with pytest.raises(CommandError) as error:
        verify()
    assert five[2].reference in str(error.value)  # the last entry left
    assert "5" in str(error.value) and "3" in str(error.value)


def test_reordered_rows_are_found(five):
    """Swapping two entries' places (their ids) breaks the links."""
    a, b = five[1], five[2]
    t = table(SubmissionLedgerEntry)
    sql(f"UPDATE {t} SET id = %s WHERE id = %s", 999999, a.pk)
    sql(f"UPDATE {t} SET id = %s WHERE id = %s", a.pk, b.pk)
    sql(f"UPDATE {t} SET id = %s WHERE id = %s", b.pk, 999999)
    with pytest.raises(CommandError) as error:
        verify()
    assert f"id {a.pk}" in str(error.value)


def test_a_recomputed_hash_still_breaks_the_link_to_the_next_entry(five):
    """Rewriting a row and its own hash is not enough: the next entry points to the old hash."""
    from wagtail_govinfo.ledger.chain import compute_hash

    second = five[1]
    second.title = "改过的标题"
    new_hash = compute_hash(second)
    sql(
        f"UPDATE {table(SubmissionLedgerEntry)} SET title = %s, entry_hash = %s WHERE id = %s",
        second.title, new_hash, second.pk,
    )
    with pytest.raises(CommandError) as error:
        verify()
    assert five[2].reference in str(error.value)


def test_the_publication_ledger_is_checked_too(signed):
    w = signed
    w["fgw_revision"].publish()
    entry = PublicationLedgerEntry.objects.get()
    verify("publication")
    sql(f"UPDATE {table(PublicationLedgerEntry)} SET kind = %s WHERE id = %s", "revoke", entry.pk)
    with pytest.raises(CommandError, match=entry.reference):
        verify("publication")
    verify("submission")  # the other ledger is still intact
