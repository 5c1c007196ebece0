"""Reads of the forums app, each with the select/prefetch its callers need."""

from dataclasses import dataclass

from django.db.models import Prefetch, Q
from django.utils.translation import gettext as _

from emscher_portal.core.relations import published_reverse_prefetch, reverse_related_model
from forums.models import Event, Photo, ProgrammeItem, Workshop
from networks.models import Municipality
from networks.selectors import published_networks


def event_list_visible(*, user, year=None, kind=None, city=None):
    """Events `user` may see, newest first, filtered; with `host_city` and `gallery` (for `cover_photo`) loaded."""
    queryset = Event.objects.visible_to(user)
    if year is not None:
        queryset = queryset.in_year(year)
    if kind:
        queryset = queryset.of_kind(kind)
    if city is not None:
        queryset = queryset.filter(host_city=city)
    return queryset.select_related("host_city").prefetch_related(photos_prefetch())


def photos_prefetch():
    """An event's photos in order as `gallery`; Event.cover_photo picks the cover from it."""
    return Prefetch("photos", queryset=Photo.objects.order_by("position", "pk"), to_attr="gallery")


def event_years(*, user):
    """The years that have events `user` may see, newest first."""
    return [day.year for day in Event.objects.visible_to(user).dates("start_date", "year", order="DESC")]


def event_host_cities(*, user):
    """Municipalities that hosted an event `user` may see."""
    events = Event.objects.visible_to(user)
    return Municipality.objects.filter(events__in=events).distinct().order_by("name")


def event_get_queryset_for_detail(*, user):
    """The queryset a detail page reads one event from, everything the page shows loaded up front:

    `host_city`; `programme` (ProgrammeItems in order), `workshop_list` (Workshops with `network_list`, the
    published networks), `gallery` (Photos in order), `network_list` (published networks), `document_list` (the
    published documents of the library, newest year first, then by title), `measure_list` (the published measures
    of the Maßnahmenplan that arose at the event, in the plan's order) — both read through the reverse relations the
    documents app declares; `round_list` (published rounds of topics for it) and each workshop's `topic_list` (the
    public topics it took up) — both declared by participation.
    """
    documents = reverse_related_model(Event, "documents").objects.published().order_by("-year", "title")
    measures = reverse_related_model(Event, "measures").objects.published()
    # The rounds of topics for this event and the topics its workshops took up (participation declares both).
    rounds = reverse_related_model(Event, "topic_rounds").objects.published().order_by("-proposals_open_at")
    topics = (
        reverse_related_model(Workshop, "topics")
        .objects.public()
        .filter(round__status="published")
        .select_related("round")
        .order_by("title")
    )
    return (
        Event.objects.visible_to(user)
        .select_related("host_city")
        .prefetch_related(
            Prefetch(
                "programme_items",
                queryset=ProgrammeItem.objects.order_by("position", "start_time", "pk"),
                to_attr="programme",
            ),
            Prefetch(
                "workshops",
                queryset=Workshop.objects.prefetch_related(
                    Prefetch("networks", queryset=published_networks(), to_attr="network_list"),
                    Prefetch("topics", queryset=topics, to_attr="topic_list"),
                ),
                to_attr="workshop_list",
            ),
            photos_prefetch(),
            Prefetch("networks", queryset=published_networks(), to_attr="network_list"),
            Prefetch("documents", queryset=documents, to_attr="document_list"),
            Prefetch("measures", queryset=measures, to_attr="measure_list"),
            Prefetch("topic_rounds", queryset=rounds, to_attr="round_list"),
        )
    )


@dataclass(frozen=True)
class ProgrammeDay:
    """Programme items of one day; `heading` is None where the programme is not divided into days."""

    heading: str | None
    anchor: str
    caption: str
    items: list


def event_programme_days(event):
    """The programme of `event` (its prefetched `programme`, see event_get_queryset_for_detail), divided by day.

    An event of several days whose items have days gets one group per day in date order, headed „Mittwoch,
    9. Oktober 2024“, and a last group „Ohne Tagesangabe“ for items without one. Any other event gets a single
    group without a heading, in the programme's own order, as a one-day programme always looked. No query.
    """
    items = event.programme
    if not items:
        return []

    def caption(when):
        return _("Programm: %(label)s, %(when)s") % {"label": event.edition_label, "when": when}

    if not (event.is_multi_day and any(item.day for item in items)):
        return [ProgrammeDay(heading=None, anchor="programm", caption=caption(event.date_display), items=list(items))]
    days = {}
    for item in items:  # within a day the programme's own order (position, time) stays
        days.setdefault(item.day, []).append(item)
    ordered = sorted(days.items(), key=lambda entry: (entry[0] is None, entry[0]))
    groups = []
    for day, day_items in ordered:
        heading = day_items[0].day_display if day else _("Ohne Tagesangabe")
        anchor = f"programm-{day:%Y-%m-%d}" if day else "programm-ohne-tag"
        groups.append(ProgrammeDay(heading=heading, anchor=anchor, caption=caption(heading), items=day_items))
    return groups


def event_neighbours(*, event, user):
    """(previous, next) event of the same kind that `user` may see, in date order; either may be None."""
    same_kind = Event.objects.visible_to(user).of_kind(event.kind).only("title", "slug", "start_date", "kind")
    earlier = Q(start_date__lt=event.start_date) | Q(start_date=event.start_date, pk__lt=event.pk)
    later = Q(start_date__gt=event.start_date) | Q(start_date=event.start_date, pk__gt=event.pk)
    previous = same_kind.filter(earlier).order_by("-start_date", "-pk").first()
    following = same_kind.filter(later).order_by("start_date", "pk").first()
    return previous, following


def event_list_archived(*, user, today):
    """Events `user` may see that are over (see EventQuerySet.past), newest first, loaded as event_list_visible."""
    return event_list_visible(user=user).past(today)


def event_list_upcoming(*, today):
    """Published upcoming events with a known day, soonest first, with `host_city` (for the subscribable calendar)."""
    return Event.objects.published().upcoming(today).select_related("host_city").order_by("start_date", "pk")


def event_articles_prefetch():
    """The published articles about an event, newest first, with their rubric, as `article_list` (through the
    reverse relation the articles app declares). For the page only: the PDF does not list them. One query."""
    return published_reverse_prefetch(
        Event, "articles", to_attr="article_list", order_by=("-date", "-pk"), select_related=("rubric",)
    )
