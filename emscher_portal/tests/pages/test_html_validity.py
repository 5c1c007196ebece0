"""Every public page type is valid HTML by the W3C Nu HTML checker (`vnu-jar` from npm, pinned in package.json;
`make test` installs it, Java comes from Debian). Without Java or the checker the test is skipped locally; with
CI=true it fails, as the browser tests do without Chromium."""

import json
import os
import shutil
import subprocess
from pathlib import Path

import pytest
from django.conf import settings
from django.test import Client

from emscher_portal.tests.browser.pages import page_type_urls

pytestmark = pytest.mark.django_db

VNU_JAR = Path(settings.BASE_DIR) / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"


def _checker():
    """The command that runs the checker, or skip (fail in CI) with what is missing."""
    java = shutil.which("java")
    missing = []
    if java is None:
        missing.append("Java (Debian: apt-get install default-jre-headless)")
    if not VNU_JAR.is_file():
        missing.append(f"the Nu HTML checker ({VNU_JAR.relative_to(settings.BASE_DIR)}; `make vnu` installs it)")
    if missing:
        message = "Nu HTML checker not available: " + ", ".join(missing)
        if os.environ.get("CI") == "true":
            pytest.fail(f"Der HTML-Check muss in CI laufen: {message}", pytrace=False)
        pytest.skip(message)
    return [java, "-Xss8m", "-jar", str(VNU_JAR)]


def _pages(client):
    """{name: HTML} of every public page type, plus the contact form with errors and its thanks page."""
    paths = {
        **page_type_urls(),
        "archive": "/foren/",
        "plan": "/massnahmenplan/",
        "contact-thanks": "/kontakt/danke/",
        "alerts-subscribe": "/benachrichtigungen/?thema=dokumente",
        "alerts-thanks": "/benachrichtigungen/danke/",
        "alerts-manage-request": "/benachrichtigungen/verwalten/",
        "search": "/suche/?q=Regen",
    }
    pages = {}
    for name, path in paths.items():
        response = client.get(path)
        assert response.status_code in (200, 404), (name, path, response.status_code)
        pages[name] = response.content
    errors = client.post("/kontakt/", {"name": "", "email": "kein-mail", "started": "x"})
    pages["contact-errors"] = errors.content
    pages["alerts-errors"] = client.post("/benachrichtigungen/", {"thema": "gibt-es-nicht", "email": "x"}).content
    return pages


def test_every_page_type_is_valid_html(demo, tmp_path):
    command = _checker()
    pages = _pages(Client())
    folder = tmp_path / "pages"
    folder.mkdir()
    for name, html in pages.items():
        (folder / f"{name}.html").write_bytes(html)

    result = subprocess.run(
        [*command, "--errors-only", "--format", "json", "--exit-zero-always", *sorted(map(str, folder.iterdir()))],
        capture_output=True,
        text=True,
        timeout=300,
        check=True,
    )

    messages = json.loads(result.stderr or result.stdout)["messages"]
    errors = [
        f"{Path(m.get('url', '')).stem}:{m.get('lastLine', '?')}: {m['message']} [{m.get('extract', '').strip()}]"
        for m in messages
        if m["type"] in ("error", "non-document-error") or m.get("subType") == "fatal"
    ]
    assert len(pages) >= 20
    assert errors == []
