from django.conf import settings
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.generic import DetailView

from emscher_portal.core.filtering import FilteredListView
from emscher_portal.core.site import SITE_SHORT_NAME
from emscher_portal.core.slugs import OldSlugRedirectMixin, former_slug_redirect
from forums import exports
from forums.forms import EventFilterForm
from forums.models import Event
from forums.selectors import (
    event_articles_prefetch,
    event_get_queryset_for_detail,
    event_host_cities,
    event_list_upcoming,
    event_list_visible,
    event_neighbours,
    event_programme_days,
    event_years,
)
from networks.models import Network


class EventListView(FilteredListView):
    """/foren/: the archive, newest first, filterable by ?jahr=, ?art= and ?stadt=.

    An unknown filter value answers 400 with the message at its field (core.filtering).
    """

    template_name = "forums/event_list.html"
    context_object_name = "events"
    paginate_by = 12

    def get_filter_form(self):
        user = self.request.user
        return EventFilterForm(
            self.request.GET, years=event_years(user=user), cities=list(event_host_cities(user=user))
        )

    def get_filtered_queryset(self, **filters):
        return event_list_visible(user=self.request.user, **filters)


class EventDetailView(OldSlugRedirectMixin, DetailView):
    template_name = "forums/event_detail.html"
    context_object_name = "event"

    def get_queryset(self):
        return event_get_queryset_for_detail(user=self.request.user).prefetch_related(event_articles_prefetch())

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        event = self.object
        context["previous_event"], context["next_event"] = event_neighbours(event=event, user=self.request.user)
        context["programme_days"] = event_programme_days(event)
        cover = event.cover_photo
        context["cover"] = cover
        # Absolute URLs from SITE_URL, like the canonical link and og:url in base.html.
        site_url = settings.SITE_URL.rstrip("/")
        context["page_url"] = site_url + event.get_absolute_url()
        context["cover_url"] = _absolute(site_url, cover.large["url"]) if cover else ""
        context["json_ld"] = exports.event_json_ld(event, url=context["page_url"], image_url=context["cover_url"])
        return context


def _absolute(site_url, url):
    """A media URL made absolute unless the storage already gives one (e.g. an S3 or CDN host)."""
    return url if "//" in url else site_url + url


def _ics_response(body, filename):
    response = HttpResponse(body, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


def event_ics(request, slug):
    """One event as iCalendar; only for events whose day is known (a calendar entry needs a day)."""
    visible = event_list_visible(user=request.user)
    event = visible.filter(slug=slug).first()
    if event is None and (redirect := former_slug_redirect(request, visible, slug)):
        return redirect
    if event is None or not event.is_day_known:
        raise Http404(_("Für diese Veranstaltung gibt es keinen Kalendereintrag."))
    base_url = settings.SITE_URL
    return _ics_response(exports.events_to_ical([event], base_url=base_url), f"{event.slug}.ics")


def upcoming_ics(request):
    """All published upcoming events as one calendar to subscribe to."""
    events = event_list_upcoming(today=timezone.localdate())
    base_url = settings.SITE_URL
    return _ics_response(
        exports.events_to_ical(events, base_url=base_url, name=f"{SITE_SHORT_NAME}: {_('Termine')}"), "termine.ics"
    )


def network_ics(request, slug):
    """/netzwerke/<slug>/termine.ics: the published events of a published network whose day is known."""
    network = get_object_or_404(Network.objects.published(), slug=slug)
    events = (
        Event.objects.published()
        .filter(networks=network, date_precision=Event.DatePrecision.DAY)
        .select_related("host_city")
        .order_by("start_date", "pk")
    )
    return _ics_response(
        exports.events_to_ical(events, base_url=settings.SITE_URL, name=f"{SITE_SHORT_NAME}: {network.name}"),
        f"{network.slug}.ics",
    )
