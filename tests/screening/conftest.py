import pytest
from django.core.cache import cache

from wagtail_govinfo.screening import clear_compiled_dictionary
from wagtail_govinfo.screening.dictionary import VERSION_CACHE_KEY


@pytest.fixture(autouse=True)
def fresh_dictionary():
    """The compiled dictionary lives in the process and its version in the cache, which
    outlive a test's rolled-back database: start and end every test without them."""
    clear_compiled_dictionary()
    cache.delete(VERSION_CACHE_KEY)
    yield
    clear_compiled_dictionary()
    cache.delete(VERSION_CACHE_KEY)
