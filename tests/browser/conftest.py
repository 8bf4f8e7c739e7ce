"""Browser tests: Debian's Chromium (/usr/bin/chromium, installed by .ci/run with apt-get)
driven by Playwright against the app served on a free loopback port. Playwright never
downloads a browser here. Without Chromium the tests are skipped, unless
MOTCUA_BROWSER_REQUIRED=1 (set by .ci/run), where its absence is a failure."""
from __future__ import annotations

import os
from pathlib import Path

import pytest

CHROMIUM = os.environ.get("MOTCUA_CHROMIUM", "/usr/bin/chromium")
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
        "--disable-component-update", "--disable-sync", "--disable-dev-shm-usage"]
SERIOUS = ("serious", "critical")


def _browser_available() -> bool:
    if Path(CHROMIUM).exists():
        return True
    if os.environ.get("MOTCUA_BROWSER_REQUIRED") == "1":
        pytest.fail(f"{CHROMIUM} is missing: install Debian's chromium (apt-get install -y chromium)")
    return False


@pytest.fixture(scope="session")
def browser():
    if not _browser_available():
        pytest.skip(f"browser tests need Debian's Chromium at {CHROMIUM} (apt-get install -y chromium)")
    from playwright.sync_api import sync_playwright
    playwright = sync_playwright().start()
    chromium = playwright.chromium.launch(executable_path=CHROMIUM, args=ARGS, headless=True)
    yield chromium
    chromium.close()
    playwright.stop()


@pytest.fixture()
def page(browser, live_server):
    # bypass_csp: the pages forbid inline scripts, and the accessibility checker is injected as one.
    context = browser.new_context(base_url=live_server, locale="vi-VN", bypass_csp=True,
                                  viewport={"width": 390, "height": 844})  # a phone
    page = context.new_page()
    page.set_default_timeout(15000)
    yield page
    context.close()


def officer_windows(browser, live_server, **options):
    """A generator for a fixture: yields `open_as(username)`, a new browser window (context
    `options`: viewport...) logged in as that demo officer through /dang-nhap; closes them all."""
    from tests.conftest import PASSWORD
    contexts = []

    def open_as(username: str):
        context = browser.new_context(base_url=live_server, locale="vi-VN", **options)
        contexts.append(context)
        page = context.new_page()
        page.set_default_timeout(15000)
        page.goto("/dang-nhap")
        page.fill("#ten_dang_nhap", username)
        page.fill("#mat_khau", PASSWORD)
        page.click("form button[type=submit]:not(.link)")
        page.wait_for_url("**/mot-cua")
        return page

    yield open_as
    for context in contexts:
        context.close()


def axe_violations(page) -> list[dict]:
    """Serious and critical WCAG 2.1 A/AA violations of the current page, by axe-core (the
    copy bundled in the axe-playwright-python package, installed from PyPI)."""
    import axe_playwright_python
    script = Path(axe_playwright_python.__file__).with_name("axe.min.js")
    page.add_script_tag(path=str(script))
    result = page.evaluate("""async () => await axe.run(document, {
        runOnly: {type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']}})""")
    return [{"id": v["id"], "impact": v["impact"], "help": v["help"],
             "nodes": [n["target"] for n in v["nodes"]][:5]}
            for v in result["violations"] if v["impact"] in SERIOUS]
