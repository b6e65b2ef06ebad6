"""The acknowledged Redis broker hands a task out again when its worker died (needs Redis)."""

import os
import time

import pytest
from django_q.conf import Conf

pytestmark = pytest.mark.skipif(not os.environ.get("REDIS_URL"), reason="needs Redis (set REDIS_URL)")


@pytest.fixture
def broker(monkeypatch):
    from wagtail_govinfo.queue_broker import AcknowledgedRedis

    monkeypatch.setattr(Conf, "REDIS", os.environ["REDIS_URL"])
    monkeypatch.setattr(Conf, "DJANGO_REDIS", None)
    monkeypatch.setattr(Conf, "POLL", 0.01)
    monkeypatch.setattr(Conf, "MAX_ATTEMPTS", 2)
    broker = AcknowledgedRedis(list_key=f"govinfo-test-{os.getpid()}")
    broker.delete_queue()
    yield broker
    broker.delete_queue()


def test_an_unacknowledged_task_is_handed_out_again_then_dropped_after_max_attempts(broker):
    broker.enqueue("task-1")
    assert broker.dequeue() == [(b"task-1", b"task-1")]
    assert broker.queue_size() == 0 and broker.lock_size() == 1
    assert broker.dequeue() is None  # not due again yet

    assert broker.requeue_overdue(now=time.time() + Conf.RETRY + 1) == 1  # its worker died
    assert broker.dequeue() == [(b"task-1", b"task-1")]
    broker.requeue_overdue(now=time.time() + Conf.RETRY + 1)
    assert broker.dequeue() is None  # a third delivery would exceed max_attempts
    assert broker.lock_size() == 0 and broker.queue_size() == 0


def test_an_acknowledged_task_is_gone(broker):
    broker.enqueue("task-2")
    [(ack_id, task)] = broker.dequeue()
    broker.acknowledge(ack_id)
    assert broker.requeue_overdue(now=time.time() + 10 * Conf.RETRY) == 0
    assert broker.lock_size() == 0 and broker.dequeue() is None
