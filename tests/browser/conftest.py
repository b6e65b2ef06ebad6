"""Browser tests: real headless Chromium driven by Playwright.

Skipped, with the reason, where /usr/bin/chromium or the playwright package is absent
(CI installs Chromium from Debian; never ``playwright install``). Screenshots go to
``test-artifacts/``.
"""

import os
import shutil
from pathlib import Path

import pytest

CHROMIUM = os.environ.get("GOVINFO_CHROMIUM", "/usr/bin/chromium")
ARTIFACTS = Path(__file__).resolve().parents[2] / "test-artifacts"

# Playwright's sync API runs an event loop in this thread; Django must allow ORM calls.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")


@pytest.fixture(scope="session")
def browser():
    if not Path(CHROMIUM).exists() and not shutil.which("chromium"):
        pytest.skip(f"Chromium not found at {CHROMIUM}: apt-get install -y chromium")
    sync_api = pytest.importorskip("playwright.sync_api", reason="playwright is not installed")
    with sync_api.sync_playwright() as p:
        browser = p.chromium.launch(
            executable_path=CHROMIUM,
            headless=True,
            args=[
                "--no-sandbox",
                "--disable-gpu",
                "--disable-quic",
                "--no-first-run",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
            ],
        )
        yield browser
        browser.close()


@pytest.fixture
def artifacts():
    ARTIFACTS.mkdir(exist_ok=True)
    return ARTIFACTS


@pytest.fixture
def new_page(browser):
    context = browser.new_context(locale="zh-CN", accept_downloads=True)
    # The tests type dates into the fields. Wagtail's date picker opens on focus and, left
    # open, lies over the footer and the block menu and takes their clicks (a person would
    # click it away); it re-opens on its own timers, so hide it with a stylesheet for good.
    context.add_init_script(
        """document.addEventListener("DOMContentLoaded", () => {
            const style = document.createElement("style");
            style.textContent = ".xdsoft_datetimepicker { display: none !important; }";
            document.head.appendChild(style);
        });"""
    )
    page = context.new_page()
    page.set_default_timeout(15000)
    yield page
    context.close()


def login(page, live_server, username, password="pw"):
    page.goto(f"{live_server.url}/admin/login/")
    page.fill("input[name=username]", username)
    page.fill("input[name=password]", password)
    page.click("button[type=submit]")
    page.wait_for_url(f"{live_server.url}/admin/**")
