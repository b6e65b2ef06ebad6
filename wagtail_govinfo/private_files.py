"""The private storage: files that only permission-checked views may hand out.

Stored reports (第二十六、二十八条) are written here, never under ``MEDIA_URL``. The
storage is the ``STORAGES`` alias named by ``WAGTAIL_GOVINFO["PRIVATE_STORAGE"]``
(default ``govinfo_private``); the example site points it at a directory outside
``MEDIA_ROOT`` (``PrivateFileSystemStorage``, which has no URL at all). Without that
alias the default storage is used and system check ``wagtail_govinfo.W001`` says so.
"""

from django.conf import settings
from django.core.files.storage import FileSystemStorage, default_storage, storages
from django.core.signals import setting_changed
from django.utils.functional import LazyObject, empty

from .conf import govinfo_settings


class PrivateFileSystemStorage(FileSystemStorage):
    """A directory of files without a public address: ``url()`` refuses.

    Give it a ``location`` outside ``MEDIA_ROOT`` (and outside anything the web server
    serves); files are read through the package's download views.
    """

    def url(self, name):
        raise ValueError(
            f"{name} is in the private storage and has no public URL; "
            "link to its permission-checked download view instead."
        )


def private_storage_configured():
    return govinfo_settings.PRIVATE_STORAGE in settings.STORAGES


class _PrivateStorage(LazyObject):
    def _setup(self):
        if private_storage_configured():
            self._wrapped = storages[govinfo_settings.PRIVATE_STORAGE]
        else:
            self._wrapped = default_storage


_private = _PrivateStorage()


def private_storage():
    """The storage of private files (a callable, so migrations do not freeze it)."""
    return _private


def _reset(*, setting, **kwargs):
    if setting in {"STORAGES", "WAGTAIL_GOVINFO"}:
        _private._wrapped = empty


setting_changed.connect(_reset, dispatch_uid="wagtail_govinfo_reset_private_storage")


def move_reports_to_private_storage(stdout=None):
    """Move stored reports written by an earlier version into the private storage
    (a ``govinfo_setup`` step; a no-op once done). Returns how many were moved."""
    from django.utils.translation import gettext as _

    from .models import Report

    if not private_storage_configured():
        return 0
    private = private_storage()
    moved = 0
    for report in Report.objects.exclude(file=""):
        name = report.file.name
        if private.exists(name) or not default_storage.exists(name):
            continue
        with default_storage.open(name, "rb") as handle:
            saved = private.save(name, handle)
        if saved != name:
            Report.objects.filter(pk=report.pk).update(file=saved)
        default_storage.delete(name)
        moved += 1
    if stdout is not None and moved:
        stdout.write(_("Stored reports moved to the private storage: %(count)s.") % {"count": moved})
    return moved
