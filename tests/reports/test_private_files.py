"""Stored reports live in the private storage: no public URL, only the checked download."""

import pytest
from django.core.files.storage import default_storage, storages
from django.urls import reverse
from wagtail.models import ModelLogEntry

from tests import factories as f
from wagtail_govinfo.private_files import PrivateFileSystemStorage
from wagtail_govinfo.reports import build_and_store

pytestmark = pytest.mark.django_db


@pytest.fixture
def on_disk(settings, tmp_path):
    """The example site's layout: public media and private files in separate directories."""
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.STORAGES = {
        **settings.STORAGES,
        "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
        "govinfo_private": {
            "BACKEND": "wagtail_govinfo.private_files.PrivateFileSystemStorage",
            "OPTIONS": {"location": tmp_path / "private"},
        },
    }
    return tmp_path


def test_a_stored_report_is_in_the_private_storage_and_has_no_public_url(setup_roles, on_disk, client):
    report = build_and_store("quarterly", "2026Q3")
    assert isinstance(storages["govinfo_private"], PrivateFileSystemStorage)
    assert (on_disk / "private" / report.file.name).is_file()
    assert not (on_disk / "media" / report.file.name).exists()
    assert not default_storage.exists(report.file.name)
    with pytest.raises(ValueError, match="no public URL"):
        report.file.url
    # The path the issue found open: nothing under /media/, for anyone.
    assert client.get(f"/media/{report.file.name}").status_code == 404
    client.force_login(f.user(operator=True))
    assert client.get(f"/media/{report.file.name}").status_code == 404


def test_only_the_checked_view_hands_it_out_and_records_it(setup_roles, on_disk, client):
    report = build_and_store("quarterly", "2026Q3")
    url = reverse("govinfo_checks:report_download", args=[report.pk])
    assert client.get(url).status_code == 302  # anonymous: to the login page
    auditor = f.user(auditor=True)
    client.force_login(auditor)
    response = client.get(url)
    assert response.status_code == 200 and b"".join(response.streaming_content)[:2] == b"PK"
    entry = ModelLogEntry.objects.get(action="wagtail_govinfo.report_downloaded")
    assert entry.user_id == auditor.pk


def test_without_a_private_storage_the_deploy_check_warns(settings):
    from wagtail_govinfo.checks import check_private_storage

    assert check_private_storage(None) == []
    settings.STORAGES = {k: v for k, v in settings.STORAGES.items() if k != "govinfo_private"}
    assert [w.id for w in check_private_storage(None)] == ["wagtail_govinfo.W001"]


def test_setup_moves_reports_stored_by_an_earlier_version_into_the_private_storage(setup_roles, on_disk):
    import io

    from django.core.files.base import ContentFile
    from django.core.management import call_command

    from wagtail_govinfo.models import Report

    report = build_and_store("quarterly", "2026Q3")
    name = report.file.name
    storages["govinfo_private"].delete(name)
    default_storage.save(name, ContentFile(b"PK old report"))  # where 0.x kept it: public
    call_command("govinfo_setup", stdout=io.StringIO())
    assert not default_storage.exists(name)
    assert storages["govinfo_private"].open(Report.objects.get().file.name).read() == b"PK old report"
    call_command("govinfo_setup", stdout=io.StringIO())  # nothing more to do
