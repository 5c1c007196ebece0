"""One stylesheet: css/portal.css with its @imports inlined, linked from every page, collected and hashed."""

import json
import re
from pathlib import Path

import pytest
from django.conf import settings as django_settings
from django.contrib.staticfiles import finders
from django.core.management import call_command
from django.test import Client

from emscher_portal.core.pdf.fetch import resolve_local_resource
from emscher_portal.core.staticbundle import BundleError, bundle_css

pytestmark = pytest.mark.django_db

STATIC = Path(django_settings.BASE_DIR) / "static"


def _imports(path):
    return re.findall(r'@import url\("([^"]+)"\);', (STATIC / path).read_text())


def _stylesheet_links(html):
    return re.findall(r'<link rel="stylesheet" href="([^"]+)"', html)


def test_every_page_links_one_stylesheet_that_has_every_rule_and_no_import(client):
    page = client.get("/")
    [link] = _stylesheet_links(page.text)

    css = b"".join(client.get(link).streaming_content).decode()

    assert "@import" not in css
    imported = _imports("css/portal.css")
    assert len(imported) >= 10
    for name in imported:
        assert (STATIC / "css" / name).read_text().strip() in css, name
    assert css.index(":root") < css.index("body")  # the custom properties still come first


def test_collectstatic_hashes_and_compresses_the_bundle(settings, tmp_path):
    settings.STATIC_ROOT = tmp_path / "static"
    settings.STATIC_BUNDLE_ROOT = tmp_path / "bundles"
    production = {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"}  # as in settings.py
    settings.STORAGES = {**settings.STORAGES, "staticfiles": production}

    call_command("collectstatic", "--no-input", verbosity=0)

    manifest = json.loads((tmp_path / "static" / "staticfiles.json").read_text())
    hashed = manifest["paths"]["css/portal.bundle.css"]
    assert re.fullmatch(r"css/portal\.bundle\.[0-9a-f]{12}\.css", hashed)
    css = (tmp_path / "static" / hashed).read_text()
    assert "@import" not in css
    assert ".site-header" in css
    assert (tmp_path / "static" / f"{hashed}.br").exists()
    assert (tmp_path / "static" / f"{hashed}.gz").exists()


def test_bundle_rebases_urls_and_inlines_nested_imports(settings, tmp_path):
    source = tmp_path / "src"
    (source / "css" / "parts").mkdir(parents=True)
    (source / "css" / "main.css").write_text(
        '/* @import url("ignored.css"); */\n@import url("parts/a.css");\n@import "b.css";\nmain { color: red; }\n'
    )
    (source / "css" / "parts" / "a.css").write_text(
        '@import url("inner.css");\n.a { background: url("../../img/a.svg"); }\n'
    )
    (source / "css" / "parts" / "inner.css").write_text(".inner { background: url(x.png) }\n")
    (source / "css" / "b.css").write_text('.b { background: url("data:image/png;base64,AAAA"); }\n')
    settings.STATICFILES_DIRS = [source]

    css = bundle_css("css/main.css", "css")

    assert "@import url(" not in css.replace('/* @import url("ignored.css"); */', "")
    assert 'url("../img/a.svg")' in css
    assert "url(parts/x.png)" in css
    assert "data:image/png;base64,AAAA" in css
    assert css.index(".inner") < css.index(".a") < css.index(".b") < css.index("main {")


def test_bundle_refuses_an_import_cycle_and_a_conditional_import(settings, tmp_path):
    (tmp_path / "css").mkdir()
    (tmp_path / "css" / "a.css").write_text('@import url("b.css");')
    (tmp_path / "css" / "b.css").write_text('@import url("a.css");')
    (tmp_path / "css" / "print.css").write_text('@import url("b.css") print;')
    settings.STATICFILES_DIRS = [tmp_path]

    with pytest.raises(BundleError, match="imports itself"):
        bundle_css("css/a.css", "css")
    with pytest.raises(BundleError, match="condition"):
        bundle_css("css/print.css", "css")


def test_edited_source_reaches_the_served_bundle(settings, tmp_path):
    source = tmp_path / "src"
    (source / "css").mkdir(parents=True)
    (source / "css" / "portal.css").write_text('@import url("one.css");')
    (source / "css" / "one.css").write_text(".one { color: red; }")
    settings.STATICFILES_DIRS = [source]
    settings.STATIC_BUNDLE_ROOT = tmp_path / "bundles"
    first = b"".join(Client().get("/static/css/portal.bundle.css").streaming_content)

    (source / "css" / "one.css").write_text(".one { color: blue; }")
    second = b"".join(Client().get("/static/css/portal.bundle.css").streaming_content)

    assert b"color: red" in first
    assert b"color: blue" in second


def test_pdf_renders_find_collected_hashed_stylesheets_beside_the_bundle_finder(settings, tmp_path):
    """In production the print stylesheet's URL has the manifest's hash, which only STATIC_ROOT holds: the finders
    (the bundle finder among them) must say „not found“ so the PDF fetcher goes on to the collected file."""
    settings.STATIC_ROOT = tmp_path / "static"
    settings.STATIC_BUNDLE_ROOT = tmp_path / "bundles"
    production = {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"}  # as in settings.py
    settings.STORAGES = {**settings.STORAGES, "staticfiles": production}
    call_command("collectstatic", "--no-input", verbosity=0)
    hashed = json.loads((tmp_path / "static" / "staticfiles.json").read_text())["paths"]["css/print.css"]

    found = resolve_local_resource(f"{settings.SITE_URL.rstrip('/')}{settings.STATIC_URL}{hashed}")

    assert finders.find(hashed) is None
    assert found == (tmp_path / "static" / hashed).resolve()
