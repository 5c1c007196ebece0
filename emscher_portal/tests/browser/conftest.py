"""Harness for the browser tests: Debian's Chromium driven by Playwright, the portal served by `live_server`.

The demo content is loaded once per session (it takes a while) and kept as a Postgres COPY snapshot; every test
restores it (milliseconds) and the transactional test flushes it afterwards, so each test starts from the same
committed state, which the live server thread sees. Without a Chromium the tests are skipped locally; with
CI=true a missing Chromium is a failure.
"""

import os
import shutil
from importlib.resources import files

import pytest
from django.core.management import call_command
from django.db import connection, transaction
from django.test.utils import override_settings

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


@pytest.fixture(scope="session")
def browser_media(tmp_path_factory):
    root = tmp_path_factory.mktemp("browser-media")
    (root / "media").mkdir()
    (root / "private").mkdir()
    return root


def _settings_for(root):
    from django.conf import settings

    return {
        "PASSWORD_HASHERS": ["django.contrib.auth.hashers.MD5PasswordHasher"],
        "MEDIA_ROOT": root / "media",
        "PRIVATE_MEDIA_ROOT": root / "private",
        "STORAGES": {
            **settings.STORAGES,
            "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
        },
        "CACHES": {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}},
        "TASKS": {"default": {"BACKEND": "django.tasks.backends.immediate.ImmediateBackend"}},
        "MAILERS": {"default": {"BACKEND": "django.core.mail.backends.locmem.EmailBackend"}},
        "SECURE_SSL_REDIRECT": False,
        # Pre-rendering every PDF while the demo loads takes minutes and no browser test reads a PDF.
        "PDF_PRERENDER": False,
    }


@pytest.fixture(autouse=True)
def _test_settings(settings, browser_media):
    """Replaces the root conftest's fixture: the media files of the demo content live for the whole session."""
    for name, value in _settings_for(browser_media).items():
        setattr(settings, name, value)


def _tables():
    return sorted(connection.introspection.django_table_names(only_existing=True, include_views=False))


def _copy_out():
    """Every table's rows in Postgres COPY format: a snapshot that restores in milliseconds."""
    data = {}
    with connection.connection.cursor() as cursor:
        for table in _tables():
            with cursor.copy(f'COPY "{table}" TO STDOUT') as copy:
                data[table] = b"".join(bytes(chunk) for chunk in copy)
    return data


def _copy_in(data, *, replace=False):
    from django.apps import apps  # noqa: PLC0415
    from django.core.management.color import no_style  # noqa: PLC0415

    with transaction.atomic(), connection.cursor() as django_cursor:
        raw = django_cursor.cursor
        # Rows go in table by table; foreign keys are checked by the data's own consistency, not per row.
        raw.execute("SET LOCAL session_replication_role = replica")
        if replace:
            # DELETE, not TRUNCATE: on small tables it is many times faster, and no trigger runs in replica mode.
            for table in data:
                raw.execute(f'DELETE FROM "{table}"')
        for table, rows in data.items():
            if rows:
                with raw.copy(f'COPY "{table}" FROM STDIN') as copy:
                    copy.write(rows)
        for sql in connection.ops.sequence_reset_sql(no_style(), apps.get_models(include_auto_created=True)):
            raw.execute(sql)


@pytest.fixture(scope="session")
def demo_snapshot(django_db_setup, django_db_blocker, browser_media):
    """Load the demo content once (it takes a while), keep a COPY snapshot, leave the database as it was."""
    with django_db_blocker.unblock(), override_settings(**_settings_for(browser_media)):
        before = _copy_out()
        call_command("load_demo_content", verbosity=0)
        snapshot = _copy_out()
        _copy_in(before, replace=True)
    return snapshot


@pytest.fixture
def site(demo_snapshot, live_server):
    """The live portal with the demo content; returns its base URL. The transactional test flushes it afterwards."""
    _copy_in(demo_snapshot, replace=True)
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
