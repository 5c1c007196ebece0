"""The forum documentation PDF: a real, tagged PDF with outline and text, cached per content version."""

import datetime
import io
import re

import pytest
from django.test import Client
from django.urls import reverse
from pypdf import PdfReader

from documents.tests.library_factories import make_document
from emscher_portal.core.models import Status
from emscher_portal.tests.pdfs import outline_titles, outline_tree, read_pdf, response_bytes
from forums.models import Event
from forums.tests.factories import make_event, make_photo, make_programme_item, make_workshop
from networks.tests.factories import make_municipality

pytestmark = pytest.mark.django_db


def _forum():
    city = make_municipality(name="Bottrop", slug="bottrop")
    event = make_event(
        title="9. Experten-Forum in Bottrop",
        slug="forum-2024",
        motto="Handeln im Wandel: Ein einzelnes Blatt spendet keinen Schatten",
        host_city=city,
        venue="Beispielhalle",
        body="## Rückblick\n\nZehn Jahre Zukunftsinitiative. (Beispieltext)",
    )
    make_programme_item(event, title="Begrüßung durch die Gastgeberstadt")
    make_workshop(event, title="Kühlung von Innenstädten", results="- Mehr Bäume\n- Mehr Wasserflächen")
    make_workshop(event, title="Gesundes Wohnen und Arbeiten im Quartier")
    make_photo(event, size=(1200, 800), is_cover=True, caption="Das Plenum")
    make_document(title="Beispieldokument Präsentation", event=event)
    return event


def test_forum_pdf_is_a_real_pdf_with_outline_title_and_text(client, render_spy):
    event = _forum()

    response = client.get(reverse("forums:event-pdf", args=[event.slug]))

    body = response_bytes(response)
    assert response["Content-Type"] == "application/pdf"
    assert body.startswith(b"%PDF")
    assert response["Content-Disposition"] == 'inline; filename="Dokumentation 9. Experten-Forum in Bottrop.pdf"'
    assert response["X-Content-Type-Options"] == "nosniff"
    reader = PdfReader(io.BytesIO(body))
    assert len(reader.pages) == 4  # the cover, then sections that flow
    assert reader.metadata.title == "Dokumentation: 9. Experten-Forum in Bottrop"
    # The heading inside the event's text („## Rückblick“) nests below its section, not beside „Programm“.
    assert outline_tree(reader.outline) == [
        (
            "9. Experten-Forum in Bottrop",
            [
                ("Inhalt", []),
                ("Überblick", [("Rückblick", [])]),
                ("Programm", []),
                (
                    "Workshops und Ergebnisse",
                    [
                        ("Kühlung von Innenstädten", [("Ergebnisse", [])]),
                        ("Gesundes Wohnen und Arbeiten im Quartier", []),
                    ],
                ),
                ("Fotos", []),
                ("Dokumente", []),
                ("Impressum", []),
            ],
        )
    ]
    text = "\n".join(page.extract_text() for page in reader.pages)
    assert "9. Experten-Forum in Bottrop" in text
    assert "Seite 3 von" in text
    assert "Beispieldokument Präsentation" in text
    assert reader.trailer["/Root"]["/Lang"] == "de"
    assert "/StructTreeRoot" in reader.trailer["/Root"]  # tagged PDF
    assert render_spy == ["forums/print/event.html"]


def test_forum_pdf_embeds_our_font_and_photo_at_print_size(client):
    event = _forum()

    body = response_bytes(client.get(reverse("forums:event-pdf", args=[event.slug])))

    reader = PdfReader(io.BytesIO(body))
    fonts, images = set(), []
    for page in reader.pages:
        resources = page["/Resources"]
        for font in (resources.get("/Font") or {}).values():
            font = font.get_object()
            descriptor = font.get("/FontDescriptor") or font["/DescendantFonts"][0].get_object()["/FontDescriptor"]
            assert "/FontFile2" in descriptor or "/FontFile3" in descriptor or "/FontFile" in descriptor
            fonts.add(str(font["/BaseFont"]).split("+")[-1])
        images += [image.image.size for image in page.images]
    # Only our self-hosted @font-face family, embedded (no system font, nothing fetched).
    assert fonts <= {"Portal-Sans", "Portal-Sans-Bold", "Portal-Sans-Italic"}
    assert "Portal-Sans" in fonts
    # The 1200 px original is never embedded: the cover and the photo page use the 960 px rendition.
    assert set(images) == {(960, 640)}


