"""/feeds/foren/: new and updated events as an Atom feed."""

from django.http import Http404
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from emscher_portal.core.feeds import FEED_SIZE, ContentFeed
from forums.models import Event


class EventFeed(ContentFeed):
    title = _("Emscher-Portal: Experten-Foren und Dezernententreffen")
    subtitle = _("Neue und aktualisierte Veranstaltungen der Zukunftsinitiative „Wasser in der Stadt von morgen“.")

    def link(self):
        return reverse("forums:event-list")

    def items(self):
        return Event.objects.published().select_related("host_city").order_by("-start_date", "-pk")[:FEED_SIZE]

    def item_description(self, item):
        parts = [str(item.date_display), item.motto, item.teaser]
        if item.host_city:
            parts.insert(1, item.host_city.name)
        return " – ".join(part for part in parts if part)


class EventKindFeed(EventFeed):
    """/feeds/foren/<art>/: only Experten-Foren, or only Dezernententreffen."""

    def get_object(self, request, kind):
        if kind not in Event.Kind.values:
            raise Http404
        return kind

    def title(self, kind):
        return _("Emscher-Portal: %(kind)s") % {"kind": Event.Kind(kind).label}

    def link(self, kind):
        return f"{reverse('forums:event-list')}?art={kind}"

    def items(self, kind):
        return (
            Event.objects.published()
            .of_kind(kind)
            .select_related("host_city")
            .order_by("-start_date", "-pk")[:FEED_SIZE]
        )
