"""Test settings: the example site's configuration, made fast and deterministic."""

import os

# The example site refuses to start without a SECRET_KEY unless DEBUG is asked for.
os.environ.setdefault("DEBUG", "1")

from example_site.settings import *  # noqa: E402,F401,F403
from example_site.settings import Q_CLUSTER  # noqa: E402

PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
# django-q2 reads its settings at import: run tasks inline in tests.
Q_CLUSTER = {**Q_CLUSTER, "sync": True}
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.InMemoryStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
WAGTAILADMIN_BASE_URL = WAGTAILAPI_BASE_URL = "http://testserver"
# A test-only snippet under Wagtail snippet workflows (tests/workflows/test_snippets.py).
INSTALLED_APPS = [*INSTALLED_APPS, "tests.workflows.snippetapp"]  # noqa: F405
STORAGES["govinfo_private"] = {"BACKEND": "django.core.files.storage.InMemoryStorage"}  # noqa: F405
# One process: a local cache, so no test sees another's rate-limit counters in Redis.
CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
