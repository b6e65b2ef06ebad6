"""List (and add to the catalog) the admin strings that the installed Wagtail,
wagtail-modeladmin and django-q2 leave untranslated in zh_Hans.

    .venv/bin/python scripts/locale_overrides.py          # report the gaps
    .venv/bin/python scripts/locale_overrides.py --write  # add them, untranslated, to
                                                          # wagtail_govinfo/locale_overrides

After ``--write``, fill in the new ``msgstr`` and run ``make messages`` (it compiles).
Entries with the translator comment ``override`` replace an upstream wording on purpose
and are kept even though upstream translates them.
"""

import importlib.util
import sys
from pathlib import Path

import polib

CATALOG_DIR = Path(__file__).resolve().parents[1] / "wagtail_govinfo/locale_overrides/locale/zh_Hans/LC_MESSAGES"
# The apps of the stack that the package's roles meet in the admin.
APPS = [
    "wagtail.admin", "wagtail", "wagtail.contrib.forms", "wagtail.contrib.redirects",
    "wagtail.contrib.settings", "wagtail.contrib.table_block", "wagtail.documents", "wagtail.images",
    "wagtail.locales", "wagtail.snippets", "wagtail.users", "wagtail.sites", "wagtail_modeladmin",
    "django_q",
]


def app_locale(app):
    spec = importlib.util.find_spec(app)
    return Path(spec.origin).parent / "locale"


def gaps(domain):
    """(msgctxt, msgid, msgid_plural) the upstream zh_Hans catalogs do not translate."""
    found, seen = [], set()
    for app in APPS:
        locale = app_locale(app)
        zh = locale / "zh_Hans/LC_MESSAGES" / f"{domain}.po"
        source = locale / "en/LC_MESSAGES" / f"{domain}.po"
        if not source.exists():
            source = zh  # some projects ship no English template: its untranslated entries
        if not source.exists():
            continue
        translated = set()
        if zh.exists():
            translated = {(e.msgctxt, e.msgid) for e in polib.pofile(str(zh)) if e.translated()}
        for entry in polib.pofile(str(source)):
            key = (entry.msgctxt, entry.msgid)
            if entry.obsolete or key in translated or key in seen:
                continue
            seen.add(key)
            found.append((entry.msgctxt, entry.msgid, entry.msgid_plural))
    return found


def main(write=False):
    missing_total = 0
    for domain in ("django", "djangojs"):
        path = CATALOG_DIR / f"{domain}.po"
        po = polib.pofile(str(path)) if path.exists() else polib.POFile()
        have = {(e.msgctxt, e.msgid) for e in po}
        missing = [g for g in gaps(domain) if (g[0], g[1]) not in have]
        missing_total += len(missing)
        for msgctxt, msgid, plural in missing:
            print(f"{domain}: {msgid!r}")
            if write:
                entry = polib.POEntry(msgctxt=msgctxt, msgid=msgid, msgstr="")
                if plural:
                    entry.msgid_plural, entry.msgstr_plural, entry.msgstr = plural, {0: ""}, ""
                po.append(entry)
        if write and missing:
            po.save(str(path))
    print(f"{missing_total} upstream strings without Chinese.")
    return missing_total


if __name__ == "__main__":
    sys.exit(1 if main(write="--write" in sys.argv) and "--write" not in sys.argv else 0)
