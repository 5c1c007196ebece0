"""Atom feeds of the documents app: new documents (/feeds/dokumente/), everything new of one network
(/feeds/netzwerke/<slug>/) and the measures and status changes of one Handlungsfeld (/feeds/handlungsfelder/<slug>/).

The network's feed lives here, not in `networks`, because it collects the network's events (forums) and its
documents and measures (this app) through the reverse relations those apps declare.
"""

import datetime

from django.contrib.auth.models import AnonymousUser
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from documents import plan_selectors
from documents.models import Document, Measure, MeasureStatusChange
from emscher_portal.core.feeds import FEED_SIZE, ContentFeed
from forums.models import Event
from networks.models import Network


class DocumentFeed(ContentFeed):
    title = _("Emscher-Portal: Dokumente")
    subtitle = _("Neue Dokumente der Zukunftsinitiative: Dokumentationen, Präsentationen und Positionspapiere.")

    def link(self):
        return reverse("documents:document-list")

    def items(self):
        return Document.objects.published().order_by("-created_at", "-pk")[:FEED_SIZE]

    def item_description(self, item):
        return f"{item.get_kind_display()}, {item.year}. {item.description}".strip()


class NetworkFeed(ContentFeed):
    """Everything new of one Experten-Netzwerk: its events, documents and measures, newest first. Three queries."""

    def get_object(self, request, slug):
        return get_object_or_404(Network.objects.published(), slug=slug)

    def title(self, network):
        return _("Emscher-Portal: Netzwerk „%(name)s“") % {"name": network.name}

    def subtitle(self, network):
        return _("Neue Veranstaltungen, Dokumente und Maßnahmen des Experten-Netzwerks „%(name)s“.") % {
            "name": network.name
        }

    def link(self, network):
        return network.get_absolute_url()

    def items(self, network):
        newest = ("-created_at", "-pk")
        events = Event.objects.published().filter(networks=network).select_related("host_city").order_by(*newest)
        documents = Document.objects.published().filter(networks=network).order_by(*newest)
        measures = Measure.objects.published().filter(networks=network).select_related("action_field")
        rows = [*events[:FEED_SIZE], *documents[:FEED_SIZE], *measures.order_by(*newest)[:FEED_SIZE]]
        return sorted(rows, key=lambda row: row.created_at, reverse=True)[:FEED_SIZE]

    def item_title(self, item):
        if isinstance(item, Measure):
            return _("Maßnahme %(number)s: %(title)s") % {"number": item.number, "title": item.title}
        return item.title

    def item_categories(self, item):
        if isinstance(item, Measure):
            return [str(_("Maßnahme")), str(item.action_field)]
        return [item.get_kind_display()]

    def item_description(self, item):
        if isinstance(item, Event):
            return " – ".join(part for part in (str(item.date_display), item.motto, item.teaser) if part)
        if isinstance(item, Measure):
            return f"{item.get_implementation_status_display()}. {item.goal}".strip()
        return f"{item.get_kind_display()}, {item.year}. {item.description}".strip()


class ActionFieldFeed(ContentFeed):
    """One Handlungsfeld of the current plan: its new measures and every change of a measure's status."""

    def get_object(self, request, slug):
        plan = plan_selectors.plan_get_current(user=AnonymousUser())
        if plan is None:
            raise Http404
        return get_object_or_404(plan.action_fields.all(), slug=slug)

    def title(self, field):
        return _("Emscher-Portal: Handlungsfeld %(field)s") % {"field": field}

    def subtitle(self, field):
        return _("Neue Maßnahmen und Änderungen des Umsetzungsstands im Handlungsfeld %(field)s.") % {"field": field}

    def link(self, field):
        return f"{reverse('documents:plan-detail')}?feld={field.number}"

    def items(self, field):
        measures = Measure.objects.published().filter(action_field=field).select_related("action_field")
        changes = (
            # A change without an earlier status is the measure's first one: the measure's own entry says it.
            MeasureStatusChange.objects.filter(measure__in=measures)
            .exclude(old_status="")
            .select_related("measure__action_field")
            .order_by("-created_at", "-pk")
        )
        rows = [*measures.order_by("-created_at", "-pk")[:FEED_SIZE], *changes[:FEED_SIZE]]
        return sorted(rows, key=lambda row: row.created_at, reverse=True)[:FEED_SIZE]

    def _measure(self, item):
        return item.measure if isinstance(item, MeasureStatusChange) else item

    def item_title(self, item):
        measure = self._measure(item)
        if isinstance(item, MeasureStatusChange):
            return _("Maßnahme %(number)s: %(status)s") % {
                "number": measure.number,
                "status": item.get_new_status_display(),
            }
        return _("Neue Maßnahme %(number)s: %(title)s") % {"number": measure.number, "title": measure.title}

    def item_link(self, item):
        return self._measure(item).get_absolute_url()

    def item_guid(self, item):
        kind = "status" if isinstance(item, MeasureStatusChange) else "massnahme"
        return f"{self.item_link(item)}#{kind}-{item.pk}"

    def item_guid_is_permalink(self, item):
        return False

    def item_pubdate(self, item):
        if isinstance(item, MeasureStatusChange):
            return timezone.make_aware(datetime.datetime.combine(item.changed_on, datetime.time(12)))
        return item.created_at

    def item_updateddate(self, item):
        return item.created_at if isinstance(item, MeasureStatusChange) else item.updated_at

    def item_categories(self, item):
        return [str(_("Statusänderung") if isinstance(item, MeasureStatusChange) else _("Maßnahme"))]

    def item_description(self, item):
        measure = self._measure(item)
        if isinstance(item, MeasureStatusChange):
            before = item.get_old_status_display() or "–"
            text = _("%(title)s: von „%(before)s“ zu „%(after)s“ am %(day)s.") % {
                "title": measure.title,
                "before": before,
                "after": item.get_new_status_display(),
                "day": item.changed_on.strftime("%d.%m.%Y"),
            }
            return f"{text} {item.note}".strip()
        return f"{measure.get_implementation_status_display()}. {measure.goal}".strip()
