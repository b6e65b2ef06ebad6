"""A Redis broker for django-q2 that loses no task when a worker is killed.

django-q2's own Redis broker pops a task off the list when a worker takes it: if the
worker is killed (SIGKILL, out of memory, a host restart) the task is gone, with no
record and no retry. This broker keeps every task it hands out in a ``processing`` set
until the cluster acknowledges it, and hands it out again once ``retry`` seconds have
passed without an acknowledgement, up to ``max_attempts`` deliveries. Together with
django-q2's settings this gives:

* ``timeout`` < ``retry``: a task still running is stopped by the timeout before it
  could be handed out a second time;
* ``ack_failures`` False: a task that raised is retried as well, after ``retry``;
* ``max_attempts`` (>= 2): how many times one task is handed out at most, counting
  deliveries to killed workers (django-q2 itself only counts saved results).

Use it with ``Q_CLUSTER = {"redis": REDIS_URL, "broker_class":
"wagtail_govinfo.queue_broker.AcknowledgedRedis", …}``. Every job of the package is
idempotent, so a second delivery after a kill ends as one clean run would.
"""

import logging
import time

from django_q.brokers.redis_broker import Redis
from django_q.conf import Conf

logger = logging.getLogger(__name__)

# Move a task from the queue to the processing set (score: when it may be handed out
# again) and count its deliveries, atomically.
_TAKE = """
local task = redis.call('LPOP', KEYS[1])
if not task then return nil end
redis.call('ZADD', KEYS[2], ARGV[1], task)
local deliveries = redis.call('HINCRBY', KEYS[3], task, 1)
return {task, deliveries}
"""

# Put back at the head of the queue every task whose acknowledgement is overdue.
_REQUEUE = """
local due = redis.call('ZRANGEBYSCORE', KEYS[2], '-inf', ARGV[1], 'LIMIT', 0, 100)
for _, task in ipairs(due) do
  redis.call('ZREM', KEYS[2], task)
  redis.call('LPUSH', KEYS[1], task)
end
return #due
"""


class AcknowledgedRedis(Redis):
    """django-q2's Redis broker with acknowledgements and redelivery."""

    @property
    def processing_key(self):
        return f"{self.list_key}:processing"

    @property
    def deliveries_key(self):
        return f"{self.list_key}:deliveries"

    def _script(self, name, source):
        scripts = self.__dict__.setdefault("_scripts", {})
        if name not in scripts:
            scripts[name] = self.connection.register_script(source)
        return scripts[name]

    def requeue_overdue(self, now=None):
        """Hand out again the tasks not acknowledged in time; how many."""
        return self._script("requeue", _REQUEUE)(
            keys=[self.list_key, self.processing_key], args=[now if now is not None else time.time()]
        )

    def dequeue(self):
        self.requeue_overdue()
        take = self._script("take", _TAKE)
        while True:
            taken = take(
                keys=[self.list_key, self.processing_key, self.deliveries_key],
                args=[time.time() + Conf.RETRY],
            )
            if not taken:
                time.sleep(Conf.POLL)
                return None
            task, deliveries = taken
            if Conf.MAX_ATTEMPTS > 0 and int(deliveries) > Conf.MAX_ATTEMPTS:
                logger.error(
                    "A task was handed out %s times without an acknowledgement (max_attempts %s): dropped.",
                    int(deliveries) - 1,
                    Conf.MAX_ATTEMPTS,
                )
                self.acknowledge(task)
                continue
            return [(task, task)]

    def acknowledge(self, task_id):
        pipe = self.connection.pipeline()
        pipe.zrem(self.processing_key, task_id)
        pipe.hdel(self.deliveries_key, task_id)
        pipe.execute()

    def fail(self, task_id):
        self.acknowledge(task_id)

    def lock_size(self):
        return self.connection.zcard(self.processing_key)

    def delete_queue(self):
        return self.connection.delete(self.list_key, self.processing_key, self.deliveries_key)

    def purge_queue(self):
        self.connection.delete(self.processing_key, self.deliveries_key)
        return super().purge_queue()
