"""The DCAT-AP.de catalogue (/katalog/): a dataset per published document and one for the Maßnahmenplan.

State open-data portals harvest it. Each dataset has one distribution (the PDF) with download URL, media type,
byte size and an SPDX checksum (SHA-1, as DCAT-AP recommends), its licence as a URI (the document's own, by
default the Datenlizenz Deutschland – Namensnennung 2.0), publisher and contact point from the operator's details
(`core.site.site_operator()`), the political geocoding (the state of North Rhine-Westphalia: every Emscher city lies
in it) and themes from the EU data-theme vocabulary.
"""

import hashlib

from django.conf import settings
from django.contrib.auth.models import AnonymousUser
from django.core.files.storage import default_storage
from django.db.models import Max
from django.http import Http404
from django.urls import reverse
from django.utils import timezone

from documents import plan_selectors
from documents.models import Document, Measure
from documents.models.library import DEFAULT_LICENCE
from documents.pdf import PlanPdfView
from emscher_portal.core.site import ORGANISATION_NAME, site_operator

DCATDE = "http://dcat-ap.de/def/dcatde/"
SPDX = "http://spdx.org/rdf/terms#"
VCARD = "http://www.w3.org/2006/vcard/ns#"
EU_THEME = "http://publications.europa.eu/resource/authority/data-theme/"
EU_LANGUAGE = "http://publications.europa.eu/resource/authority/language/"
EU_FILE_TYPE = "http://publications.europa.eu/resource/authority/file-type/"
IANA_PDF = "https://www.iana.org/assignments/media-types/application/pdf"
GEOCODING_LEVEL = "http://dcat-ap.de/def/politicalGeocoding/Level/state"
GEOCODING_NRW = "http://dcat-ap.de/def/politicalGeocoding/stateKey/05"
# Environment; regions and cities: what water-sensitive urban development in the Emscher region is about.
THEMES = ("ENVI", "REGI")
LANGUAGES = {"de": "DEU", "en": "ENG"}

FORMATS = {"turtle": "text/turtle; charset=utf-8", "json-ld": "application/ld+json; charset=utf-8"}


def _site(path):
    return settings.SITE_URL.rstrip("/") + path


def _sha1_of_stored(name):
    digest = hashlib.sha1(usedforsecurity=False)
    with default_storage.open(name, "rb") as stored:
        for chunk in iter(lambda: stored.read(1 << 20), b""):
            digest.update(chunk)
    return digest.hexdigest()


def catalogue_documents():
    """The published documents, newest first (the two queries of the catalogue's documents)."""
    return Document.objects.published().select_related("event").order_by("-year", "-created_at", "-pk")


def catalogue_plan_pdf():
    """(plan, stored PdfFile) of the current published plan, rendered once per content version; (None, None)."""
    plan = plan_selectors.plan_get_current(user=AnonymousUser())
    if plan is None:
        return None, None
    try:
        return plan, PlanPdfView.prerender(pk=plan.pk)
    except Http404:
        return None, None


def _stamp(value):
    return timezone.localtime(value).replace(microsecond=0)


