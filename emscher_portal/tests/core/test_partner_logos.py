"""Partner logos on the covers of the generated PDFs: none until the Redaktion uploads one in the admin."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from pytest_django.asserts import assertContains

from emscher_portal.core.models import PartnerLogo
from emscher_portal.tests.pdfs import read_pdf
from forums.tests.factories import make_event

pytestmark = pytest.mark.django_db

ADD_URL = "/admin/emscher_portal/partnerlogo/add/"


def _cover_images(client, event):
    reader, _text = read_pdf(client.get(reverse("forums:event-pdf", args=[event.slug])))
    return len(reader.pages[0].images)


def test_demo_has_no_partner_logos_and_covers_show_none(client, demo):
    event = make_event(title="Forum ohne Fotos", slug="forum-ohne-fotos")

    assert PartnerLogo.objects.count() == 0
    assert _cover_images(client, event) == 0


def test_the_redaktion_uploads_a_logo_and_every_pdf_cover_shows_it(client, redaktion_client, make_image):
    event = make_event(title="Forum", slug="forum-mit-logo")
    assert _cover_images(client, event) == 0

    response = redaktion_client.post(
        ADD_URL,
        {
            "name": "Emschergenossenschaft",
            "image": SimpleUploadedFile("logo.png", make_image(fmt="PNG", size=(400, 120)), "image/png"),
            "alt_text": "Logo der Emschergenossenschaft",
            "position": "0",
            "is_shown": "on",
        },
    )

    assert response.status_code == 302
    logo = PartnerLogo.objects.get()
    assert (logo.width, logo.height) == (400, 120)
    assert logo.history.count() == 1
    assert _cover_images(client, event) == 1

    logo.is_shown = False
    logo.save()
    assert _cover_images(client, event) == 0


def test_the_admin_refuses_a_logo_without_alt_text_or_that_is_no_image(redaktion_client, make_image):
    without_alt = redaktion_client.post(
        ADD_URL,
        {
            "name": "Partner",
            "image": SimpleUploadedFile("logo.png", make_image(fmt="PNG"), "image/png"),
            "alt_text": "",
            "position": "0",
        },
    )
    not_an_image = redaktion_client.post(
        ADD_URL,
        {
            "name": "Partner",
            "image": SimpleUploadedFile("logo.png", b"<svg onload=alert(1)></svg>", "image/png"),
            "alt_text": "Logo",
            "position": "0",
        },
    )

    assertContains(without_alt, "Dieses Feld ist zwingend erforderlich.")
    assert not_an_image.status_code == 200
    assert PartnerLogo.objects.count() == 0
