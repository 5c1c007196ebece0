"""Security headers and strict-CSP markup on every public page the portal has.

The pages are discovered, not listed by hand: every URL pattern without parameters, every published object of
every model with `get_absolute_url()` once the demo content is loaded, and every URL the sitemap names. So pages
added later are checked without touching this file.
"""

import re
from html.parser import HTMLParser
from urllib.parse import urlsplit

import pytest
from django.apps import apps
from django.contrib import admin
from django.contrib.auth.models import User
from django.test import Client
from django.urls import NoReverseMatch, URLPattern, URLResolver, get_resolver

from emscher_portal.security import admin_csp

pytestmark = pytest.mark.django_db

SKIPPED_PREFIXES = ("admin/", "media/", "static/")
PROJECT_APPS = ("emscher_portal", "networks", "forums", "documents")


def _parameterless_paths(patterns=None, prefix=""):
    """Every route of the URLconf that takes no argument, e.g. "", "foren/", "healthz"."""
    patterns = get_resolver().url_patterns if patterns is None else patterns
    paths = []
    for entry in patterns:
        route = str(entry.pattern)
        if "<" in route or route.startswith("^"):
            continue
        full = prefix + route
        if full.startswith(SKIPPED_PREFIXES):
            continue
        if isinstance(entry, URLResolver):
            paths += _parameterless_paths(entry.url_patterns, full)
        elif isinstance(entry, URLPattern):
            paths.append("/" + full)
    return paths


def _object_paths():
    paths = []
    for model in apps.get_models():
        if model._meta.app_label not in PROJECT_APPS or not hasattr(model, "get_absolute_url"):
            continue
        manager = model._default_manager
        queryset = manager.published() if hasattr(manager.all(), "published") else manager.all()
        for obj in queryset[:3]:
            try:
                paths.append(obj.get_absolute_url())
            except NoReverseMatch:
                break  # the app has not wired this page yet
    return paths


def _sitemap_paths(client):
    response = client.get("/sitemap.xml")
    if response.status_code != 200:
        return []
    return [urlsplit(url).path for url in re.findall(r"<loc>([^<]+)</loc>", response.text)]


class Page:
    """What a reader's browser got for one path (kept after the data that made it is rolled back)."""

    def __init__(self, path, response):
        self.path, self.status_code, self.headers = path, response.status_code, dict(response.headers)
        self.cookies = dict(response.cookies)
        if response.streaming:
            # Reading to the end closes the file (the test client's wrapper); closing by hand would also close
            # the test's database connection.
            self.content = b"".join(response.streaming_content)
        else:
            self.content = response.content
        self.text = self.content.decode("utf-8", "replace")

    def get(self, name, default=None):
        return self.headers.get(name, default)

    def __getitem__(self, name):
        return self.headers[name]


@pytest.fixture
def public_pages(client, settings, demo):
    """(path, page) for every public page over HTTPS with production HSTS, with the demo content loaded."""
    settings.SECURE_HSTS_SECONDS = 31_536_000
    settings.SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    settings.SECURE_HSTS_PRELOAD = False
    settings.TASKS = {"default": {"BACKEND": "django.tasks.backends.dummy.DummyBackend"}}  # no PDF prerendering
    client.raise_request_exception = False  # a broken page must show up as a 500 below, not stop the list
    paths = sorted(set(_parameterless_paths() + _object_paths() + _sitemap_paths(client)))
    pages = []
    for path in paths:
        response = client.get(path, secure=True)
        if response.status_code in (301, 302) and response.get("Location", "").startswith("/"):
            continue  # the target is in the list on its own
        pages.append((path, Page(path, response)))
    return pages


def _csp_directives(header):
    directives = {}
    for part in header.split(";"):
        name, *values = part.split()
        directives[name] = values
    return directives


def test_every_public_page_is_found_has_the_security_headers_and_no_inline_code(public_pages):
    paths = [path for path, _ in public_pages]
    for expected in ("/", "/healthz", "/readyz", "/foren/", "/netzwerke/"):
        assert expected in paths
    assert any(path.startswith("/netzwerke/") and path != "/netzwerke/" for path in paths), paths

    for path, response in public_pages:
        assert response.status_code < 500, path
        csp = _csp_directives(response["Content-Security-Policy"])
        assert csp["default-src"] == ["'self'"], path
        assert csp["script-src"] == ["'self'"], path
        assert csp["style-src"] == ["'self'"], path
        assert csp["frame-ancestors"] == ["'none'"], path
        assert csp["object-src"] == ["'none'"], path
        assert "unsafe-inline" not in response["Content-Security-Policy"], path
        assert "unsafe-eval" not in response["Content-Security-Policy"], path
        assert response["Referrer-Policy"] == "strict-origin-when-cross-origin", path
        assert response["X-Content-Type-Options"] == "nosniff", path
        assert response["Cross-Origin-Opener-Policy"] == "same-origin", path
        assert response["X-Frame-Options"] == "DENY", path
        assert response["Strict-Transport-Security"] == "max-age=31536000; includeSubDomains", path
        if b'method="post"' not in response.content.lower():
            assert response.cookies == {}, f"{path} sets a cookie for a reader"
        if response.get("Content-Type", "").startswith("text/html"):
            finder = _InlineCodeFinder()
            finder.feed(response.text)
            assert finder.problems == [], path


