"""The settings reference documents every key the package reads."""

from pathlib import Path

from wagtail_govinfo.conf import DEFAULTS

DOCS = Path(__file__).resolve().parents[2] / "docs"


def test_every_setting_is_documented():
    text = (DOCS / "reference/settings.md").read_text(encoding="utf-8")
    missing = [key for key in DEFAULTS if f"`{key}`" not in text]
    assert missing == []
