"""Preview links: an editor makes one on a draft's admin page; people without an account open the page and its PDF
until it expires or is revoked; never cached, never indexed."""

import datetime
import re

import pytest
from django.test import Client
from django.utils import timezone
from pytest_django.asserts import assertContains

from emscher_portal.core.models import PreviewLink, Status
from emscher_portal.tests.pdfs import read_pdf
from forums.tests.factories import make_event, make_programme_item

pytestmark = pytest.mark.django_db


@pytest.fixture
def draft():
    event = make_event(title="Forum Zukunftswasser", slug="forum-zukunftswasser", status=Status.DRAFT)
    make_programme_item(event, title="Begrüßung durch die Gastgeberin")
    return event


def _make_link(client, event, days="7"):
    page = client.post(f"/admin/forums/event/{event.pk}/vorschau/", {"days": days}, follow=True)
    assert page.status_code == 200
    return (
        re.search(r'value="(http://[^"]+/vorschau/[^"]+/)"', page.text).group(1).removeprefix("http://127.0.0.1:8000")
    )


def test_an_editor_makes_a_link_that_works_without_login(redaktion_client, draft):
    form = redaktion_client.get(f"/admin/forums/event/{draft.pk}/vorschau/")
    url = _make_link(redaktion_client, draft)

    reader = Client()
    page = reader.get(url)
    public = reader.get("/foren/forum-zukunftswasser/")

    assertContains(form, 'name="days"')
    assertContains(form, 'value="7"')
    assert PreviewLink.objects.get().expires_at.date() == (timezone.now() + datetime.timedelta(days=7)).date()
    assertContains(page, '<h1 class="event__title">Forum Zukunftswasser</h1>', html=True)
    assertContains(page, "Begrüßung durch die Gastgeberin")
    assertContains(page, "Vorschau eines Entwurfs")
    assert public.status_code == 404
    assert not page.cookies


def test_the_preview_is_never_cached_and_never_indexed(redaktion_client, draft):
    url = _make_link(redaktion_client, draft)
    reader = Client()

    first = reader.get(url)
    second = reader.get(url)

    for response in (first, second):
        assert "no-store" in response["Cache-Control"]
        assert "private" in response["Cache-Control"]
        assert response["X-Robots-Tag"] == "noindex, nofollow, noarchive"
        assert "X-Page-Cache" not in response
        assertContains(response, '<meta name="robots" content="noindex, nofollow, noarchive">', html=True)


def test_the_preview_shows_the_draft_pdf_with_entwurf_on_every_page(redaktion_client, draft):
    url = _make_link(redaktion_client, draft)
    page = Client().get(url)
    pdf_url = re.search(r'href="(/vorschau/[^"]+/pdf/)"', page.text).group(1)

    response = Client().get(pdf_url)

    reader, _text = read_pdf(response)
    assert "no-store" in response["Cache-Control"]
    assert response["X-Robots-Tag"] == "noindex, nofollow, noarchive"
    assert len(reader.pages) >= 2
    assert all("ENTWURF – NICHT VERÖFFENTLICHT" in pdf_page.extract_text() for pdf_page in reader.pages)


def test_the_link_stops_after_it_expires(redaktion_client, draft):
    url = _make_link(redaktion_client, draft, days="1")
    assert Client().get(url).status_code == 200

    PreviewLink.objects.update(expires_at=timezone.now() - datetime.timedelta(seconds=1))

    assert Client().get(url).status_code == 404
    assert Client().get(f"{url}pdf/").status_code == 404


def test_the_link_stops_after_it_is_revoked(redaktion_client, draft):
    url = _make_link(redaktion_client, draft)
    link = PreviewLink.objects.get()

    listing = redaktion_client.post(f"/admin/forums/event/{draft.pk}/vorschau/", {"revoke": link.pk}, follow=True)

    assertContains(listing, "widerrufen am")
    assert Client().get(url).status_code == 404


def test_an_altered_token_is_refused_and_no_other_draft_shows(redaktion_client, draft):
    url = _make_link(redaktion_client, draft)
    other = make_event(title="Anderer Entwurf", status=Status.DRAFT)
    key = PreviewLink.objects.get().key

    assert Client().get(url.replace(key, key[:-1] + ("A" if key[-1] != "A" else "B"))).status_code == 404
    assert Client().get("/vorschau/erfunden:abc/").status_code == 404
    assert other.title not in Client().get(url).text


def test_the_preview_is_read_only(redaktion_client, draft):
    url = _make_link(redaktion_client, draft)

    response = Client().post(url, {"status": Status.PUBLISHED})

    assert response.status_code == 405
    draft.refresh_from_db()
    assert draft.status == Status.DRAFT


def test_staff_keep_seeing_drafts_with_the_banner(staff_client, draft):
    response = staff_client.get("/foren/forum-zukunftswasser/")

    assertContains(response, "Diese Seite ist noch nicht veröffentlicht und nur für die Redaktion sichtbar.")
    assert "private" in response["Cache-Control"]


def test_a_draft_pdf_says_entwurf_on_every_page_and_the_published_one_does_not(staff_client, draft):
    draft_pdf, _text = read_pdf(staff_client.get("/foren/forum-zukunftswasser/dokumentation.pdf"))
    draft.status = Status.PUBLISHED
    draft.save()
    published_pdf, published_text = read_pdf(Client().get("/foren/forum-zukunftswasser/dokumentation.pdf"))

    assert all("ENTWURF – NICHT VERÖFFENTLICHT" in page.extract_text() for page in draft_pdf.pages)
    assert "entwurf" not in published_text.lower()
