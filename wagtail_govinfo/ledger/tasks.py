"""Background job of the ledger app, run by django-q2 (schedule in ``schedules.py``)."""

import logging

logger = logging.getLogger(__name__)


def verify_ledgers():
    """Verify every ledger against its chain head and witnesses (daily).

    An intact ledger gets a new witness; a broken one an audit-log record that the
    operator's dashboard shows. Returns ``{ledger: "intact" or the failure}``.
    """
    from .models import Ledger
    from .verification import verify_and_record

    summary = {}
    for ledger in Ledger:
        result = verify_and_record(ledger, via="schedule")
        summary[ledger.value] = "intact" if result.ok else result.describe()
        if not result.ok:
            logger.error("%s", result.describe())
    return summary