class _Catalogue:
    """Builds the graph: the catalogue, its publisher, a dataset and a distribution per published file."""

    def __init__(self):
        import rdflib  # noqa: PLC0415 -- slow import, only /katalog/ needs it
        from rdflib.namespace import DCAT, DCTERMS, FOAF, RDF, XSD  # noqa: PLC0415 -- see above

        self.rdf = rdflib
        self.DCAT, self.DCT, self.FOAF, self.RDF, self.XSD = DCAT, DCTERMS, FOAF, RDF, XSD
        self.dcatde, self.spdx, self.vcard = (rdflib.Namespace(ns) for ns in (DCATDE, SPDX, VCARD))
        self.graph = rdflib.Graph()
        for prefix, namespace in (
            ("dcat", DCAT),
            ("dct", DCTERMS),
            ("foaf", FOAF),
            ("dcatde", self.dcatde),
            ("spdx", self.spdx),
            ("vcard", self.vcard),
        ):
            self.graph.bind(prefix, namespace)
        self.operator = site_operator()
        self.publisher_name = self.operator.publisher or ORGANISATION_NAME
        self.catalogue = self.uri(_site(reverse("documents:catalogue")))
        self.publisher = self.uri(_site("/impressum/#betreiber"))

    def uri(self, value):
        return self.rdf.URIRef(value)

    def text(self, value, lang="de"):
        return self.rdf.Literal(value, lang=lang)

    def typed(self, value, datatype):
        return self.rdf.Literal(value, datatype=datatype)

    def add(self, subject, *pairs):
        for predicate, value in pairs:
            self.graph.add((subject, predicate, value))

    def build(self):
        dct, foaf = self.DCT, self.FOAF
        self.add(self.publisher, (self.RDF.type, foaf.Agent), (foaf.name, self.text(self.publisher_name)))
        if self.operator.email:
            self.add(self.publisher, (foaf.mbox, self.uri(f"mailto:{self.operator.email}")))
        self.add(
            self.catalogue,
            (self.RDF.type, self.DCAT.Catalog),
            (dct.title, self.text(f"{ORGANISATION_NAME}: Dokumente und Maßnahmenplan")),
            (
                dct.description,
                self.text(
                    "Dokumentationen, Präsentationen und Positionspapiere der Experten-Foren und "
                    "Dezernententreffen der Emscher-Kommunen und der Emschergenossenschaft, und der "
                    "Maßnahmenplan 2020+."
                ),
            ),
            (dct.publisher, self.publisher),
            (dct.language, self.uri(EU_LANGUAGE + "DEU")),
            (foaf.homepage, self.uri(_site("/"))),
            (dct.modified, self.typed(timezone.localdate(), self.XSD.date)),
        )
        self.add_documents()
        self.add_plan()
        return self.graph

    def contact_point(self):
        node, vcard = self.rdf.BNode(), self.vcard
        self.add(node, (self.RDF.type, vcard.Organization), (vcard.fn, self.rdf.Literal(self.publisher_name)))
        if self.operator.email:
            self.add(node, (vcard.hasEmail, self.uri(f"mailto:{self.operator.email}")))
        return node

    def dataset(self, *, uri, title, description, language, keyword, issued, modified, distribution):
        node, dct, dcat = self.uri(uri), self.DCT, self.DCAT
        self.add(self.catalogue, (dcat.dataset, node))
        self.add(
            node,
            (self.RDF.type, dcat.Dataset),
            (dct.identifier, self.rdf.Literal(uri)),
            (dct.title, self.text(title)),
            (dct.description, self.text(description or title)),
            (dcat.landingPage, node),
            (dct.publisher, self.publisher),
            (dcat.contactPoint, self.contact_point()),
            (dct.language, self.uri(EU_LANGUAGE + LANGUAGES.get(language, "DEU"))),
            (dcat.keyword, self.text(keyword)),
            (dct.issued, self.typed(_stamp(issued), self.XSD.dateTime)),
            (dct.modified, self.typed(_stamp(modified), self.XSD.dateTime)),
            (self.dcatde.politicalGeocodingLevelURI, self.uri(GEOCODING_LEVEL)),
            (self.dcatde.politicalGeocodingURI, self.uri(GEOCODING_NRW)),
            *((dcat.theme, self.uri(EU_THEME + theme)) for theme in THEMES),
            (dcat.distribution, distribution),
        )

    def pdf_distribution(self, *, access, download, title, size, sha1, licence, modified):
        node, dct, dcat, spdx = self.uri(download), self.DCT, self.DCAT, self.spdx
        checksum = self.rdf.BNode()
        self.add(
            checksum,
            (self.RDF.type, spdx.Checksum),
            (spdx.algorithm, spdx.checksumAlgorithm_sha1),
            (spdx.checksumValue, self.typed(sha1, self.XSD.hexBinary)),
        )
        self.add(
            node,
            (self.RDF.type, dcat.Distribution),
            (dct.title, self.text(title)),
            (dcat.accessURL, self.uri(access)),
            (dcat.downloadURL, self.uri(download)),
            (dcat.mediaType, self.uri(IANA_PDF)),
            (dct["format"], self.uri(EU_FILE_TYPE + "PDF")),
            (dcat.byteSize, self.typed(size, self.XSD.nonNegativeInteger)),
            (spdx.checksum, checksum),
            (dct.license, self.uri(licence)),
            (self.dcatde.licenseAttributionByText, self.rdf.Literal(f"© {self.publisher_name}")),
            (dct.modified, self.typed(_stamp(modified), self.XSD.dateTime)),
        )
        return node

    def add_documents(self):
        for document in catalogue_documents():
            if not document.sha1:
                continue  # no checksum (its file could not be read): no usable distribution
            download = _site(document.get_download_url())
            self.dataset(
                uri=_site(document.get_absolute_url()),
                title=document.title,
                description=document.description,
                language=document.language,
                keyword=str(document.get_kind_display()),
                issued=document.created_at,
                modified=document.updated_at,
                distribution=self.pdf_distribution(
                    access=download,
                    download=f"{download}?anhang=1",
                    title=document.filename,
                    size=document.file_size,
                    sha1=document.sha1,
                    licence=document.licence,
                    modified=document.updated_at,
                ),
            )

    def add_plan(self):
        plan, pdf = catalogue_plan_pdf()
        if plan is None:
            return
        newest_measure = Measure.objects.published().aggregate(newest=Max("updated_at"))["newest"]
        modified = max(filter(None, [plan.updated_at, newest_measure]))
        pdf_url = _site(reverse("documents:plan-pdf"))
        self.dataset(
            uri=_site(plan.get_absolute_url()),
            title=plan.title,
            description=(
                "Der Maßnahmenplan der Zukunftsinitiative mit seinen Handlungsfeldern und Maßnahmen und deren "
                "Umsetzungsstand, als PDF."
            ),
            language="de",
            keyword="Maßnahmenplan",
            issued=plan.created_at,
            modified=modified,
            distribution=self.pdf_distribution(
                access=pdf_url,
                download=pdf_url,
                title=f"{plan.title}.pdf",
                size=pdf.size,
                sha1=_sha1_of_stored(pdf.name),
                licence=DEFAULT_LICENCE,
                modified=modified,
            ),
        )


def catalogue_graph():
    """The catalogue as an rdflib Graph."""
    return _Catalogue().build()


def catalogue_serialise(fmt):
    """The catalogue as `turtle` or `json-ld` text."""
    return catalogue_graph().serialize(format=fmt)
