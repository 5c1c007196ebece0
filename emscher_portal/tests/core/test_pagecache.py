"""The page cache: anonymous pages from the cache, and never a stale, draft or staff page."""

import datetime
import os
import subprocess
import sys

import pytest
from django.apps import apps
from django.conf import settings as django_settings
from django.core.cache import cache
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.utils.http import http_date
from pytest_django.asserts import assertContains, assertNotContains

from emscher_portal.core import changes
from emscher_portal.core.models import ContentVersion, Status
from emscher_portal.core.pagecache import middleware, version
from emscher_portal.models import ContactMessage, LegalPage
from emscher_portal.tests.factories import fill_site_operator
from networks.models import Discipline, Network
from networks.tests.factories import make_municipality, make_network

pytestmark = pytest.mark.django_db


@pytest.fixture(params=["cache", "database"])
def version_store(request, settings):
    """Both places the version can live: a shared cache (Redis in production) and the database row."""
    settings.PAGE_CACHE_VERSION_STORE = request.param
    return request.param


@pytest.fixture
def shared_store(settings):
    settings.PAGE_CACHE_VERSION_STORE = "cache"


@pytest.fixture
def reader():
    """An anonymous reader with a browser of their own (`staff_client` logs the shared `client` in)."""
    return Client()


@pytest.fixture
def legal_page():
    fill_site_operator()  # the Impressum can only be published with every operator detail
    return LegalPage.objects.update_or_create(
        kind=LegalPage.Kind.IMPRINT,
        defaults={
            "title": "Impressum der Zukunftsinitiative",
            "body": "Herausgeberin ist die Emschergenossenschaft.",
            "status": Status.PUBLISHED,
        },
    )[0]


def _page_keys():
    # locmem keeps its keys in a dict; the test settings use locmem.
    return [key for key in cache._cache if middleware.KEY_PREFIX in key]


def test_second_anonymous_request_is_a_hit_without_queries(client, shared_store, django_assert_num_queries):
    network = make_network(name="Netzwerk Starkregen")

    first = client.get(network.get_absolute_url())
    with django_assert_num_queries(0):
        second = client.get(network.get_absolute_url())

    assert first["X-Page-Cache"] == "miss"
    assert second["X-Page-Cache"] == "hit"
    assertContains(second, "Netzwerk Starkregen")
    assert second.content == first.content


def test_hit_with_a_process_local_cache_reads_only_the_version_row(client, settings, django_assert_num_queries):
    settings.PAGE_CACHE_VERSION_STORE = "auto"  # locmem in the tests: the version comes from the database
    network = make_network(name="Netzwerk Starkregen")
    client.get(network.get_absolute_url())

    with django_assert_num_queries(1) as captured:
        response = client.get(network.get_absolute_url())

    assert response["X-Page-Cache"] == "hit"
    assert "emscher_portal_contentversion" in captured.captured_queries[0]["sql"]


def test_edit_through_the_admin_appears_on_the_next_anonymous_request(
    reader, staff_client, legal_page, version_store, django_capture_on_commit_callbacks
):
    assertContains(reader.get("/impressum/"), "Impressum der Zukunftsinitiative")
    assert reader.get("/impressum/")["X-Page-Cache"] == "hit"
    row_before = ContentVersion.objects.get(pk=1).value

    with django_capture_on_commit_callbacks(execute=True):
        response = staff_client.post(
            f"/admin/emscher_portal/legalpage/{legal_page.pk}/change/",
            {
                "kind": legal_page.kind,
                "title": "Impressum (neu gefasst)",
                "summary": "",
                "body": legal_page.body,
                "status": Status.PUBLISHED,
            },
        )
    after = reader.get("/impressum/")

    assert response.status_code == 302
    assert after["X-Page-Cache"] == "miss"
    assertContains(after, "Impressum (neu gefasst)")
    assertNotContains(after, "Impressum der Zukunftsinitiative")
    assert ContentVersion.objects.get(pk=1).value > row_before


def test_committed_change_reaches_other_processes_through_the_shared_version(
    client, shared_store, django_capture_on_commit_callbacks
):
    network = make_network(name="Netzwerk Hitze")
    client.get(network.get_absolute_url())
    token_before = cache.get(version.VERSION_KEY)

    with django_capture_on_commit_callbacks(execute=True):
        network.name = "Netzwerk Hitzevorsorge"
        network.save()

    # After the commit the process-local salt is back to 0: only the shared token tells the pages apart, as it
    # would for another gunicorn worker or another host.
    assert version.salt() == 0
    assert cache.get(version.VERSION_KEY) != token_before
    assertContains(client.get(network.get_absolute_url()), "Netzwerk Hitzevorsorge")


