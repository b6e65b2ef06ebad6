import pytest


@pytest.fixture(autouse=True)
def media_on_disk(settings, tmp_path):
    """Wagtail's serve view sends documents from a local path: keep files on disk here
    (the test settings keep them in memory, which has no real path)."""
    settings.STORAGES = {
        **settings.STORAGES,
        "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    }
    settings.MEDIA_ROOT = str(tmp_path / "media")
