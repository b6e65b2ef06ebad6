import pytest


@pytest.fixture(autouse=True)
def _files_on_disk(media_on_disk):
    """Every attachment test serves real files (see ``media_on_disk``)."""