def test_change_inside_an_open_transaction_is_seen_by_the_same_process(client, version_store):
    network = make_network(name="Netzwerk Hitze")
    client.get(network.get_absolute_url())

    Network.objects.filter(pk=network.pk).update(name="Netzwerk Hitzevorsorge")  # no signal: still cached
    stale_on_purpose = client.get(network.get_absolute_url())
    network.refresh_from_db()
    network.save()  # a signal, inside the test's transaction that never commits
    fresh = client.get(network.get_absolute_url())

    assert stale_on_purpose["X-Page-Cache"] == "hit"
    assertContains(fresh, "Netzwerk Hitzevorsorge")


def test_draft_never_enters_the_cache(reader, staff_client, version_store):
    draft = make_network(name="Geheimes Entwurfs-Netzwerk", status=Status.DRAFT)

    staff_response = staff_client.get(draft.get_absolute_url())
    public_response = reader.get(draft.get_absolute_url())

    assertContains(staff_response, "Geheimes Entwurfs-Netzwerk")
    assert "X-Page-Cache" not in staff_response
    assert "private" in staff_response["Cache-Control"]
    assert public_response.status_code == 404
    assert _page_keys() == []


def test_staff_view_never_leaks_into_the_cache(reader, staff_client, version_store):
    make_network(name="Öffentliches Netzwerk")
    make_network(name="Geheimes Entwurfs-Netzwerk", status=Status.DRAFT)

    staff_response = staff_client.get("/netzwerke/")
    first_public = reader.get("/netzwerke/")
    second_public = reader.get("/netzwerke/")

    assertContains(staff_response, "Geheimes Entwurfs-Netzwerk")
    assert "private" in staff_response["Cache-Control"]
    for response in (first_public, second_public):
        assertContains(response, "Öffentliches Netzwerk")
        assertNotContains(response, "Geheimes Entwurfs-Netzwerk")
    assert [first_public["X-Page-Cache"], second_public["X-Page-Cache"]] == ["miss", "hit"]


def test_staff_page_is_never_served_to_staff_from_the_cache(reader, staff_client, version_store):
    make_network(name="Öffentliches Netzwerk")
    make_network(name="Geheimes Entwurfs-Netzwerk", status=Status.DRAFT)
    reader.get("/netzwerke/")  # the public page is now cached

    staff_response = staff_client.get("/netzwerke/")

    assertContains(staff_response, "Geheimes Entwurfs-Netzwerk")
    assert "X-Page-Cache" not in staff_response


def test_lost_version_token_never_brings_back_an_old_page(client, shared_store):
    network = make_network(name="Netzwerk Hitze")
    client.get(network.get_absolute_url())
    old_token = cache.get(version.VERSION_KEY)
    stored_pages = _page_keys()

    # The cache evicts just the version token while the page stays, and the content changes meanwhile
    # (update() sends no signal, so nothing bumps: only the lost token protects the reader).
    cache.delete(version.VERSION_KEY)
    Network.objects.filter(pk=network.pk).update(name="Netzwerk Hitzevorsorge")
    response = client.get(network.get_absolute_url())

    assert stored_pages != []
    assert set(stored_pages) <= set(_page_keys())
    assert response["X-Page-Cache"] == "miss"
    assertContains(response, "Netzwerk Hitzevorsorge")
    assert cache.get(version.VERSION_KEY) != old_token


def test_a_flushed_cache_makes_a_token_that_was_never_used(shared_store):
    tokens = set()
    for _ in range(5):
        tokens.add(version.current_version())
        cache.clear()

    assert len(tokens) == 5


def test_version_row_counts_up_after_commit_only(shared_store, django_capture_on_commit_callbacks):
    before = ContentVersion.objects.get(pk=1).value

    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        make_network()
        make_network()
        make_municipality()
    in_transaction = ContentVersion.objects.get(pk=1).value
    for callback in callbacks:
        callback()

    assert in_transaction == before
    assert ContentVersion.objects.get(pk=1).value == before + 1  # three saves, one bump


def test_lost_version_row_is_created_again(shared_store, django_capture_on_commit_callbacks):
    ContentVersion.objects.all().delete()

    with django_capture_on_commit_callbacks(execute=True):
        make_network()

    assert ContentVersion.objects.get(pk=1).value == 1


def test_many_to_many_change_bumps_the_version(shared_store, django_capture_on_commit_callbacks):
    network = make_network()
    discipline = Discipline.objects.create(name="Freiraumplanung", slug="freiraumplanung")
    before = ContentVersion.objects.get(pk=1).value

    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        network.disciplines.add(discipline)

    assert len(callbacks) == 1  # post_add only; pre_add is ignored
    assert ContentVersion.objects.get(pk=1).value == before + 1


