"""The catalog only takes effect where Django's lookup order lets it: say so at start-up."""

from pathlib import Path

from django.conf import settings
from django.core.checks import Warning, register

from . import LOCALE_DIR

APP = "wagtail_govinfo.locale_overrides"


@register()
def check_catalog_order(app_configs, **kwargs):
    return catalog_order_warnings(list(settings.INSTALLED_APPS), getattr(settings, "LOCALE_PATHS", []))


def catalog_order_warnings(installed, locale_paths):
    warnings = []
    position = installed.index(APP) if APP in installed else None
    first_upstream = next(
        (i for i, name in enumerate(installed) if name.split(".")[0] in {"wagtail", "wagtail_modeladmin", "django_q"}),
        None,
    )
    if position is not None and first_upstream is not None and position > first_upstream:
        warnings.append(
            Warning(
                f"{APP} is listed after {installed[first_upstream]!r}: Wagtail's own wording wins "
                "where both catalogs translate a string.",
                hint=f"Move {APP!r} above the wagtail apps in INSTALLED_APPS.",
                id="wagtail_govinfo.W101",
            )
        )
    paths = {str(Path(p).resolve()) for p in locale_paths}
    if position is not None and LOCALE_DIR not in paths:
        warnings.append(
            Warning(
                "Wagtail's JavaScript strings (e.g. 'Insert a block') stay in English: its "
                "JavaScript catalog only reads wagtail.admin and LOCALE_PATHS.",
                hint="Add wagtail_govinfo.locale_overrides.LOCALE_DIR to LOCALE_PATHS.",
                id="wagtail_govinfo.W102",
            )
        )
    return warnings
