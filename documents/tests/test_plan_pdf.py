"""The Maßnahmenplan and its measures as PDFs."""

import pytest
from django.urls import reverse

from documents.tests.plan_factories import make_field, make_measure, make_plan
from emscher_portal.core.models import Status
from emscher_portal.tests.pdfs import outline_titles, read_pdf, response_bytes

pytestmark = pytest.mark.django_db


def test_measure_and_plan_pdfs(client):
    plan = make_plan(title="Maßnahmenplan 2020+", introduction="Der Plan verbindet Stadt und Wasser.")
    field = make_field(plan, title="Regenwasser", number=1)
    measure = make_measure(field, title="Flächen abkoppeln", slug="abkoppeln", description="Beispieltext.")
    make_measure(field, title="Geheime Maßnahme", status=Status.DRAFT)

    measure_reader, measure_text = read_pdf(client.get(reverse("documents:measure-pdf", args=[measure.slug])))
    plan_reader, plan_text = read_pdf(client.get(reverse("documents:plan-pdf")))

    assert measure_reader.metadata.title == f"Maßnahme {measure.number}: Flächen abkoppeln"
    assert "Flächen abkoppeln" in measure_text
    assert plan_reader.metadata.title == "Maßnahmenplan 2020+"
    assert outline_titles(plan_reader.outline) == [
        "Maßnahmenplan 2020+",
        "Inhalt",
        "Einleitung und Ziele",
        "Umsetzungsstand",
        "1. Regenwasser",
        f"{measure.number} Flächen abkoppeln",
        "Impressum",
    ]
    assert "Flächen abkoppeln" in plan_text
    assert "Geheime Maßnahme" not in plan_text
    assert "Seite 2 von" in plan_text


def test_plan_pdf_shows_the_status_chart_of_the_plan_page(client):
    plan = make_plan(title="Maßnahmenplan 2020+")
    field = make_field(plan, title="Regenwasser", number=1)
    make_measure(field, title="Flächen abkoppeln", implementation_status="done")
    make_measure(field, title="Mulden bauen", implementation_status="planned")

    reader, text = read_pdf(client.get(reverse("documents:plan-pdf")))

    assert "Maßnahmen je Handlungsfeld nach Umsetzungsstand" in text  # the chart's caption, above the table
    assert "Anzahl der Maßnahmen je Handlungsfeld und Umsetzungsstand" in text
    page = next(n for n, page in enumerate(reader.pages) if "nach Umsetzungsstand" in page.extract_text())
    # The bar is drawn in the status colours, half green („umgesetzt“), half grey („geplant“): each far more than
    # the legend's small swatch of that colour (about 70 pixels at 72 dpi), none of the colours of absent states.
    colours = _page_colours(response_pdf_bytes(client), page)
    assert colours.get((0x2F, 0x6B, 0x35), 0) > 1000
    assert colours.get((0x5B, 0x64, 0x70), 0) > 1000
    assert colours.get((0x8A, 0x4B, 0x08), 0) < 200


def response_pdf_bytes(client):
    return response_bytes(client.get(reverse("documents:plan-pdf")))


def _page_colours(data, index):
    """{(r, g, b): pixel count} of one page rendered at 72 dpi."""
    import pypdfium2  # noqa: PLC0415 -- slow import, this test only

    pdf = pypdfium2.PdfDocument(data)
    try:
        image = pdf[index].render(scale=1).to_pil().convert("RGB")
    finally:
        pdf.close()
    return {colour: count for count, colour in image.getcolors(maxcolors=1_000_000)}