def test_every_model_of_the_content_apps_is_content_except_the_ignored():
    content = {model._meta.label_lower for model in apps.get_models() if changes.is_content(model)}
    labels = {model._meta.app_label for model in apps.get_models() if model._meta.label_lower in content}

    assert labels == {"forums", "networks", "documents", "articles", "participation", "emscher_portal"}
    # An automatic M2M table (networks.network_disciplines) is followed through its two ends (m2m_changed).
    assert {"networks.network", "networks.discipline"} <= content
    assert "emscher_portal.contactmessage" not in content
    assert "auth.user" not in content


def test_contact_message_does_not_flush_the_cache(client, shared_store, django_capture_on_commit_callbacks):
    network = make_network()
    client.get(network.get_absolute_url())

    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        ContactMessage.objects.create(name="Leserin", email="l@example.org", subject="Frage", message="Hallo")

    assert callbacks == []
    assert client.get(network.get_absolute_url())["X-Page-Cache"] == "hit"


def test_staff_post_bumps_even_without_signals(staff_client, shared_store):
    token = version.current_version()
    before = ContentVersion.objects.get(pk=1).value

    staff_client.post("/admin/networks/network/", {"action": "publish_selected", "_selected_action": []})

    assert ContentVersion.objects.get(pk=1).value == before + 1
    assert version.current_version() != token


def test_etag_and_last_modified_answer_with_304(client, version_store):
    network = make_network()
    first = client.get(network.get_absolute_url())

    by_etag = client.get(network.get_absolute_url(), headers={"If-None-Match": first["ETag"]})
    by_date = client.get(network.get_absolute_url(), headers={"If-Modified-Since": first["Last-Modified"]})
    other_etag = client.get(network.get_absolute_url(), headers={"If-None-Match": '"something-else"'})

    assert first["ETag"].startswith('"')
    assert first["Last-Modified"]
    for response in (by_etag, by_date):
        assert response.status_code == 304
        assert response.content == b""
        assert response["ETag"] == first["ETag"]
        assert response["Cache-Control"] == first["Cache-Control"]
    assert other_etag.status_code == 200


def test_etag_changes_when_the_content_changes(client, version_store, django_capture_on_commit_callbacks):
    network = make_network(name="Netzwerk Hitze")
    first = client.get(network.get_absolute_url())

    with django_capture_on_commit_callbacks(execute=True):
        network.name = "Netzwerk Hitzevorsorge"
        network.save()
    second = client.get(network.get_absolute_url(), headers={"If-None-Match": first["ETag"]})

    assert second.status_code == 200
    assert second["ETag"] != first["ETag"]


def test_unchanged_page_keeps_its_etag_across_versions(client, version_store, django_capture_on_commit_callbacks):
    network = make_network()
    first = client.get(network.get_absolute_url())

    with django_capture_on_commit_callbacks(execute=True):
        make_municipality()  # a change the network page does not show
    revalidated = client.get(network.get_absolute_url(), headers={"If-None-Match": first["ETag"]})

    assert revalidated.status_code == 304


def test_old_if_modified_since_gets_the_page(client, version_store):
    network = make_network()

    response = client.get(network.get_absolute_url(), headers={"If-Modified-Since": http_date(0)})

    assert response.status_code == 200


def test_cached_pages_say_how_a_cdn_may_keep_them(client, settings, version_store):
    settings.PAGE_CACHE_MAX_AGE = 60
    settings.PAGE_CACHE_S_MAXAGE = 120
    network = make_network()

    miss = client.get(network.get_absolute_url())
    hit = client.get(network.get_absolute_url())

    for response in (miss, hit):
        directives = {part.strip() for part in response["Cache-Control"].split(",")}
        assert directives == {"public", "max-age=60", "s-maxage=120"}
        vary = {part.strip().lower() for part in response["Vary"].split(",")}
        assert "cookie" in vary


def test_security_headers_and_csp_are_on_cached_pages(client, version_store):
    network = make_network()

    miss = client.get(network.get_absolute_url())
    hit = client.get(network.get_absolute_url())

    assert hit["X-Page-Cache"] == "hit"
    for header in (
        "Content-Security-Policy",
        "X-Frame-Options",
        "Referrer-Policy",
        "X-Content-Type-Options",
        "Cross-Origin-Opener-Policy",
    ):
        assert hit[header] == miss[header], header
    assert "default-src 'self'" in hit["Content-Security-Policy"]
    assert "'unsafe-inline'" not in hit["Content-Security-Policy"]
    assert hit["X-Frame-Options"] == "DENY"


def test_head_is_served_from_the_get_entry(client, version_store):
    network = make_network()
    get = client.get(network.get_absolute_url())

    head = client.head(network.get_absolute_url())

    assert head["X-Page-Cache"] == "hit"
    assert head["Content-Length"] == get["Content-Length"]
    assert head.content == b""


