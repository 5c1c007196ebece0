"""Reads for the network pages.

networks must not import forums or documents: the events, workshops, measures and documents of a network are
reached through the reverse relations those apps declare (`network.events`, `network.workshops`,
`network.measures`, `network.documents`); their models are looked up through those relations.
"""

from django.db.models import Count, Prefetch

from emscher_portal.core.models import Status
from emscher_portal.core.relations import published_reverse_prefetch, reverse_related_model
from networks.models import Discipline, Member, Network

NETWORK_DOCUMENTS_SHOWN = 10


def published_networks():
    """Published networks with what a link to one needs (name, slug; position for their order)."""
    return Network.objects.published().only("name", "slug", "position")


def network_list(*, user):
    """Networks the user may see, in editorial order, with `member_count` (all members: the size of the network,
    no names) and `shown_disciplines`. Two queries."""
    return (
        Network.objects.visible_to(user)
        .annotate(member_count=Count("members", distinct=True))
        # Meta.ordering does not apply to a GROUP BY query; say it again.
        .order_by("position", "name")
        .prefetch_related(Prefetch("disciplines", queryset=Discipline.objects.all(), to_attr="shown_disciplines"))
    )


def network_get_queryset_for_detail(*, user):
    """Networks the user may see, for the detail page. Prefetched (each to_attr a list):
    `shown_disciplines`; `public_members` (consenting members only, with municipality and discipline);
    `member_count` annotated; `timeline_events` (published events with host city), `timeline_workshops` (workshops
    of published events, with their event), `shown_measures` (published measures of a published plan, with their
    field), `newest_documents` (the newest published documents, at most NETWORK_DOCUMENTS_SHOWN + 1 — use
    `network_documents_shown` to split them)."""
    event_model = reverse_related_model(Network, "events")
    workshop_model = reverse_related_model(Network, "workshops")
    measure_model = reverse_related_model(Network, "measures")
    document_model = reverse_related_model(Network, "documents")
    # A network may have hundreds of documents: show the newest few, one more tells the page to link to the rest.
    newest_documents = document_model.objects.published().order_by("-year", "-created_at", "-pk")
    prefetches = [
        Prefetch("disciplines", queryset=Discipline.objects.all(), to_attr="shown_disciplines"),
        Prefetch(
            "members",
            queryset=Member.objects.public().select_related("municipality", "discipline"),
            to_attr="public_members",
        ),
        Prefetch(
            "events",
            queryset=event_model.objects.published().select_related("host_city"),
            to_attr="timeline_events",
        ),
        Prefetch(
            "workshops",
            queryset=workshop_model.objects.filter(event__status=Status.PUBLISHED).select_related("event__host_city"),
            to_attr="timeline_workshops",
        ),
        Prefetch(
            "measures",
            queryset=measure_model.objects.published().select_related("action_field"),
            to_attr="shown_measures",
        ),
        Prefetch(
            "documents",
            queryset=newest_documents[: NETWORK_DOCUMENTS_SHOWN + 1],
            to_attr="newest_documents",
        ),
    ]
    return (
        Network.objects.visible_to(user)
        .annotate(member_count=Count("members", distinct=True))
        .prefetch_related(*prefetches)
    )


def network_documents_shown(network):
    """(the documents the network page lists, whether there are more) from the prefetched `newest_documents`."""
    documents = network.newest_documents
    return documents[:NETWORK_DOCUMENTS_SHOWN], len(documents) > NETWORK_DOCUMENTS_SHOWN


def network_timeline(network):
    """The network's path through the years: one entry per event it took part in (as a whole or in workshops),
    newest year first, each `{"year", "entries": [{"event", "is_participant", "workshops"}]}`.
    Uses only the prefetched `timeline_events` / `timeline_workshops`; no query."""
    entries = {}
    for event in network.timeline_events:
        entries.setdefault(event.pk, {"event": event, "is_participant": False, "workshops": []})
        entries[event.pk]["is_participant"] = True
    for workshop in network.timeline_workshops:
        entry = entries.setdefault(
            workshop.event_id, {"event": workshop.event, "is_participant": False, "workshops": []}
        )
        entry["workshops"].append(workshop)
    years = {}
    for entry in sorted(entries.values(), key=lambda item: (item["event"].start_date, item["event"].pk)):
        years.setdefault(entry["event"].start_date.year, []).append(entry)
    return [{"year": year, "entries": year_entries} for year, year_entries in sorted(years.items(), reverse=True)]


def network_articles_prefetch():
    """The published articles about a network, newest first, with their rubric, as `article_list` (through the
    reverse relation the articles app declares). For the page only: the PDF does not list them. One query."""
    return published_reverse_prefetch(
        Network, "articles", to_attr="article_list", order_by=("-date", "-pk"), select_related=("rubric",)
    )
