"""Promises of the package itself: migrations in step with models, complete compiled catalogs."""

import io
import os
import shutil
import subprocess
import sys
from pathlib import Path

import polib
import pytest
from django.core.management import call_command

PACKAGE = Path(__file__).resolve().parents[1] / "wagtail_govinfo"
APPS = ["", "workflows", "ledger", "interaction"]
CATALOGS = [PACKAGE / app / "locale/zh_Hans/LC_MESSAGES/django.po" for app in APPS]
# Chinese for upstream (Wagtail, modeladmin, django-q2) strings: no code of its own to drift from.
OVERRIDES = PACKAGE / "locale_overrides/locale/zh_Hans/LC_MESSAGES"
CATALOGS += [OVERRIDES / "django.po", OVERRIDES / "djangojs.po"]


@pytest.mark.django_db
def test_migrations_match_models():
    out = io.StringIO()
    call_command("makemigrations", "--check", "--dry-run", stdout=out)


@pytest.mark.parametrize("po_path", [p for p in CATALOGS if p.exists()], ids=lambda p: str(p.relative_to(PACKAGE)))
def test_catalog_is_complete_and_compiled(po_path):
    po = polib.pofile(str(po_path))
    untranslated = [e.msgid for e in po if not e.obsolete and not e.translated()]
    assert untranslated == [], f"untranslated or fuzzy in {po_path.name}: {untranslated[:10]}"
    mo_path = po_path.with_suffix(".mo")
    assert mo_path.exists(), f"{mo_path} is missing: run compilemessages"
    mo = polib.mofile(str(mo_path))
    compiled = {(e.msgctxt, e.msgid): e.msgstr for e in mo}
    for entry in po.translated_entries():
        assert compiled.get((entry.msgctxt, entry.msgid)) == entry.msgstr, (
            f"{mo_path.name} is older than its .po ({entry.msgid!r}): run compilemessages"
        )


@pytest.mark.parametrize("app", APPS)
def test_every_string_in_the_code_is_in_the_catalog(tmp_path, app):
    """Translation drift: makemessages on a copy must find no msgid the catalog lacks."""
    source = PACKAGE / app
    if not any(source.glob("**/*.py")):
        pytest.skip(f"{app or 'core'} has no code yet")
    copy = tmp_path / "pkg"
    shutil.copytree(source, copy, ignore=shutil.ignore_patterns("__pycache__"))
    committed = copy / "locale/zh_Hans/LC_MESSAGES/django.po"
    committed_ids = set()
    if committed.exists():
        committed_ids = {(e.msgctxt, e.msgid) for e in polib.pofile(str(committed)) if not e.obsolete}
    committed.parent.mkdir(parents=True, exist_ok=True)
    args = [sys.executable, "-m", "django", "makemessages", "-l", "zh_Hans", "--no-location"]
    if app == "":
        for sub in [*APPS[1:], "locale_overrides"]:
            args += ["--ignore", f"{sub}/*"]
    # PYTHONSAFEPATH: the copy's calendar.py must not shadow the standard library.
    env = {k: v for k, v in os.environ.items() if k != "DJANGO_SETTINGS_MODULE"} | {"PYTHONSAFEPATH": "1"}
    subprocess.run(args, cwd=copy, check=True, capture_output=True, env=env)
    fresh = {(e.msgctxt, e.msgid) for e in polib.pofile(str(committed)) if not e.obsolete}
    missing = sorted(m for _, m in fresh - committed_ids)
    assert missing == [], f"strings not in the {app or 'core'} catalog (run `make messages`): {missing[:10]}"
