"""Witnesses and the keyed hash: a ledger blinded inside its own tables is still caught.

Each case tampers with the database the way an attacker with write access would (raw
SQL, bypassing the application) and expects ``govinfo_verify_ledger`` to name the
first disagreement in one line.
"""

import io
import json

import pytest
from django.core.management import CommandError, call_command
from django.test import RequestFactory
from django_q.models import Schedule
from wagtail.models import ModelLogEntry

from wagtail_govinfo.ledger import chain as chain_module
from wagtail_govinfo.ledger.export import export_ledger
from wagtail_govinfo.ledger.models import LedgerChain, SubmissionLedgerEntry
from wagtail_govinfo.ledger.panels import LedgerVerificationPanel, construct_panels, latest_failures
from wagtail_govinfo.ledger.schedules import VERIFY_LEDGERS
from wagtail_govinfo.ledger.tasks import verify_ledgers
from wagtail_govinfo.ledger.witness import VERIFICATION_FAILED_ACTION, VERIFIED_ACTION

from .conftest import sign_off
from .test_verify import five, sql, table, verify  # noqa: F401 (fixture)

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("english")]

KEY = "a-ledger-key-from-the-environment"
T = None


def entries():
    return list(SubmissionLedgerEntry.objects.order_by("pk"))


def set_head(length, head_hash):
    """What an attacker does to hide a removed tail: make the chain row agree."""
    LedgerChain.objects.filter(ledger="submission").update(length=length, head_hash=head_hash)


def recompute_from(position, title=None, version=None):
    """Change the entry at ``position`` (1-based) and recompute every later hash and the head."""
    rows = entries()
    previous = rows[position - 2].entry_hash if position > 1 else chain_module.GENESIS_HASH
    t = table(SubmissionLedgerEntry)
    for index, entry in enumerate(rows[position - 1:]):
        if index == 0 and title:
            entry.title = title
        if version is not None:
            entry.hash_version = version
        entry.previous_hash = previous
        entry.entry_hash = chain_module.compute_hash(entry)
        sql(
            f"UPDATE {t} SET title = %s, previous_hash = %s, entry_hash = %s, hash_version = %s WHERE id = %s",
            entry.title, entry.previous_hash, entry.entry_hash, entry.hash_version, entry.pk,
        )
        previous = entry.entry_hash
    set_head(len(rows), previous)


def failure(*args):
    with pytest.raises(CommandError) as error:
        verify(*args)
    message = str(error.value)
    assert "\n" not in message
    return message


def test_a_deleted_tail_with_a_rewritten_head_is_caught_by_the_last_verification(five):
    verify("submission")  # the daily verification records the head: 5 entries
    sql(f"DELETE FROM {table(SubmissionLedgerEntry)} WHERE id >= %s", five[3].pk)
    set_head(3, five[2].entry_hash)
    message = failure("submission")
    assert "5" in message and "3" in message and "removed" in message


def test_a_deleted_chain_row_is_caught(five):
    sql(f"DELETE FROM {table(LedgerChain)} WHERE ledger = %s", "submission")
    message = failure("submission")
    assert "chain head row is missing" in message and five[-1].reference in message


def test_an_emptied_ledger_is_caught_by_the_export_witness(five, tmp_path):
    with open(tmp_path / "x.xlsx", "wb") as handle:
        export_ledger("submission", SubmissionLedgerEntry.objects.all(), handle, via="command")
    sql(f"DELETE FROM {table(SubmissionLedgerEntry)}")
    sql(f"DELETE FROM {table(LedgerChain)}")
    message = failure("submission")
    assert "emptied" in message and "5" in message


def test_a_recomputed_chain_is_caught_by_a_witness(five):
    verify("submission")
    recompute_from(2, title="改过的标题")
    message = failure("submission")
    # The first disagreement: the witnessed 5th entry no longer has the witnessed hash.
    assert five[4].reference in message and "rewritten" in message


def test_with_the_key_a_chain_recomputed_without_it_is_caught_without_any_witness(signed, settings):
    settings.WAGTAIL_GOVINFO = {"LEDGER_HMAC_KEY": KEY}
    w = signed
    for _i in range(3):
        sign_off(w["fgw_page"], reviewer=w["reviewer"], leader=w["leader"])
    rows = entries()
    assert [e.hash_version for e in rows] == [2, 2, 102, 102, 102]  # two signed before the key
    settings.WAGTAIL_GOVINFO = {"LEDGER_HMAC_KEY": "the-attacker-guesses-a-key"}
    recompute_from(3, title="改过的标题")
    settings.WAGTAIL_GOVINFO = {"LEDGER_HMAC_KEY": KEY}
    message = failure("submission", "--no-record")
    assert rows[2].reference in message and "changed" in message

    recompute_from(3, title=rows[2].title)  # with the key: the real chain again
    verify("submission", "--no-record")
    # Recomputing as plain SHA-256 after a keyed entry is a downgrade, caught at once.
    settings.WAGTAIL_GOVINFO = {}
    recompute_from(4, version=1)
    settings.WAGTAIL_GOVINFO = {"LEDGER_HMAC_KEY": KEY}
    message = failure("submission", "--no-record")
    assert rows[3].reference in message and "without the key" in message


