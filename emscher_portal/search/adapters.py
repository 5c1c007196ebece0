"""What each content type contributes to the search index.

Each adapter's `queryset()` is the set of objects the public may find; anything else (drafts, withdrawn objects,
children of an unpublished event, members without consent) never gets an index row.
"""

import html

from django.urls import reverse
from django.utils.html import strip_tags

from emscher_portal.markup import markdown_to_html
from emscher_portal.models import SearchEntry, Status

from .registry import Adapter, Unit, register


def plain(markdown_text):
    """Editor Markdown as the plain words a reader sees."""
    return html.unescape(strip_tags(markdown_to_html(markdown_text or "")))


def joined(*parts, sep=" · "):
    return sep.join(str(part) for part in parts if part)


@register
class NetworkAdapter(Adapter):
    model = "networks.Network"
    kind = SearchEntry.Kind.NETWORK

    def queryset(self):
        return self.get_model().objects.published()

    def units(self, network):
        yield Unit(
            title=network.name,
            url=network.get_absolute_url(),
            summary=network.purpose,
            body=plain(network.body),
        )


@register
class MemberAdapter(Adapter):
    """Members are found only with their consent, and only while their network is published."""

    model = "networks.Member"
    kind = SearchEntry.Kind.MEMBER
    depends_on = (
        ("networks.Network", "network"),
        ("networks.Municipality", "municipality"),
        ("networks.Discipline", "discipline"),
    )

    def queryset(self):
        return (
            self.get_model()
            .objects.public()
            .filter(network__status=Status.PUBLISHED)
            .select_related("network", "municipality", "discipline")
        )

    def units(self, member):
        yield Unit(
            title=member.name,
            url=f"{member.network.get_absolute_url()}#network-members-title",
            summary=joined(member.role, member.organisation, member.municipality, member.discipline),
            body=member.network.name,
        )


@register
class EventAdapter(Adapter):
    model = "forums.Event"
    kind = SearchEntry.Kind.EVENT
    depends_on = (("networks.Municipality", "host_city"),)

    def queryset(self):
        return self.get_model().objects.published().select_related("host_city")

    def units(self, event):
        yield Unit(
            title=event.title,
            url=event.get_absolute_url(),
            summary=joined(event.motto, event.teaser, event.edition_label, event.host_city, event.venue),
            body=plain(event.body),
            date=event.start_date,
            date_text=event.date_display,
        )


@register
class ProgrammeItemAdapter(Adapter):
    model = "forums.ProgrammeItem"
    kind = SearchEntry.Kind.PROGRAMME_ITEM
    depends_on = (("forums.Event", "event"),)

    def queryset(self):
        return self.get_model().objects.filter(event__status=Status.PUBLISHED).select_related("event")

    def units(self, item):
        yield Unit(
            title=item.title,
            url=f"{item.event.get_absolute_url()}#programm",
            summary=joined(item.get_kind_display(), item.speakers, item.event.title),
            body=item.description,
            date=item.event.start_date,
            date_text=item.event.date_display,
        )


@register
class WorkshopAdapter(Adapter):
    model = "forums.Workshop"
    kind = SearchEntry.Kind.WORKSHOP
    depends_on = (("forums.Event", "event"),)

    def queryset(self):
        return self.get_model().objects.filter(event__status=Status.PUBLISHED).select_related("event")

    def units(self, workshop):
        yield Unit(
            title=workshop.title,
            url=f"{workshop.event.get_absolute_url()}#workshop-{workshop.pk}",
            summary=joined(workshop.moderation, workshop.event.title),
            body=joined(plain(workshop.description), plain(workshop.results), sep="\n"),
            date=workshop.event.start_date,
            date_text=workshop.event.date_display,
        )


@register
class PlanAdapter(Adapter):
    model = "documents.Plan"
    kind = SearchEntry.Kind.MEASURE

    def queryset(self):
        return self.get_model().objects.published()

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

    model = "documents.Measure"
    kind = SearchEntry.Kind.MEASURE
    depends_on = (("documents.Plan", "action_field__plan"), ("documents.ActionField", "action_field"))

    def queryset(self):
        return self.get_model().objects.published().select_related("action_field")

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

    model = "documents.Document"
    kind = SearchEntry.Kind.DOCUMENT
    depends_on = (("forums.Event", "event"),)

    def queryset(self):
        return self.get_model().objects.published().select_related("event").prefetch_related("pages")

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
