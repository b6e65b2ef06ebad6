"""System checks of the interaction module: the rate limit needs a shared cache."""

from django.test import override_settings

from wagtail_govinfo.interaction.checks import check_rate_limit_cache


def ids(**overrides):
    with override_settings(**overrides):
        return [message.id for message in check_rate_limit_cache(None)]


def test_dummy_cache_disables_the_limit():
    caches = {"default": {"BACKEND": "django.core.cache.backends.dummy.DummyCache"}}
    assert ids(CACHES=caches, DEBUG=True) == ["wagtail_govinfo_interaction.W001"]


def test_per_process_cache_is_reported_outside_debug():
    caches = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
    assert ids(CACHES=caches, DEBUG=False) == ["wagtail_govinfo_interaction.W002"]
    assert ids(CACHES=caches, DEBUG=True) == []


def test_shared_cache_is_fine():
    caches = {"default": {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": "redis://127.0.0.1:6379"}}
    assert ids(CACHES=caches, DEBUG=False) == []
