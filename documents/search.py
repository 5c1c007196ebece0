"""What the documents app contributes to the site search: the Maßnahmenplan, its measures, and the library —
every document and every page of its PDF."""

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from documents.models import Document, Measure, Plan
from emscher_portal.core.search.registry import Adapter, Kind, Unit, joined, plain, register

PLAN_KIND = Kind("massnahme", _("Maßnahmenplan"))


@register
class PlanAdapter(Adapter):
    model = Plan
    kind = PLAN_KIND

    def queryset(self):
        return Plan.objects.published()

    def units(self, plan):
        yield Unit(
            title=plan.title,
            url=plan.get_absolute_url(),
            summary=plan.adoption_note,
            body=joined(plain(plan.introduction), plain(plan.goals), sep="\n"),
            date=plan.presented_on,
        )


@register
class MeasureAdapter(Adapter):
    """A measure is public only while it and its plan are published (`Measure.objects.published()`)."""

    model = Measure
    kind = PLAN_KIND

    def queryset(self):
        return Measure.objects.published().select_related("action_field")

    def units(self, measure):
        yield Unit(
            title=str(measure),
            url=measure.get_absolute_url(),
            summary=joined(measure.goal, measure.action_field.title, measure.get_implementation_status_display()),
            body=plain(measure.description),
        )


@register
class DocumentAdapter(Adapter):
    """A document is the object itself (title, description) plus one unit per page of its PDF's text.

    Page units link to the download with `#page=N`, so a PDF viewer opens on that page.
    """

    model = Document
    kind = Kind("dokument", _("Dokumente"))

    def queryset(self):
        return Document.objects.published().select_related("event").prefetch_related("pages")

    def units(self, document):
        yield Unit(
            title=document.title,
            url=document.get_absolute_url(),
            summary=joined(
                document.get_kind_display(),
                plain(document.description),
                document.event.title if document.event_id and document.event.is_published else "",
            ),
            year=document.year,
        )
        download = reverse("documents:document-download", kwargs={"slug": document.slug})
        for page in document.pages.all():
            if page.text.strip():
                yield Unit(
                    title=document.title,
                    url=f"{download}#page={page.number}",
                    body=page.text,
                    year=document.year,
                    page=page.number,
                )