def test_query_parameters_in_any_order_share_one_entry(client, version_store):
    make_network()
    client.get("/netzwerke/?b=2&a=1")

    response = client.get("/netzwerke/?a=1&b=2")

    assert response["X-Page-Cache"] == "hit"


def test_request_with_a_session_cookie_bypasses_the_cache(client, version_store):
    network = make_network()
    client.get(network.get_absolute_url())
    client.cookies[django_settings.SESSION_COOKIE_NAME] = "abgelaufen"

    response = client.get(network.get_absolute_url())

    assert "X-Page-Cache" not in response
    assert "private" in response["Cache-Control"]


@pytest.mark.parametrize("cookie", ["csrftoken", "messages"])
def test_request_with_csrf_or_messages_cookie_bypasses_the_cache(client, version_store, cookie):
    network = make_network()
    client.get(network.get_absolute_url())
    client.cookies[cookie] = "x"

    assert "X-Page-Cache" not in client.get(network.get_absolute_url())


def test_response_that_sets_a_cookie_is_never_stored(client, settings, version_store):
    settings.PAGE_CACHE_EXCLUDED_PATHS = []  # let the contact form (CSRF cookie) through the cache
    first = client.get("/kontakt/")
    client.cookies.clear()

    second = client.get("/kontakt/")

    assert django_settings.CSRF_COOKIE_NAME in first.cookies
    assert [first["X-Page-Cache"], second["X-Page-Cache"]] == ["bypass", "bypass"]
    assert _page_keys() == []


@pytest.mark.parametrize("path", ["/healthz", "/readyz", "/admin/login/", "/kontakt/"])
def test_excluded_paths_are_never_looked_up(client, version_store, path):
    response = client.get(path)

    assert "X-Page-Cache" not in response
    assert _page_keys() == []


@pytest.mark.parametrize("path", ["/foren/gibt-es-nicht/dokumentation.pdf", "/dokumente/gibt-es-nicht/download/"])
def test_streamed_files_are_not_looked_up(client, settings, path):
    settings.PAGE_CACHE_VERSION_STORE = "database"  # a lookup would cost a query here
    settings.PAGE_CACHE_ENABLED = False
    client.get(path)  # warm per-process caches (content types for the old-slug lookup) before counting
    with CaptureQueriesContext(connection) as without_cache:
        client.get(path)
    settings.PAGE_CACHE_ENABLED = True
    with CaptureQueriesContext(connection) as with_cache:
        response = client.get(path)

    assert len(with_cache) == len(without_cache)
    assert "X-Page-Cache" not in response


def test_not_found_is_not_stored(client, version_store):
    response = client.get("/netzwerke/gibt-es-nicht/")

    assert response.status_code == 404
    assert _page_keys() == []


def test_disabled_page_cache_stores_nothing(client, settings):
    settings.PAGE_CACHE_ENABLED = False
    network = make_network()

    client.get(network.get_absolute_url())
    response = client.get(network.get_absolute_url())

    assert "X-Page-Cache" not in response
    assert _page_keys() == []


def test_unreachable_cache_serves_pages_uncached(client, settings):
    network = make_network(name="Netzwerk ohne Cache")
    working_caches = settings.CACHES
    settings.PAGE_CACHE_VERSION_STORE = "cache"
    # A real Redis client against a port where nothing listens.
    settings.CACHES = {
        "default": {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": "redis://127.0.0.1:1/0"}
    }
    try:
        response = client.get(network.get_absolute_url())
    finally:
        settings.CACHES = working_caches

    assertContains(response, "Netzwerk ohne Cache")
    assert response["X-Page-Cache"] == "bypass"


def test_day_is_part_of_the_key(client, version_store, monkeypatch):
    network = make_network()
    client.get(network.get_absolute_url())
    monkeypatch.setattr(middleware.timezone, "localdate", lambda: datetime.date(2099, 1, 1))

    assert client.get(network.get_absolute_url())["X-Page-Cache"] == "miss"


def test_web_worker_start_does_not_import_weasyprint():
    code = (
        "import sys\n"
        "import emscher_portal.wsgi\n"
        "from django.urls import get_resolver\n"
        "get_resolver().url_patterns\n"  # every view module the URLconf names
        "print('weasyprint' in sys.modules)\n"
    )
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "emscher_portal.settings", "DJANGO_DEBUG": "true"}

    result = subprocess.run(
        [sys.executable, "-c", code],
        env=env,
        cwd=django_settings.BASE_DIR,
        capture_output=True,
        text=True,
        check=True,
        timeout=60,
    )

    assert result.stdout.strip().splitlines()[-1] == "False"
