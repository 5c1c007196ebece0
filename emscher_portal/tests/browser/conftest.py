"""Harness for the browser tests: Debian's Chromium driven by Playwright, the portal served by `live_server`.

The demo content comes from the session's snapshot (root conftest); every test restores it (milliseconds) and the
transactional test flushes it afterwards, so each test starts from the same committed state, which the live server
thread sees. Without a Chromium the tests are skipped locally; with CI=true a missing Chromium is a failure.
"""

import os
import shutil
from importlib.resources import files

import pytest

from emscher_portal.tests.harness import copy_in, settings_for_tests

AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]


def _find_chromium():
    for candidate in (os.environ.get("CHROMIUM_PATH"), "/usr/bin/chromium", shutil.which("chromium")):
        if candidate and os.access(candidate, os.X_OK):
            return candidate
    return None


@pytest.fixture(scope="session")
def chromium_path():
    path = _find_chromium()
    if path is None:
        message = (
            "Kein Chromium gefunden (/usr/bin/chromium oder CHROMIUM_PATH); Debian-Paket: apt-get install chromium"
        )
        if os.environ.get("CI") == "true":
            pytest.fail(f"Browser-Tests müssen in CI laufen: {message}", pytrace=False)
        pytest.skip(message)
    return path


@pytest.fixture(scope="session")
def axe_source():
    # axe-core as shipped inside the pinned PyPI package axe-playwright-python: no network at test time.
    return (files("axe_playwright_python") / "axe.min.js").read_text(encoding="utf-8")


@pytest.fixture(autouse=True)
def _test_settings(settings, demo_media):
    """Replaces the root conftest's fixture: the live server serves the demo's media files of the session."""
    for name, value in settings_for_tests(demo_media / "media", demo_media / "private").items():
        setattr(settings, name, value)


@pytest.fixture
def site(demo_snapshot, live_server):
    """The live portal with the demo content; returns its base URL. The transactional test flushes it afterwards."""
    copy_in(demo_snapshot)
    return live_server.url


@pytest.fixture
def urls(site):
    """{page type: path} from the demo content, read before the browser starts (see `browser`)."""
    from emscher_portal.tests.browser.pages import page_type_urls  # noqa: PLC0415 -- needs the apps loaded

    return page_type_urls()


@pytest.fixture
def browser(chromium_path, urls):
    """A Chromium for one test. Playwright's sync API runs an event loop while it is open, and Django refuses
    database access inside one; so the browser opens after the database work of the set-up (`urls` above) and
    closes before the teardown flushes the database."""
    from playwright.sync_api import sync_playwright  # noqa: PLC0415 -- only when Chromium exists

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=chromium_path, args=["--no-sandbox"])
        yield chromium
        chromium.close()


@pytest.fixture
def page(browser):
    context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="de-DE")
    page = context.new_page()
    yield page
    context.close()


@pytest.fixture
def axe(axe_source):
    """axe(page) -> list of violations (id, impact, help, targets) for the WCAG 2.x A/AA tags."""

    def run(page):
        page.evaluate(axe_source)
        result = page.evaluate(
            "tags => axe.run(document, {runOnly: {type: 'tag', values: tags}, resultTypes: ['violations']})",
            AXE_TAGS,
        )
        return [
            {
                "id": violation["id"],
                "impact": violation["impact"],
                "help": violation["help"],
                "targets": [node["target"] for node in violation["nodes"]][:5],
            }
            for violation in result["violations"]
        ]

    return run
