"""Chinese for the strings of Wagtail, wagtail-modeladmin and django-q2 that their own
``zh_Hans`` catalogs lack or word awkwardly, for the screens the package's roles work in.

Django looks a msgid up in ``LOCALE_PATHS`` first, then in the apps in ``INSTALLED_APPS``
order. So an integrator lists ``wagtail_govinfo.locale_overrides`` before the ``wagtail``
apps and, for the admin's JavaScript strings (Wagtail's JavaScript catalog only reads
``wagtail.admin`` and ``LOCALE_PATHS``), adds ``LOCALE_DIR`` to ``LOCALE_PATHS``. The
system checks ``wagtail_govinfo.W101``/``W102`` say when either is missing.

The catalog holds no msgid of the package's own code (those live in the package's apps'
catalogs, checked for drift); ``scripts/locale_overrides.py`` lists what the installed
upstream catalogs lack.
"""

from pathlib import Path

#: Add to ``LOCALE_PATHS`` so Wagtail's JavaScript strings are Chinese too.
LOCALE_DIR = str(Path(__file__).resolve().parent / "locale")
