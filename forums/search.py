"""What the forum archive contributes to the site search: events, their programme items and workshops."""

from django.utils.translation import gettext_lazy as _

from emscher_portal.core.models import Status
from emscher_portal.core.search.registry import Adapter, Kind, Unit, joined, plain, register
from forums.models import Event, ProgrammeItem, Workshop


@register
class EventAdapter(Adapter):
    model = Event
    kind = Kind("veranstaltung", _("Veranstaltungen"))

    def queryset(self):
        return Event.objects.published().select_related("host_city")

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
    """Programme items are found while their event is published."""

    model = ProgrammeItem
    kind = Kind("programmpunkt", _("Programmpunkte"))

    def queryset(self):
        return ProgrammeItem.objects.filter(event__status=Status.PUBLISHED).select_related("event")

    def units(self, item):
        yield Unit(
            title=item.title,
            url=f"{item.event.get_absolute_url()}#programm",
            summary=joined(item.get_kind_display(), item.speakers, item.event.title),
            body=item.description,
            date=item.day or item.event.start_date,
            date_text=item.day_display or item.event.date_display,
        )


@register
class WorkshopAdapter(Adapter):
    """Workshops are found while their event is published."""

    model = Workshop
    kind = Kind("workshop", _("Workshops"))

    def queryset(self):
        return Workshop.objects.filter(event__status=Status.PUBLISHED).select_related("event")

    def units(self, workshop):
        yield Unit(
            title=workshop.title,
            url=f"{workshop.event.get_absolute_url()}#workshop-{workshop.pk}",
            summary=joined(workshop.moderation, workshop.event.title),
            body=joined(plain(workshop.description), plain(workshop.results), sep="\n"),
            date=workshop.event.start_date,
            date_text=workshop.event.date_display,
        )
