"""Compression of pages, feeds and JSON by the reader's `Accept-Encoding`: brotli (`br`) before gzip.

Two places compress. The page cache (`core.pagecache.middleware`) compresses a page once when it stores it — one
entry per encoding, each with its own ETag, so a hit stays one cache round trip and costs no compression.
`CompressionMiddleware`, just above the page cache, compresses what the page cache does not store (search
results, staff pages, bypassed pages) per request at a faster level.

BREACH: a response that carries a CSRF token (the view asked for one, so the CSRF cookie is sent with it) is never
compressed, so an attacker who can inject text into such a page cannot read the token from the compressed
length. The page cache never stores such a response (it sets a cookie). Static files are compressed ahead by
WhiteNoise at collectstatic time; files (PDFs, downloads, ZIPs) are streamed and left alone.
"""

import gzip
import re

import brotli
from django.conf import settings
from django.utils.cache import patch_vary_headers

ENCODINGS = ("br", "gzip")
# Shorter bodies gain nothing (the headers and the framing cost more than compression saves).
MIN_LENGTH = 200
COMPRESSIBLE_TYPES = frozenset(
    {
        "text/html",
        "text/plain",
        "text/css",
        "text/calendar",
        "text/xml",
        "text/csv",
        "text/javascript",
        "application/javascript",
        "application/json",
        "application/ld+json",
        "application/geo+json",
        "application/xml",
        "application/atom+xml",
        "application/rss+xml",
        "application/opensearchdescription+xml",
        "image/svg+xml",
    }
)
# Stored pages are compressed once and served many times. Brotli's top levels (10, 11) are ~11 % smaller but
# take 30-50 times as long (150 ms for a 58 KB page), which the first reader after every edit would wait for.
STORED_LEVELS = {"br": 8, "gzip": 9}
# Per-request compression must stay cheap (about 2 ms for 58 KB).
REQUEST_LEVELS = {"br": 4, "gzip": 6}

_CODING = re.compile(r"\s*([A-Za-z0-9*-]+)\s*(?:;\s*q\s*=\s*([0-9.]+))?\s*")


def accepted_encoding(request):
    """The encoding to answer this request in: "br", "gzip" or None (identity), by the `Accept-Encoding` header
    with its q-values; brotli wins a tie, as it is the smaller."""
    header = request.META.get("HTTP_ACCEPT_ENCODING", "")
    if not header:
        return None
    weights = {}
    for part in header.split(","):
        match = _CODING.fullmatch(part)
        if not match:
            continue
        try:
            weight = float(match.group(2)) if match.group(2) is not None else 1.0
        except ValueError:
            continue
        weights[match.group(1).lower()] = weight
    best, best_weight = None, 0.0
    for encoding in ENCODINGS:
        weight = weights.get(encoding, weights.get("*", 0.0))
        if weight > best_weight:
            best, best_weight = encoding, weight
    return best


def compressible(response):
    """True for a complete (non-streamed) text response of a compressible type that is not encoded yet."""
    if response.streaming or response.has_header("Content-Encoding") or response.status_code == 206:
        return False
    content_type = response.get("Content-Type", "").split(";", 1)[0].strip().lower()
    return content_type in COMPRESSIBLE_TYPES and len(response.content) >= MIN_LENGTH


def compress(body, encoding, *, stored=False):
    level = (STORED_LEVELS if stored else REQUEST_LEVELS)[encoding]
    if encoding == "br":
        return brotli.compress(body, quality=level, mode=brotli.MODE_TEXT)
    return gzip.compress(body, compresslevel=level, mtime=0)


def carries_csrf_token(request, response):
    """True when the view put a CSRF token into this response (BREACH: such a response is never compressed).
    Asking for the token (`get_token`) makes Django's CSRF middleware (re)send its cookie with the response."""
    return bool(request.META.get("CSRF_COOKIE_NEEDS_UPDATE")) or settings.CSRF_COOKIE_NAME in response.cookies


def encode_response(response, encoding, *, stored=False):
    """Replace the body of `response` by its `encoding` (None: leave it) and set the headers to match."""
    if encoding is not None:
        response.content = compress(response.content, encoding, stored=stored)
        response.headers["Content-Encoding"] = encoding
    response.headers["Content-Length"] = str(len(response.content))
    return response


class CompressionMiddleware:
    """Compress what the page cache did not (see the module docstring). Sits right above the page cache."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if not compressible(response) or carries_csrf_token(request, response):
            return response
        patch_vary_headers(response, ("Accept-Encoding",))
        encoding = accepted_encoding(request)
        if encoding is None:
            return response
        etag = response.get("ETag")
        if etag and etag.startswith('"'):
            # The encoded body is another representation; a weak ETag still lets If-None-Match match.
            response.headers["ETag"] = "W/" + etag
        return encode_response(response, encoding)
