import pytest
from django.db import OperationalError, connections
from pytest_django.asserts import assertContains, assertInHTML

pytestmark = pytest.mark.django_db


def test_home_tells_what_the_initiative_is(client):
    response = client.get("/")

    assertContains(response, '<html lang="de">')
    assertInHTML('<h1 id="hero-title" class="hero__title">Wasser in der Stadt von morgen</h1>', response.text)
    assertContains(response, "Emschergenossenschaft")
    assertContains(response, "Dezember 2015")


def test_home_has_skip_link_navigation_and_footer(client):
    response = client.get("/")

    assertInHTML('<a class="skip-link" href="#inhalt">Zum Inhalt springen</a>', response.text)
    assertContains(response, 'aria-label="Hauptnavigation"')
    for label in ("Foren", "Netzwerke", "Maßnahmenplan", "Dokumente", "Suche"):
        assertContains(response, f">{label}</a>")
    for label in ("Kontakt", "Impressum", "Datenschutz", "Barrierefreiheit"):
        assertContains(response, f">{label}</a>")


def test_home_sets_no_cookie_for_a_reader(client):
    response = client.get("/")

    assert response.cookies == {}


def test_healthz_answers_without_database(client, django_assert_num_queries):
    with django_assert_num_queries(0):
        response = client.get("/healthz")

    assert response.status_code == 200
    assert response.text == "ok\n"


def test_readyz_reports_ready(client):
    response = client.get("/readyz")

    assert response.status_code == 200
    assert response.text == "ready\n"


def test_readyz_answers_503_when_the_database_is_unreachable(client, monkeypatch):
    def refuse(*args, **kwargs):
        raise OperationalError("connection refused")

    monkeypatch.setattr("emscher_portal.views._check_database", refuse)

    response = client.get("/readyz")

    assert response.status_code == 503
    assert "database: OperationalError" in response.text


def test_readyz_answers_503_when_postgres_refuses_connections(client, settings):
    database = connections["default"]
    original = database.settings_dict.copy()
    # A port where nothing listens: a real failed connect, not a stand-in.
    database.close()
    database.settings_dict.update({"PORT": "1", "HOST": "127.0.0.1"})
    try:
        response = client.get("/readyz")
    finally:
        database.close()
        database.settings_dict.clear()
        database.settings_dict.update(original)

    assert response.status_code == 503
    assert "database: OperationalError" in response.text