def test_forum_pdf_second_request_is_served_from_cache_without_rendering(client, render_spy):
    event = _forum()
    url = reverse("forums:event-pdf", args=[event.slug])

    first = client.get(url)
    second = client.get(url)
    not_modified = client.get(url, headers={"if-none-match": first["ETag"]})

    assert render_spy == ["forums/print/event.html"]
    assert response_bytes(first) == response_bytes(second)
    assert first["ETag"] == second["ETag"]
    assert not_modified.status_code == 304


def test_forum_pdf_cache_key_changes_when_content_changes(client, render_spy):
    event = _forum()
    url = reverse("forums:event-pdf", args=[event.slug])
    first = client.get(url)
    response_bytes(first)

    event.title = "9. Experten-Forum in Bottrop (korrigiert)"
    event.save()
    second = client.get(url)
    response_bytes(second)
    make_workshop(event, title="Ein weiterer Workshop")
    third = client.get(url)

    assert len({first["ETag"], second["ETag"], third["ETag"]}) == 3
    assert len(render_spy) == 3
    assert "Ein weiterer Workshop" in "".join(
        p.extract_text() for p in PdfReader(io.BytesIO(response_bytes(third))).pages
    )


def test_forum_pdf_of_draft_is_404_for_public():
    event = make_event(status=Status.DRAFT)

    response = Client().get(reverse("forums:event-pdf", args=[event.slug]))

    assert response.status_code == 404


def test_forum_pdf_leaves_out_draft_documents(client):
    event = _forum()
    make_document(title="Interner Entwurf", event=event, status=Status.DRAFT)

    body = response_bytes(client.get(reverse("forums:event-pdf", args=[event.slug])))

    text = "".join(page.extract_text() for page in PdfReader(io.BytesIO(body)).pages)
    assert "Interner Entwurf" not in text
    assert "Beispieldokument Präsentation" in text


def test_forum_pdf_divides_a_programme_of_two_days_by_day(client):
    event = make_event(
        title="9. Experten-Forum in Bottrop",
        slug="forum-2024",
        start_date=datetime.date(2024, 10, 9),
        end_date=datetime.date(2024, 10, 10),
    )
    make_programme_item(event, position=1, day=datetime.date(2024, 10, 10), title="Abschluss im Plenum")
    make_programme_item(event, position=2, day=datetime.date(2024, 10, 9), title="Begrüßung durch die Stadt")

    reader, text = read_pdf(client.get(reverse("forums:event-pdf", args=[event.slug])))

    outline = outline_titles(reader.outline)
    programme = outline.index("Programm")
    assert outline[programme + 1 : programme + 3] == ["Mittwoch, 9. Oktober 2024", "Donnerstag, 10. Oktober 2024"]
    assert text.index("Begrüßung durch die Stadt") < text.index("Abschluss im Plenum")


def test_a_days_heading_and_caption_stay_on_the_page_of_its_programme(client, demo):
    # The demo's 9th forum: its first day's heading once stood alone at the bottom of the overview's page.
    reader, _text = read_pdf(client.get("/foren/experten-forum-2024/dokumentation.pdf"))

    pages = [" ".join(page.extract_text().split()) for page in reader.pages]
    first_item = next(number for number, page in enumerate(pages) if "Ankommen und Begrüßung" in page)
    assert re.search(r"Mittwoch, 9\. Oktober 2024 Programm: [^,]+, Mittwoch, 9\. Oktober 2024", pages[first_item])


def test_dezernententreffen_with_one_paragraph_is_the_cover_and_one_page(client):
    event = make_event(
        kind=Event.Kind.DEPARTMENT_HEADS,
        title="5. Dezernententreffen in Bottrop",
        slug="dezernententreffen-2020",
        start_date=datetime.date(2020, 2, 1),
        body="Die Dezernentinnen und Dezernenten sprachen über eine klimarobuste Region. (Beispieltext)",
    )

    reader, text = read_pdf(client.get(reverse("forums:event-pdf", args=[event.slug])))

    assert len(reader.pages) == 2
    second = reader.pages[1].extract_text()
    assert "Die Dezernentinnen und Dezernenten sprachen über eine klimarobuste Region." in second
    assert "Impressum" in second
    assert "Seite 2 von 2" in second


def test_pdf_footer_names_the_portal_and_the_page_address(client, settings):
    settings.SITE_URL = "https://emscher.example"
    event = make_event(title="Forum", slug="forum-2019", body="Text.")

    reader, _text = read_pdf(client.get(reverse("forums:event-pdf", args=[event.slug])))

    assert "Emscher-Portal · https://emscher.example/foren/forum-2019/" in reader.pages[-1].extract_text()
