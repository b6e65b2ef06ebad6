"""The example site's SQLite settings let the web server and the qcluster write at the same
time: immediate transactions wait for the write lock (busy timeout) instead of answering
"database is locked", and WAL lets readers go on."""

import threading
import time

import pytest
from django.db import OperationalError, connections, transaction

import example_site.settings as example

ALIAS = "concurrent_sqlite"

pytestmark = pytest.mark.skipif(
    example.DATABASES["default"]["ENGINE"] != "django.db.backends.sqlite3",
    reason="the example site runs on another database (DATABASE_URL)",
)


@pytest.fixture
def sqlite_file(tmp_path, django_db_blocker):
    """A file database with the example site's options, outside the test database."""
    config = {**example.DATABASES["default"], "NAME": str(tmp_path / "db.sqlite3"), "CONN_MAX_AGE": 0}
    connections.settings[ALIAS] = connections.configure_settings({"default": dict(config), ALIAS: config})[ALIAS]
    with django_db_blocker.unblock():
        with connections[ALIAS].cursor() as cursor:
            cursor.execute("CREATE TABLE entry (id INTEGER PRIMARY KEY, writer INTEGER, seen INTEGER)")
        yield config
        connections[ALIAS].close()
    del connections[ALIAS]
    del connections.settings[ALIAS]


def test_the_example_site_configures_immediate_transactions_and_wal(sqlite_file):
    options = sqlite_file["OPTIONS"]
    assert options["transaction_mode"] == "IMMEDIATE" and options["timeout"] >= 5
    with connections[ALIAS].cursor() as cursor:
        cursor.execute("PRAGMA journal_mode")
        assert cursor.fetchone()[0] == "wal"


def test_concurrent_writers_never_see_database_is_locked(sqlite_file):
    writers, rounds = 4, 15
    errors = []

    def write(number):
        try:
            for _ in range(rounds):
                # Read, then write in the same transaction: what a page save does, and what
                # fails at once under SQLite's default deferred transactions.
                with transaction.atomic(using=ALIAS):
                    with connections[ALIAS].cursor() as cursor:
                        cursor.execute("SELECT COUNT(*) FROM entry")
                        seen = cursor.fetchone()[0]
                        time.sleep(0.005)
                        cursor.execute("INSERT INTO entry (writer, seen) VALUES (%s, %s)", [number, seen])
        except OperationalError as exc:  # "database is locked"
            errors.append(str(exc))
        finally:
            connections[ALIAS].close()

    threads = [threading.Thread(target=write, args=(n,)) for n in range(writers)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    with connections[ALIAS].cursor() as cursor:
        cursor.execute("SELECT COUNT(*), COUNT(DISTINCT seen) FROM entry")
        count, distinct_seen = cursor.fetchone()
    # Every write landed, and each saw the writes before it (they were serialised).
    assert count == writers * rounds and distinct_seen == count
