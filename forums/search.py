"""What the forum archive contributes to the site search: events, their programme items and workshops."""

from django.utils.translation import gettext_lazy as _

from emscher_portal.core.models import Status
from emscher_portal.core.search.registry import Adapter, Kind, Unit, group_key, joined, plain, register
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
    """Programme items are found while their event is published; below their event, and the same item at several
    events (a keynote of the same title, the coffee break) is one hit listing those events."""

    model = ProgrammeItem
    kind = Kind("programmpunkt", _("Programmpunkte"), places_label=_("Im Programm von"))

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
            group_key=group_key(item.title),
            parent=item.event,
            parent_title=item.event.title,
        )


@register
class WorkshopAdapter(Adapter):
    """Workshops are found while their event is published, below their event."""

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
            parent=workshop.event,
            parent_title=workshop.event.title,
        )