@pytest.mark.parametrize(
    ("seconds", "subdomains", "preload", "expected"),
    [
        (31_536_000, True, False, "max-age=31536000; includeSubDomains"),
        (3600, False, True, "max-age=3600; preload"),
    ],
)
def test_hsts_comes_from_the_settings(settings, seconds, subdomains, preload, expected):
    settings.SECURE_HSTS_SECONDS = seconds
    settings.SECURE_HSTS_INCLUDE_SUBDOMAINS = subdomains
    settings.SECURE_HSTS_PRELOAD = preload

    response = Client().get("/", secure=True)

    assert response["Strict-Transport-Security"] == expected


def test_hsts_can_be_switched_off_and_is_never_sent_over_plain_http(settings):
    # A fresh client per setting: SecurityMiddleware reads the setting when the handler is built.
    settings.SECURE_HSTS_SECONDS = 31_536_000
    assert "Strict-Transport-Security" not in Client().get("/", secure=False)

    settings.SECURE_HSTS_SECONDS = 0
    assert "Strict-Transport-Security" not in Client().get("/", secure=True)


class _InlineCodeFinder(HTMLParser):
    """Collects what a strict CSP would block: inline script bodies, <style> blocks, style= and on*= attributes."""

    def __init__(self):
        super().__init__()
        self.problems = []
        self._in_script = False

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        for name in attributes:
            if name == "style" or name.startswith("on"):
                self.problems.append(f"<{tag} {name}=…>")
        for name in ("href", "src", "action", "formaction"):
            if (attributes.get(name) or "").strip().lower().startswith("javascript:"):
                self.problems.append(f"<{tag} {name}=javascript:…>")
        if tag == "style":
            self.problems.append("<style> block")
        # A data block (JSON-LD) is never executed, so CSP does not apply to it.
        is_data = (attributes.get("type") or "").lower() in ("application/ld+json", "application/json")
        self._in_script = tag == "script" and not attributes.get("src") and not is_data

    def handle_endtag(self, tag):
        if tag == "script":
            self._in_script = False

    def handle_data(self, data):
        if self._in_script and data.strip():
            self.problems.append("inline <script> body")


def test_inline_code_finder_catches_what_csp_blocks():
    finder = _InlineCodeFinder()

    finder.feed(
        '<p style="color:red" onclick="x()">a</p><script>alert(1)</script><script src="/s.js"></script>'
        '<a href="javascript:alert(1)">b</a><style>p{}</style>'
        '<script type="application/ld+json">{"@type": "Event"}</script>'
    )

    assert finder.problems == [
        "<p style=…>",
        "<p onclick=…>",
        "inline <script> body",
        "<a href=javascript:…>",
        "<style> block",
    ]


def test_admin_gets_a_nonce_policy_and_no_unsafe_inline(staff_client):
    response = staff_client.get("/admin/")

    csp = _csp_directives(response["Content-Security-Policy"])
    nonce = re.search(r"'nonce-([^']+)'", response["Content-Security-Policy"]).group(1)
    assert csp["script-src"] == ["'self'", f"'nonce-{nonce}'"]
    assert csp["style-src"] == ["'self'", f"'nonce-{nonce}'"]
    assert csp["frame-ancestors"] == ["'none'"]
    assert "unsafe-inline" not in response["Content-Security-Policy"]
    assert "unsafe-eval" not in response["Content-Security-Policy"]
    # Every script the admin renders carries this response's nonce.
    scripts = re.findall(r"<script\b[^>]*>", response.text)
    assert scripts
    assert all(f'nonce="{nonce}"' in tag for tag in scripts), scripts


def test_admin_nonce_differs_per_response(staff_client):
    first = staff_client.get("/admin/")["Content-Security-Policy"]
    second = staff_client.get("/admin/")["Content-Security-Policy"]

    assert first != second


def test_admin_inline_style_block_is_covered_by_the_nonce(staff_client, monkeypatch):
    # A change list with its action bars switched off renders Django's one inline <style> block.

    model_admin = admin.site._registry[User]
    monkeypatch.setattr(model_admin, "actions_on_top", False)
    monkeypatch.setattr(model_admin, "actions_on_bottom", False)

    response = staff_client.get("/admin/auth/user/")

    nonce = re.search(r"'nonce-([^']+)'", response["Content-Security-Policy"]).group(1)
    assert f'<style nonce="{nonce}">' in response.text


def test_admin_policy_keeps_every_public_directive(settings):
    policy = admin_csp()

    for directive, values in settings.SECURE_CSP.items():
        assert policy[directive][: len(values)] == list(values)
