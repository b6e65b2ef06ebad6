"""System checks for ``WAGTAIL_GOVINFO``: a wrong value is named in one readable line."""

from urllib.parse import urlsplit

from django.conf import settings
from django.core.checks import Error, Warning, register

from .conf import DEFAULTS

_INT_KEYS = {k for k, v in DEFAULTS.items() if isinstance(v, int) and not isinstance(v, bool)}
_BOOL_KEYS = {k for k, v in DEFAULTS.items() if isinstance(v, bool)}
_STR_KEYS = {k for k, v in DEFAULTS.items() if isinstance(v, str)}


@register()
def check_settings(app_configs, **kwargs):
    value = getattr(settings, "WAGTAIL_GOVINFO", {})
    if not isinstance(value, dict):
        return [
            Error(
                f"WAGTAIL_GOVINFO must be a dict, not {type(value).__name__}.",
                id="wagtail_govinfo.E001",
            )
        ]
    errors = []
    for key, item in value.items():
        if key not in DEFAULTS:
            errors.append(
                Error(
                    f"WAGTAIL_GOVINFO has an unknown key {key!r}.",
                    hint="Known keys: " + ", ".join(sorted(DEFAULTS)),
                    id="wagtail_govinfo.E002",
                )
            )
        elif key in _BOOL_KEYS and not isinstance(item, bool):
            errors.append(_type_error(key, item, "True or False"))
        elif key in _INT_KEYS and (
            isinstance(item, bool) or not isinstance(item, int) or item < 0
        ):
            errors.append(_type_error(key, item, "a whole number of 0 or more"))
        elif key in _STR_KEYS and (not isinstance(item, str) or not item.strip()):
            errors.append(_type_error(key, item, "a non-empty string"))
        elif key == "DAILY_CHECK_HOUR" and item > 23:
            errors.append(_type_error(key, item, "an hour from 0 to 23"))
        elif key == "EDITOR_GROUP_FORMAT" and "{code}" not in item:
            errors.append(
                Error(
                    "WAGTAIL_GOVINFO['EDITOR_GROUP_FORMAT'] must contain '{code}'.",
                    id="wagtail_govinfo.E004",
                )
            )
        elif key == "COLUMN_STALE_DAYS":
            errors.extend(_check_stale_days(item))
        elif key == "DICTIONARY_SOURCES" and (
            not isinstance(item, (list, tuple))
            or not all(
                isinstance(p, str) or (isinstance(p, dict) and isinstance(p.get("path"), str))
                for p in item
            )
        ):
            errors.append(
                _type_error(key, item, "a list of file paths (or {'path': ..., 'typos': True})")
            )
        elif key == "SCREENING_ALLOW_LIST":
            errors.extend(_check_allow_list(item))
        elif key == "LEADER_INFO_DEPARTMENTS" and item is not None and (
            not isinstance(item, (list, tuple)) or not all(isinstance(c, str) and c for c in item)
        ):
            errors.append(_type_error(key, item, "a list of department codes or None"))
        elif key == "FROM_EMAIL" and item is not None and not isinstance(item, str):
            errors.append(_type_error(key, item, "an e-mail address or None"))
        elif key == "LEDGER_HMAC_KEY" and item is not None and (
            not isinstance(item, (str, bytes)) or len(item) < 16
        ):
            errors.append(_type_error(key, "…", "a secret of at least 16 characters or None"))
        elif key == "LEDGER_WITNESS_FILE" and item is not None and not isinstance(item, str):
            errors.append(_type_error(key, item, "a file path or None"))
    return errors


def _check_allow_list(item):
    import os

    if item is None:
        return []
    paths = [item] if isinstance(item, str) else item
    if not isinstance(paths, (list, tuple)) or not all(isinstance(p, str) for p in paths):
        return [_type_error("SCREENING_ALLOW_LIST", item, "None, a file path or a list of file paths")]
    return [
        Error(
            f"WAGTAIL_GOVINFO['SCREENING_ALLOW_LIST']: cannot read {path!r}.",
            id="wagtail_govinfo.E003",
        )
        for path in paths
        if not os.path.isfile(path)
    ]


