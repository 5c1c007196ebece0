import hashlib
import json

import pytest
from rdflib import Graph, Literal, Namespace, URIRef
from rdflib.namespace import DCAT, DCTERMS, FOAF, RDF, XSD

from documents.tests.library_factories import make_document, pdf_bytes
from documents.tests.plan_factories import make_field, make_measure, make_plan
from emscher_portal.core.models import Status
from emscher_portal.tests.factories import fill_site_operator

pytestmark = pytest.mark.django_db

SPDX = Namespace("http://spdx.org/rdf/terms#")
VCARD = Namespace("http://www.w3.org/2006/vcard/ns#")
DCATDE = Namespace("http://dcat-ap.de/def/dcatde/")
SITE = "http://127.0.0.1:8000"


def _graph(response, fmt):
    return Graph().parse(data=response.content.decode(), format=fmt)


def _content(client, url):
    response = client.get(url.removeprefix(SITE))
    return b"".join(response.streaming_content) if response.streaming else response.content


def test_every_dataset_has_what_dcat_ap_de_asks_for_and_its_checksum_matches_the_download(client):
    fill_site_operator(publisher="Zukunftsinitiative Wasser", email="daten@example.org")
    make_document(title="Dokumentation 2019", data=pdf_bytes(["Eins", "Zwei"]))
    make_document(
        title="Englisches Papier", language="en", licence="http://dcat-ap.de/def/licenses/cc-by/4.0", data=pdf_bytes()
    )
    make_measure(make_field(make_plan(title="Maßnahmenplan 2020+")), title="Dächer begrünen")

    graph = _graph(client.get("/katalog/"), "turtle")

    catalogue = URIRef(f"{SITE}/katalog/")
    assert (catalogue, RDF.type, DCAT.Catalog) in graph
    datasets = sorted(graph.objects(catalogue, DCAT.dataset))
    assert sorted(str(graph.value(dataset, DCTERMS.title)) for dataset in datasets) == [
        "Dokumentation 2019",
        "Englisches Papier",
        "Maßnahmenplan 2020+",
    ]
    for dataset in datasets:
        assert (dataset, RDF.type, DCAT.Dataset) in graph
        publisher = graph.value(dataset, DCTERMS.publisher)
        assert graph.value(publisher, FOAF.name) == Literal("Zukunftsinitiative Wasser", lang="de")
        contact = graph.value(dataset, DCAT.contactPoint)
        assert graph.value(contact, VCARD.hasEmail) == URIRef("mailto:daten@example.org")
        assert graph.value(dataset, DCATDE.politicalGeocodingLevelURI) == URIRef(
            "http://dcat-ap.de/def/politicalGeocoding/Level/state"
        )
        assert sorted(graph.objects(dataset, DCAT.theme)) == [
            URIRef("http://publications.europa.eu/resource/authority/data-theme/ENVI"),
            URIRef("http://publications.europa.eu/resource/authority/data-theme/REGI"),
        ]
        distribution = graph.value(dataset, DCAT.distribution)
        assert graph.value(distribution, DCAT.mediaType) == URIRef(
            "https://www.iana.org/assignments/media-types/application/pdf"
        )
        assert str(graph.value(distribution, DCTERMS.license)).startswith("http://dcat-ap.de/def/licenses/")
        body = _content(client, str(graph.value(distribution, DCAT.downloadURL)))
        assert body.startswith(b"%PDF")
        size = graph.value(distribution, DCAT.byteSize)
        assert (size.datatype, size.toPython()) == (XSD.nonNegativeInteger, len(body))
        checksum = graph.value(distribution, SPDX.checksum)
        assert graph.value(checksum, SPDX.algorithm) == SPDX.checksumAlgorithm_sha1
        assert str(graph.value(checksum, SPDX.checksumValue)) == hashlib.sha1(body, usedforsecurity=False).hexdigest()
    english = next(dataset for dataset in datasets if str(graph.value(dataset, DCTERMS.title)) == "Englisches Papier")
    assert graph.value(graph.value(english, DCAT.distribution), DCTERMS.license) == URIRef(
        "http://dcat-ap.de/def/licenses/cc-by/4.0"
    )


def test_drafts_and_withdrawn_documents_are_not_in_the_catalogue(client):
    make_document(title="Veröffentlicht")
    make_document(title="Entwurf", status=Status.DRAFT)
    withdrawn = make_document(title="Zurückgezogen")
    withdrawn.status = Status.DRAFT
    withdrawn.save()

    text = client.get("/katalog.ttl").content.decode()

    assert "Veröffentlicht" in text
    assert "Entwurf" not in text
    assert "Zurückgezogen" not in text


# rdflib's JSON-LD parser still builds on its own deprecated ConjunctiveGraph (rdflib 7.6).
@pytest.mark.filterwarnings("ignore:ConjunctiveGraph is deprecated:DeprecationWarning")
def test_json_ld_by_content_negotiation_and_by_suffix_says_the_same_as_turtle(client):
    make_document(title="Dokumentation 2019")

    turtle = client.get("/katalog/")
    negotiated = client.get("/katalog/", HTTP_ACCEPT="application/ld+json")
    suffixed = client.get("/katalog.jsonld")

    assert turtle["Content-Type"] == "text/turtle; charset=utf-8"
    assert negotiated["Content-Type"] == suffixed["Content-Type"] == "application/ld+json; charset=utf-8"
    assert "Accept" in turtle["Vary"]
    json.loads(negotiated.content)
    assert _graph(negotiated, "json-ld").isomorphic(_graph(turtle, "turtle"))
    assert _graph(suffixed, "json-ld").isomorphic(_graph(turtle, "turtle"))
