"""List (and add to the catalog) the admin strings that the installed Wagtail,
wagtail-modeladmin and django-q2 leave untranslated in zh_Hans.

    .venv/bin/python scripts/locale_overrides.py          # report the gaps
    .venv/bin/python scripts/locale_overrides.py --write  # add them, untranslated, to
                                                          # wagtail_govinfo/locale_overrides
                                                          # and re-copy the name templates

After ``--write``, fill in the new ``msgstr`` and run ``make messages`` (it compiles).
Entries with the translator comment ``override`` replace an upstream wording on purpose
and are kept even though upstream translates them.
"""

import importlib.util
import re
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


TEMPLATE_DIR = CATALOG_DIR.parents[2] / "templates"
# Wagtail templates that name people, copied with 姓名 in place of Wagtail's "first last"
# (Wagtail 8 has no hook for the display name): the ones the package's roles meet.
NAME_TEMPLATES = [
    ("wagtail.admin", "wagtailadmin/shared/side_panels/includes/status/workflow.html"),
    ("wagtail.admin", "wagtailadmin/shared/workflow_history/listing_results.html"),
    ("wagtail.admin", "wagtailadmin/shared/workflow_history/detail.html"),
    ("wagtail.admin", "wagtailadmin/workflows/workflow_status.html"),
    ("wagtail.admin", "wagtailadmin/home/workflow_objects_to_moderate.html"),
    ("wagtail.admin", "wagtailadmin/home/account_summary.html"),
    ("wagtail.admin", "wagtailadmin/reports/workflow_results.html"),
    ("wagtail.admin", "wagtailadmin/tables/user_cell.html"),
    ("wagtail.admin", "wagtailadmin/tables/boolean_cell.html"),
    ("wagtail.admin", "wagtailadmin/notifications/base.txt"),
    ("wagtail.admin", "wagtailadmin/notifications/base.html"),
    ("wagtail.admin", "wagtailadmin/notifications/workflow_state_rejected.txt"),
    ("wagtail.admin", "wagtailadmin/notifications/workflow_state_rejected.html"),
    ("wagtail.admin", "wagtailadmin/notifications/workflow_state_submitted.txt"),
    ("wagtail.admin", "wagtailadmin/notifications/workflow_state_submitted.html"),
    ("wagtail.admin", "wagtailadmin/notifications/updated_comments.txt"),
    ("wagtail.admin", "wagtailadmin/notifications/updated_comments.html"),
]
# Further changes to single templates: (old, new); each old must occur in Wagtail's text.
EXTRA = {
    # Table cells (page history, reports) get the user as ``value``.
    "wagtailadmin/tables/user_cell.html": [
        ("username=display_name", "username=value|govinfo_name|default:display_name"),
    ],
    # Booleans: the icon's title (read by screen readers, and by the sweep) in words.
    "wagtailadmin/tables/boolean_cell.html": [
        ("{% load wagtailadmin_tags govinfo_names %}", '{% load i18n wagtailadmin_tags govinfo_names %}{% trans "yes,no,maybe" as yes_no %}'),
    ]
    + [
        (f"{{% icon title=value|stringformat:'s' name=\"{name}\"", f"{{% icon title=value|yesno:yes_no name=\"{name}\"")
        for name in ("help", "check", "cross")
    ],
    # The status panel: a page sent back for changes says so (not "In Moderation"), does
    # not call the submitter the one who asked for changes, and shows who returned it,
    # at which step and why (wagtail_govinfo/workflow/returned_note.html).
    "wagtailadmin/shared/side_panels/includes/status/workflow.html": [
        (
            "{% trans 'In Moderation' as title %}",
            '{% if workflow_state.status == "needs_changes" %}{% trans "Returned for changes" as title %}'
            "{% else %}{% trans 'In Moderation' as title %}{% endif %}",
        ),
        (
            "{% if workflow_state.requested_by %}\n                {% blocktrans trimmed with user=workflow_state.requested_by|govinfo_name asvar modified_by %}",
            "{% firstof '' as modified_by %}"
            '{% if workflow_state.requested_by and workflow_state.status != "needs_changes" %}\n                {% blocktrans trimmed with user=workflow_state.requested_by|govinfo_name asvar modified_by %}',
        ),
        (
            "{% workflow_status_with_date workflow_state %}\n                </div>\n            </div>\n",
            "{% workflow_status_with_date workflow_state %}\n                </div>\n            </div>\n"
            '            {% include "wagtail_govinfo/workflow/returned_note.html" %}\n',
        ),
    ],
}
HEADER = "{# Copied from Wagtail by scripts/locale_overrides.py: names as 姓名 (govinfo_name). #}"


def with_chinese_names(source):
    """Wagtail's template ``source`` showing people through ``govinfo_name``."""
    text = source.replace("|user_display_name", "|govinfo_name")
    text = text.replace("user.get_short_name|default:user.get_username", "user|govinfo_name")
    text = re.sub(r"\{% load ([^%]*?) ?%\}", lambda m: "{% load " + m.group(1) + " govinfo_names %}", text, count=1)
    if "{% load" not in text:
        text = "{% load govinfo_names %}" + text
    return HEADER + text


def name_templates():
    """{path in the package: expected text} for the installed Wagtail."""
    found = {}
    for app, name in NAME_TEMPLATES:
        source = app_locale(app).parent / "templates" / name
        text = with_chinese_names(source.read_text(encoding="utf-8"))
        for old, new in EXTRA.get(name, []):
            if old not in text:
                raise SystemExit(f"{name}: Wagtail changed it, {old[:60]!r} is gone: review EXTRA")
            text = text.replace(old, new)
        found[TEMPLATE_DIR / name] = text
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
    for path, text in name_templates().items():
        if not path.exists() or path.read_text(encoding="utf-8") != text:
            missing_total += 1
            print(f"template out of step with Wagtail: {path.relative_to(TEMPLATE_DIR)}")
            if write:
                path.parent.mkdir(parents=True, exist_ok=True)
                path.write_text(text, encoding="utf-8")
    return missing_total


if __name__ == "__main__":
    sys.exit(1 if main(write="--write" in sys.argv) and "--write" not in sys.argv else 0)
