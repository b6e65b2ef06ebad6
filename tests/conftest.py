import pytest
from django.core.cache import cache
from django.core.management import call_command

from wagtail_govinfo.screening import clear_compiled_dictionary
from wagtail_govinfo.screening.dictionary import VERSION_CACHE_KEY


@pytest.fixture(autouse=True)
def fresh_dictionary():
    """The compiled screening dictionary lives in the process and its version in the cache,
    which outlive a test's rolled-back database: start and end every test without them."""
    clear_compiled_dictionary()
    cache.delete(VERSION_CACHE_KEY)
    yield
    clear_compiled_dictionary()
    cache.delete(VERSION_CACHE_KEY)


@pytest.fixture(autouse=True)
def wagtail_initial_data(request):
    """Transactional tests run last and flush the database after each; give every one of
    them Wagtail's initial data, whatever ran before."""
    marker = request.node.get_closest_marker("django_db")
    if "transactional_db" in request.fixturenames or (marker and marker.kwargs.get("transaction")):
        request.getfixturevalue("transactional_db")
        from tests.factories import ensure_wagtail_initial_data

        ensure_wagtail_initial_data()


@pytest.fixture
def english():
    """Command output in English, for tests that assert its wording; the zh_Hans catalog
    tests check that every message is translated."""
    from django.utils import translation

    with translation.override("en"):
        yield


@pytest.fixture
def setup_roles(db):
    """The role groups and permissions of ``govinfo_setup`` (core only, fast)."""
    from wagtail_govinfo.setup import setup_roles

    setup_roles()


@pytest.fixture
def govinfo_setup(db):
    """Everything ``govinfo_setup`` does, including the sub-apps' steps."""
    call_command("govinfo_setup", stdout=open("/dev/null", "w"))


@pytest.fixture
def media_on_disk(settings, tmp_path):
    """Wagtail's serve views send files from a local path: keep uploaded files on disk
    (the test settings keep them in memory, which has no real path)."""
    settings.STORAGES = {
        **settings.STORAGES,
        "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    }
    settings.MEDIA_ROOT = str(tmp_path / "media")
