"""The Maßnahmenplan and its measures as PDFs."""

import pytest
from django.urls import reverse

from documents.tests.plan_factories import make_field, make_measure, make_plan
from emscher_portal.core.models import Status
from emscher_portal.tests.pdfs import outline_titles, read_pdf

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
