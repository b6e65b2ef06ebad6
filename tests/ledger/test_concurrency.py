"""Concurrent approvals on PostgreSQL get distinct, gapless 序号 and one unbroken chain.

Real transactions in real threads, each with its own connection. The numbering step is
slowed down (the hash is computed inside the locked section) so that, without the row
lock, the transactions would read the same counter.
"""

import datetime
import threading
import time

import pytest
from django.db import connection, connections, transaction

from tests import factories as f
from wagtail_govinfo.ledger import models as ledger_models
from wagtail_govinfo.ledger.chain import verify_chain
from wagtail_govinfo.ledger.models import LedgerChain, LedgerYearCounter, SubmissionLedgerEntry

from .conftest import sign_off

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]

BEIJING = datetime.timezone(datetime.timedelta(hours=8))
THREADS = 8
PER_THREAD = 3


@pytest.fixture(autouse=True)
def postgres_only():
    if connection.vendor != "postgresql":
        pytest.skip(
            "needs PostgreSQL for real concurrent transactions with row locks "
            "(set DATABASE_URL=postgres://…; SQLite serialises writers and ignores select_for_update)"
        )


def test_concurrent_sign_offs_get_distinct_gapless_numbers(monkeypatch):
    department = f.department("fgw", name="市发改委")
    column = f.column(departments=[department])
    reviewer, leader = f.reviewer(department), f.leader(department)
    pages = [f.info_page(column, department=department, live=False) for _ in range(THREADS)]
    # The revisions exist before the race: what races is the recording of the sign-offs
    # (saving revisions concurrently contends in Wagtail's search index, not in the ledger).
    revisions = {page.pk: [page.save_revision() for _ in range(PER_THREAD)] for page in pages}

    real_compute_hash = ledger_models.compute_hash

    def slow_compute_hash(entry):
        time.sleep(0.02)  # widen the window between reading the counter and writing it
        return real_compute_hash(entry)

    monkeypatch.setattr(ledger_models, "compute_hash", slow_compute_hash)

    start = threading.Barrier(THREADS)
    errors = []

    def approve(page, index):
        try:
            start.wait()
            for n in range(PER_THREAD):
                # Alternate years, so two yearly counters are contended at once.
                year = 2026 if (index + n) % 2 else 2027
                signed_at = datetime.datetime(year, 6, 1, 9, 0, tzinfo=BEIJING) + datetime.timedelta(
                    seconds=index * 100 + n
                )
                with transaction.atomic():
                    sign_off(
                        page, reviewer=reviewer, leader=leader, signed_at=signed_at,
                        revision=revisions[page.pk][n], record=False,
                    )
        except Exception as error:  # reported below with the thread that raised it
            errors.append((index, repr(error)))
        finally:
            connections.close_all()

    threads = [threading.Thread(target=approve, args=(page, i)) for i, page in enumerate(pages)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    assert not errors, errors

    total = THREADS * PER_THREAD
    assert SubmissionLedgerEntry.objects.count() == total
    for year in (2026, 2027):
        numbers = sorted(
            SubmissionLedgerEntry.objects.filter(year=year).values_list("number", flat=True)
        )
        assert numbers == list(range(1, len(numbers) + 1)), (year, numbers)
        assert LedgerYearCounter.objects.get(ledger="submission", year=year).last_number == len(numbers)
    chain = LedgerChain.objects.get(ledger="submission")
    assert chain.length == total
    assert verify_chain(SubmissionLedgerEntry, chain) is None
