"""Pages, feeds and the sitemap compressed by Accept-Encoding (brotli, gzip); the page cache stores each encoding
once; a page with a CSRF token is never compressed (BREACH)."""

import gzip

import brotli
import pytest
from django.test import Client
from django.utils.cache import get_max_age
from django.utils.http import parse_etags
from pytest_django.asserts import assertContains

from emscher_portal.core import compression
from emscher_portal.core.compression import accepted_encoding
from emscher_portal.core.pagecache import middleware as pagecache_middleware
from forums.models import Event
from networks.tests.factories import make_network

pytestmark = pytest.mark.django_db

DECODE = {"br": brotli.decompress, "gzip": gzip.decompress}
BOTH = "br, gzip"


def _vary(response):
    return {part.strip().lower() for part in response.get("Vary", "").split(",")}


def _decoded(response):
    return DECODE[response["Content-Encoding"]](response.content)


@pytest.fixture
def event_url(demo):
    return Event.objects.published().order_by("-start_date").first().get_absolute_url()


@pytest.mark.parametrize(
    ("header", "expected"),
    [
        ("br, gzip", "br"),
        ("gzip, deflate, br, zstd", "br"),
        ("gzip", "gzip"),
        ("br;q=0.5, gzip", "gzip"),
        ("br;q=0, gzip;q=0.1", "gzip"),
        ("*", "br"),
        ("*;q=0", None),
        ("identity", None),
        ("deflate", None),
        ("br;q=abc, gzip", "gzip"),
        ("", None),
    ],
)
def test_accepted_encoding_follows_the_header_and_its_weights(rf, header, expected):
    request = rf.get("/", headers={"accept-encoding": header} if header else {})

    assert accepted_encoding(request) == expected


@pytest.mark.parametrize("path", ["/", "/foren/", "event", "/netzwerke/", "/feeds/foren/", "/sitemap.xml"])
@pytest.mark.parametrize("encoding", ["br", "gzip"])
def test_pages_and_feeds_come_compressed_and_decompress_to_the_same_body(demo, event_url, path, encoding):
    path = event_url if path == "event" else path

    miss = Client().get(path, headers={"accept-encoding": encoding})
    plain = Client().get(path)  # stored with the compressed ones at the miss
    hit = Client().get(path, headers={"accept-encoding": encoding})

    assert plain.status_code == miss.status_code == hit.status_code == 200
    assert "Content-Encoding" not in plain
    assert (miss["X-Page-Cache"], plain["X-Page-Cache"], hit["X-Page-Cache"]) == ("miss", "hit", "hit")
    assert miss["Content-Encoding"] == hit["Content-Encoding"] == encoding
    assert _decoded(miss) == _decoded(hit) == plain.content
    assert int(hit["Content-Length"]) == len(hit.content) < len(plain.content) / 2
    assert "accept-encoding" in _vary(plain)
    assert "accept-encoding" in _vary(hit)
    assert hit["Content-Type"] == plain["Content-Type"]


def test_each_encoding_has_its_own_etag_and_answers_if_none_match(client):
    network = make_network(name="Netzwerk Starkregen")
    url = network.get_absolute_url()
    etags = {encoding: client.get(url, headers={"accept-encoding": encoding})["ETag"] for encoding in ("br", "gzip")}
    etags["identity"] = client.get(url)["ETag"]

    not_modified = client.get(url, headers={"accept-encoding": "br", "if-none-match": etags["br"]})
    other_variant = client.get(url, headers={"accept-encoding": "br", "if-none-match": etags["gzip"]})

    assert len(set(etags.values())) == 3
    assert all(parse_etags(etag) == [etag] for etag in etags.values())  # strong, well-formed
    assert not_modified.status_code == 304
    assert other_variant.status_code == 200
    assert other_variant["Content-Encoding"] == "br"


def test_compressed_hit_costs_what_a_plain_hit_costs(client, settings, django_assert_num_queries):
    settings.PAGE_CACHE_VERSION_STORE = "auto"  # locmem in the tests: the version comes from the database
    network = make_network(name="Netzwerk Starkregen")
    client.get(network.get_absolute_url(), headers={"accept-encoding": BOTH})

    with django_assert_num_queries(1):
        response = client.get(network.get_absolute_url(), headers={"accept-encoding": BOTH})

    assert (response["X-Page-Cache"], response["Content-Encoding"]) == ("hit", "br")
    assert b"Netzwerk Starkregen" in _decoded(response)


def test_a_hit_compresses_nothing(client, monkeypatch):
    network = make_network(name="Netzwerk Starkregen")
    client.get(network.get_absolute_url(), headers={"accept-encoding": BOTH})
    calls = []
    for module in (compression, pagecache_middleware):
        monkeypatch.setattr(module, "compress", lambda *args, **kwargs: calls.append(args))

    response = client.get(network.get_absolute_url(), headers={"accept-encoding": BOTH})

    assert response["X-Page-Cache"] == "hit"
    assert calls == []


def test_a_miss_compresses_each_encoding_once(client, monkeypatch):
    network = make_network(name="Netzwerk Starkregen")
    calls = []
    compress = pagecache_middleware.compress
    monkeypatch.setattr(
        pagecache_middleware,
        "compress",
        lambda body, encoding, **kw: calls.append(encoding) or compress(body, encoding, **kw),
    )

    response = client.get(network.get_absolute_url(), headers={"accept-encoding": BOTH})

    assert response["X-Page-Cache"] == "miss"
    assert sorted(calls) == ["br", "gzip"]


def test_cached_pages_keep_their_cache_headers_in_every_encoding(client, settings):
    network = make_network(name="Netzwerk Starkregen")
    client.get(network.get_absolute_url())

    hit = client.get(network.get_absolute_url(), headers={"accept-encoding": "gzip"})

    assert get_max_age(hit) == settings.PAGE_CACHE_MAX_AGE
    assert "public" in hit["Cache-Control"]
    assert {"cookie", "accept-encoding"} <= _vary(hit)
    assert hit["Content-Security-Policy"]


def test_page_with_a_csrf_token_is_never_compressed(client):
    response = client.get("/kontakt/", headers={"accept-encoding": BOTH})

    assert response.status_code == 200
    assert "Content-Encoding" not in response
    assertContains(response, 'name="csrfmiddlewaretoken"')


def test_uncached_page_is_compressed_per_request(demo):
    plain = Client().get("/suche/?q=Wasser")

    response = Client().get("/suche/?q=Wasser", headers={"accept-encoding": "gzip"})

    assert response["Content-Encoding"] == "gzip"
    assert "accept-encoding" in _vary(response)
    assert _decoded(response) == plain.content


def test_small_responses_are_left_alone(client):
    response = client.get("/healthz", headers={"accept-encoding": BOTH})

    assert "Content-Encoding" not in response
    assert response.status_code == 200
