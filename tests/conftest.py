import pytest
from django.core.management import call_command


@pytest.fixture
def setup_roles(db):
    """The role groups and permissions of ``govinfo_setup`` (core only, fast)."""
    from wagtail_govinfo.setup import setup_roles

    setup_roles()


@pytest.fixture
def govinfo_setup(db):
    """Everything ``govinfo_setup`` does, including the sub-apps' steps."""
    call_command("govinfo_setup", stdout=open("/dev/null", "w"))
