"""What must be right before a document, the plan or a measure is published (see
`emscher_portal.core.publish_checks`)."""

from django.utils.translation import gettext as _

from documents.models import Document, Measure, Plan
from emscher_portal.core.publish_checks import markdown_findings, publish_check, warning
from emscher_portal.core.uploads.pdf import pdf_metadata_title


@publish_check(Document)
def document_checks(document):
    yield from markdown_findings(document.description, label=_("Beschreibung"))
    if document.file and not pdf_metadata_title(document.file):
        yield warning(
            _(
                "Die PDF-Datei hat keinen Titel in ihren Dokumenteigenschaften; Screenreader und Suchmaschinen "
                "zeigen dann nur den Dateinamen. Besser: den Titel im Programm setzen, das die PDF erzeugt."
            )
        )


@publish_check(Plan)
def plan_checks(plan):
    yield from markdown_findings(plan.introduction, label=_("Einleitung"))
    yield from markdown_findings(plan.goals, label=_("Ziele"))


@publish_check(Measure)
def measure_checks(measure):
    yield from markdown_findings(measure.description, label=_("Beschreibung"))