def test_a_whole_keyed_part_recomputed_without_the_key_is_caught_by_a_witness(signed, settings):
    settings.WAGTAIL_GOVINFO = {"LEDGER_HMAC_KEY": KEY}
    w = signed
    for _i in range(3):
        sign_off(w["fgw_page"], reviewer=w["reviewer"], leader=w["leader"])
    verify("submission")  # witness: 5 entries, keyed from the 3rd
    settings.WAGTAIL_GOVINFO = {}
    recompute_from(3, version=1)
    settings.WAGTAIL_GOVINFO = {"LEDGER_HMAC_KEY": KEY}
    message = failure("submission", "--no-record")
    assert entries()[4].reference in message


def test_existing_chains_keep_verifying_when_a_key_is_added(five, settings):
    settings.WAGTAIL_GOVINFO = {"LEDGER_HMAC_KEY": KEY}
    w_page = five[0].page
    sign_off(w_page.specific, reviewer=five[0].reviewer, leader=five[0].leader)
    rows = entries()
    assert [e.hash_version for e in rows] == [2] * 5 + [102]
    assert "6" in verify("submission")
    settings.WAGTAIL_GOVINFO = {}
    message = failure("submission", "--no-record")
    assert rows[5].reference in message and "LEDGER_HMAC_KEY" in message


def test_the_witness_file_catches_what_the_audit_log_lost(five, settings, tmp_path):
    path = tmp_path / "witness.jsonl"
    settings.WAGTAIL_GOVINFO = {"LEDGER_WITNESS_FILE": str(path)}
    verify("submission")
    line = json.loads(path.read_text().splitlines()[-1])
    assert line["ledger"] == "submission" and line["chain_length"] == 5 and line["head_hash"] == five[-1].entry_hash
    # The attacker also removes the audit log's witnesses.
    ModelLogEntry.objects.filter(action=VERIFIED_ACTION).delete()
    sql(f"DELETE FROM {table(SubmissionLedgerEntry)} WHERE id >= %s", five[3].pk)
    set_head(3, five[2].entry_hash)
    message = failure("submission")
    assert "witness file" in message


def test_a_witness_forged_without_the_key_is_refused(five, settings):
    settings.WAGTAIL_GOVINFO = {"LEDGER_HMAC_KEY": KEY}
    verify("submission")
    entry = ModelLogEntry.objects.filter(action=VERIFIED_ACTION).latest("pk")
    entry.data = {**entry.data, "chain_length": 3, "head_hash": five[2].entry_hash}
    entry.save()
    message = failure("submission", "--no-record")
    assert "MAC" in message


def test_the_daily_job_is_scheduled_records_witnesses_and_alerts_the_operator(five, govinfo_setup, rf=RequestFactory()):
    schedule = Schedule.objects.get(name=VERIFY_LEDGERS)
    assert schedule.func == "wagtail_govinfo.ledger.tasks.verify_ledgers" and schedule.cron == "45 1 * * *"
    call_command("govinfo_setup", stdout=io.StringIO())
    assert Schedule.objects.filter(name=VERIFY_LEDGERS).count() == 1

    assert verify_ledgers() == {"submission": "intact", "publication": "intact"}
    assert ModelLogEntry.objects.filter(action=VERIFIED_ACTION).count() == 2
    assert latest_failures() == []

    sql(f"DELETE FROM {table(SubmissionLedgerEntry)} WHERE id >= %s", five[3].pk)
    set_head(3, five[2].entry_hash)
    summary = verify_ledgers()
    assert summary["publication"] == "intact" and "removed" in summary["submission"]
    [(label, entry)] = latest_failures()
    assert entry.action == VERIFICATION_FAILED_ACTION and "removed" in entry.data["detail"]

    from tests import factories as f

    operator = f.user("op-witness", operator=True)
    request = rf.get("/admin/")
    request.user = operator
    panels = []
    construct_panels(request, panels)
    [panel] = [p for p in panels if isinstance(p, LedgerVerificationPanel)]
    html = panel.render_html({"request": request})
    assert "removed" in html
    editor = f.user("not-operator")
    request.user = editor
    panels = []
    construct_panels(request, panels)
    assert not any(isinstance(p, LedgerVerificationPanel) for p in panels)
