"""Image files are private until published, like documents (附件随正文发布).

Wagtail keeps an image as files in the storage, its original under ``original_images/``
and its renditions (the resized versions the admin's thumbnails and choosers,
``{% image %}``, rich text and the API use) under ``images/``, and links each straight
to ``MEDIA_URL + name``. No Wagtail view sits in front of those files in which a check
could run (wagtail/wagtail#3880), and the admin needs the rendition URLs. So the package
answers at ``MEDIA_URL`` itself: :class:`ImageFileView` (mounted by
:func:`media_urlpatterns`) finds the image that owns the requested file, as its original
or as one of its renditions, and hands the file over only when
:func:`~wagtail_govinfo.attachments.privacy.is_public` says so (the live version of some
page or snippet uses the image) or when the user may choose or change the image in the
admin. Everything else under ``MEDIA_URL`` is a 404: a private image, a file no image
owns, a document (documents go through ``/documents/``), a stored report. Every URL that
Wagtail and the package produce for an image keeps working, for the public only once the
image is published.

The web server in front must pass ``MEDIA_URL`` to Django, never serve ``MEDIA_ROOT``
itself; Wagtail's ``SENDFILE_BACKEND`` (e.g. nginx ``X-Accel-Redirect`` to an ``internal``
location) lets it send the bytes after the check.
"""

import hashlib
import mimetypes
import os
import re
from urllib.parse import urlsplit

from django.conf import settings
from django.core.cache import cache
from django.core.exceptions import SuspiciousOperation
from django.http import FileResponse, HttpResponseNotFound
from django.urls import re_path
from django.utils.cache import add_never_cache_headers, patch_cache_control
from django.views import View
from wagtail.images import get_image_model
from wagtail.utils import sendfile_streaming_backend
from wagtail.utils.sendfile import sendfile

from ..conf import govinfo_settings
from .privacy import is_public, user_may_see_private

ORIGINAL = "original"
RENDITION = "rendition"
_CACHE_PREFIX = "govinfo:image-file:"
_CACHE_SECONDS = 24 * 3600


def _models():
    Image = get_image_model()
    return Image, Image.get_rendition_model()


def _storages():
    Image, Rendition = _models()
    return {Image._meta.get_field("file").storage, Rendition._meta.get_field("file").storage}


def _stored(name):
    """Whether a file of that name exists where images or renditions are kept (no
    database query for a name that was guessed)."""
    for storage in _storages():
        try:
            if storage.exists(name):
                return True
        except (SuspiciousOperation, ValueError, OSError):
            return False
    return False


def _lookup(name, kind=None, pk=None):
    Image, Rendition = _models()
    if kind in (None, RENDITION):
        renditions = Rendition.objects.filter(file=name)
        if pk is not None:
            renditions = renditions.filter(pk=pk)
        rendition = renditions.select_related("image").first()
        if rendition is not None:
            return RENDITION, rendition.pk, rendition.image, rendition.file
    if kind in (None, ORIGINAL):
        images = Image.objects.filter(file=name)
        if pk is not None:
            images = images.filter(pk=pk)
        image = images.first()
        if image is not None:
            return ORIGINAL, image.pk, image, image.file
    return None


def image_file(name):
    """``(image, field_file)`` for the image whose original or one of whose renditions is
    stored as ``name``, or None.

    Wagtail indexes neither file column, so the row found is remembered in Django's cache
    by name and checked again by primary key on each use (a name freed by a deletion and
    taken by another image finds the new owner)."""
    if not name or not _stored(name):
        return None
    key = _CACHE_PREFIX + hashlib.sha256(name.encode()).hexdigest()
    remembered = cache.get(key)
    found = _lookup(name, *remembered) if remembered else None
    if found is None:
        found = _lookup(name)
        if found is None:
            return None
        cache.set(key, found[:2], _CACHE_SECONDS)
    return found[2], found[3]


def _file_response(request, field_file):
    content_type = mimetypes.guess_type(field_file.name)[0] or "application/octet-stream"
    try:
        local_path = field_file.path
    except NotImplementedError:
        local_path = None
    if local_path and os.path.isfile(local_path):
        # Wagtail's sendfile: If-Modified-Since, and SENDFILE_BACKEND when configured.
        options = {"mimetype": content_type}
        if not hasattr(settings, "SENDFILE_BACKEND"):
            options["backend"] = sendfile_streaming_backend.sendfile
        response = sendfile(request, local_path, **options)
    else:
        field_file.open("rb")
        response = FileResponse(field_file, content_type=content_type)
    # An SVG must not run script from the site's origin.
    response["Content-Security-Policy"] = "default-src 'none'"
    response["X-Content-Type-Options"] = "nosniff"
    return response


def _not_found():
    response = HttpResponseNotFound()
    # Not cached anywhere: the image may be published a minute later.
    add_never_cache_headers(response)
    return response


class ImageFileView(View):
    """Serve ``MEDIA_URL + path`` when it is the original or a rendition of an image the
    requester may see (see the module's docstring); a 404 for anything else.

    Public images are cacheable for ``IMAGE_CACHE_SECONDS``; an image served only because
    the user is staff is ``private, no-store``."""

    http_method_names = ["get", "head"]

    def get(self, request, path):
        found = image_file(path)
        if found is None:
            return _not_found()
        image, field_file = found
        public = is_public(image)
        if not public and not user_may_see_private(request.user, image):
            return _not_found()
        try:
            response = _file_response(request, field_file)
        except (FileNotFoundError, OSError):
            return _not_found()
        if public:
            patch_cache_control(response, public=True, max_age=int(govinfo_settings.IMAGE_CACHE_SECONDS))
        else:
            add_never_cache_headers(response)
        return response


def media_path_prefix():
    """``MEDIA_URL``'s path without its leading slash, or None when it names another host."""
    parts = urlsplit(settings.MEDIA_URL or "")
    if parts.scheme or parts.netloc:
        return None
    return parts.path.lstrip("/")


def media_urlpatterns(view=None):
    """The URL pattern that answers at ``MEDIA_URL`` through :class:`ImageFileView` (or
    ``view``, e.g. a subclass's ``as_view()``). Add it to the site's URLconf::

        urlpatterns += media_urlpatterns()
    """
    prefix = media_path_prefix()
    if prefix is None:
        return []
    return [
        re_path(
            rf"^{re.escape(prefix)}(?P<path>.+)$",
            view or ImageFileView.as_view(),
            name="govinfo_media",
        )
    ]
