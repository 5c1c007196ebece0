"""One stylesheet instead of a chain of `@import`s, without a build chain of our own.

The hand-written CSS stays as it is: `static/css/portal.css` lists the files with `@import`. A browser would fetch
them one after the other (each import found only once its parent arrived). `BundleFinder`, a static files finder,
offers each bundle of `STATIC_BUNDLES` (`css/portal.bundle.css` from `css/portal.css`) as one file: the entry with
every `@import` replaced by the imported file (recursively, relative `url()`s rebased to the bundle's folder).
`collectstatic` collects it like any file, and WhiteNoise's manifest storage hashes and compresses it; in
development (`WHITENOISE_USE_FINDERS`) the finder builds it again whenever a source changed. The page's `<head>`
links the bundle.

The finder writes the bundle to `STATIC_BUNDLE_ROOT` (only when its content changed, atomically), because finders
hand out files on disk.
"""

import os
import posixpath
import re
import tempfile
from pathlib import Path

from django.conf import settings
from django.contrib.staticfiles.finders import BaseFinder
from django.core.checks import Error
from django.core.files.storage import FileSystemStorage

# @import url("x.css"); @import "x.css"; (media queries and layers after the URL are not supported: refused)
_IMPORT = re.compile(r"""@import\s+(?:url\(\s*)?["']([^"']+)["']\s*\)?\s*([^;]*);""")
_URL = re.compile(r"""url\(\s*(["']?)([^"')]+)\1\s*\)""")
_COMMENT = re.compile(r"/\*.*?\*/", re.DOTALL)


class BundleError(ValueError):
    pass


def _source_dirs():
    return [Path(directory) for directory in settings.STATICFILES_DIRS]


def _source_file(path):
    for directory in _source_dirs():
        candidate = directory / path
        if candidate.is_file():
            return candidate
    raise BundleError(f"static bundle: {path} not found in STATICFILES_DIRS")


def _rebase_urls(css, from_dir, to_dir):
    def rebase(match):
        quote, url = match.groups()
        if url.startswith(("/", "data:", "#", "http:", "https:")) or ":" in url.split("/", 1)[0]:
            return match.group(0)
        target = posixpath.normpath(posixpath.join(from_dir, url))
        return f"url({quote}{posixpath.relpath(target, to_dir or '.')}{quote})"

    return _URL.sub(rebase, css)


def bundle_css(entry, bundle_dir, _seen=None):
    """The CSS of `entry` (a static path) with its @imports inlined, `url()`s relative to `bundle_dir`."""
    seen = _seen if _seen is not None else set()
    if entry in seen:
        raise BundleError(f"static bundle: {entry} imports itself")
    seen = seen | {entry}
    entry_dir = posixpath.dirname(entry)
    css = _source_file(entry).read_text(encoding="utf-8")

    def inline(match):
        url, condition = match.groups()
        if condition.strip():
            raise BundleError(f"static bundle: @import with a condition in {entry} ({match.group(0)})")
        imported = posixpath.normpath(posixpath.join(entry_dir, url))
        return f"/* {imported} */\n" + bundle_css(imported, bundle_dir, seen).strip() + "\n"

    # Imports inside comments stay comments; only the top of a file may import (CSS's own rule).
    without_comments = _COMMENT.sub(lambda m: " " * len(m.group(0)), css)
    parts, position = [], 0
    for match in _IMPORT.finditer(without_comments):
        parts.append(_rebase_urls(css[position : match.start()], entry_dir, bundle_dir))
        parts.append(inline(match))
        position = match.end()
    parts.append(_rebase_urls(css[position:], entry_dir, bundle_dir))
    return "".join(parts)


def bundle_root():
    return Path(getattr(settings, "STATIC_BUNDLE_ROOT", Path(settings.BASE_DIR) / "var" / "static-bundles"))


def bundle_write(name):
    """Build the bundle `name` and write it under bundle_root() if its content changed; return its file."""
    entry = settings.STATIC_BUNDLES[name]
    css = bundle_css(entry, posixpath.dirname(name)).encode()
    target = bundle_root() / name
    if target.is_file() and target.read_bytes() == css:
        return target
    target.parent.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(dir=target.parent, prefix=".bundle-")
    with os.fdopen(handle, "wb") as file:
        file.write(css)
    os.chmod(temporary, 0o644)
    os.replace(temporary, target)  # readers never see half a file
    return target


class BundleFinder(BaseFinder):
    """Finds the bundles of STATIC_BUNDLES, built from their entry files (see the module docstring)."""

    def check(self, **kwargs):
        errors = []
        for name, entry in getattr(settings, "STATIC_BUNDLES", {}).items():
            try:
                bundle_css(entry, posixpath.dirname(name))
            except BundleError as error:
                errors.append(Error(str(error), id="emscher_portal.E010"))
        return errors

    def find(self, path, find_all=False, **kwargs):
        if path not in getattr(settings, "STATIC_BUNDLES", {}):
            return []  # as Django's own finders: None would make finders.find() answer [None]
        found = str(bundle_write(path))
        return [found] if find_all else found

    def list(self, ignore_patterns):
        bundles = getattr(settings, "STATIC_BUNDLES", {})
        if not bundles:
            return
        storage = FileSystemStorage(location=bundle_root())
        for name in bundles:
            bundle_write(name)
            yield name, storage