@register(deploy=True)
def check_private_storage(app_configs, **kwargs):
    from .conf import govinfo_settings
    from .private_files import private_storage_configured

    if private_storage_configured():
        return []
    return [
        Warning(
            f"STORAGES has no {govinfo_settings.PRIVATE_STORAGE!r} storage: stored reports "
            "are kept in the default storage, which may be served under MEDIA_URL.",
            hint="Add a private storage outside MEDIA_ROOT, e.g. "
            "wagtail_govinfo.private_files.PrivateFileSystemStorage (docs/integrators/production.md).",
            id="wagtail_govinfo.W001",
        )
    ]


def _type_error(key, item, expected):
    return Error(
        f"WAGTAIL_GOVINFO[{key!r}] must be {expected}, not {item!r}.",
        id="wagtail_govinfo.E003",
    )


def _check_stale_days(item):
    from .models.pages import ColumnKind

    if not isinstance(item, dict):
        return [_type_error("COLUMN_STALE_DAYS", item, "a dict of column kind to days")]
    errors = []
    for kind, days in item.items():
        if kind not in ColumnKind.values:
            errors.append(
                Error(
                    f"WAGTAIL_GOVINFO['COLUMN_STALE_DAYS'] names an unknown column kind {kind!r}.",
                    hint="Column kinds: " + ", ".join(ColumnKind.values),
                    id="wagtail_govinfo.E005",
                )
            )
        elif days is not None and (isinstance(days, bool) or not isinstance(days, int) or days <= 0):
            errors.append(
                Error(
                    f"WAGTAIL_GOVINFO['COLUMN_STALE_DAYS'][{kind!r}] must be a positive "
                    f"number of days or None, not {days!r}.",
                    id="wagtail_govinfo.E005",
                )
            )
    return errors


@register()
def check_attachment_privacy(app_configs, **kwargs):
    """Private attachments need documents served through Wagtail's serve view."""
    from .conf import govinfo_settings

    if govinfo_settings.ATTACHMENT_PRIVACY and getattr(settings, "WAGTAILDOCS_SERVE_METHOD", None) == "direct":
        return [
            Error(
                "WAGTAILDOCS_SERVE_METHOD = 'direct' links documents straight to the storage, "
                "so attachments of unpublished pages would be public.",
                hint="Use 'serve_view' (or 'redirect' to a private storage with signed URLs), "
                "or set WAGTAIL_GOVINFO['ATTACHMENT_PRIVACY'] = False.",
                id="wagtail_govinfo.E020",
            )
        ]
    return []


@register()
def check_image_privacy(app_configs, **kwargs):
    """Private images need their file URLs answered by the package's image view."""
    from django.urls import Resolver404, resolve
    from wagtail.images import get_image_model

    from .attachments.image_files import ImageFileView
    from .conf import govinfo_settings

    if not govinfo_settings.ATTACHMENT_PRIVACY:
        return []
    Image = get_image_model()
    samples = [
        (Image._meta.get_field("file").storage, "original_images/govinfo-check.png"),
        (Image.get_rendition_model()._meta.get_field("file").storage, "images/govinfo-check.png"),
    ]
    errors = []
    for storage, name in samples:
        try:
            url = storage.url(name)
        except NotImplementedError:
            continue  # no URL at all: nothing to bypass
        parts = urlsplit(url)
        if parts.scheme or parts.netloc:
            errors.append(
                Warning(
                    f"Image files are linked to another host ({parts.scheme}://{parts.netloc}), "
                    "where wagtail-govinfo cannot keep images of unpublished pages private.",
                    hint="Keep that storage private (signed, short-lived URLs) or set "
                    "WAGTAIL_GOVINFO['ATTACHMENT_PRIVACY'] = False (docs/integrators/attachments.md).",
                    id="wagtail_govinfo.W021",
                )
            )
            break
        try:
            match = resolve(parts.path)
        except Resolver404:
            match = None
        view_class = getattr(getattr(match, "func", None), "view_class", None)
        if not (isinstance(view_class, type) and issubclass(view_class, ImageFileView)):
            errors.append(
                Error(
                    f"{parts.path} is not answered by wagtail_govinfo's image view, so image "
                    "files are either unreachable or public before the page is published.",
                    hint="Add wagtail_govinfo.attachments.image_files.media_urlpatterns() to "
                    "the URLconf (and let no web server serve MEDIA_ROOT), or set "
                    "WAGTAIL_GOVINFO['ATTACHMENT_PRIVACY'] = False.",
                    id="wagtail_govinfo.E021",
                )
            )
            break
    return errors
