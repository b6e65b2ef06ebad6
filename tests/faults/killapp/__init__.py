"""Fault injection for tests/faults: at the audit-log record named by ``GOVINFO_FAULT_ACTION``
(written inside the job's transaction), the worker process is SIGKILLed
(``GOVINFO_FAULT=kill``) or its database connection terminated by PostgreSQL
(``GOVINFO_FAULT=terminate``), once: the marker file ``GOVINFO_FAULT_MARKER`` remembers it."""
