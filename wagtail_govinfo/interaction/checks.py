"""System checks of the interaction module."""

from django.conf import settings
from django.core.checks import Warning

PER_PROCESS_CACHES = {"django.core.cache.backends.locmem.LocMemCache"}
NO_CACHES = {"django.core.cache.backends.dummy.DummyCache"}


def check_rate_limit_cache(app_configs, **kwargs):
    """The message endpoint counts requests in the default cache: a dummy cache
    disables the limit, a per-process one multiplies it by the number of processes."""
    backend = settings.CACHES.get("default", {}).get("BACKEND", "")
    if backend in NO_CACHES:
        return [
            Warning(
                "The default cache is a DummyCache: the citizen message endpoint has no rate limit.",
                hint="Configure CACHES['default'] with Redis, Memcached or the database.",
                id="wagtail_govinfo_interaction.W001",
            )
        ]
    if backend in PER_PROCESS_CACHES and not settings.DEBUG:
        return [
            Warning(
                "The default cache is per process (LocMemCache): each web process counts the "
                "citizen message rate limit on its own.",
                hint="Configure CACHES['default'] with Redis, Memcached or the database.",
                id="wagtail_govinfo_interaction.W002",
            )
        ]
    return []
