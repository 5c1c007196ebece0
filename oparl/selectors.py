"""What the OParl API reads: per object type the public rows, the rows that were public once (tombstones) and the
prefetches its serialiser needs, so a list page costs the same few queries whatever the archive holds.

"Public" is what the portal's pages show: published content, members who consented in a published network, the
programme of a published event. "Was public once" is read from the content history (django-simple-history keeps a
row per save): an object that is not public now but has a historical row in which it was, was withdrawn, and the
API keeps it as a tombstone (`deleted: true`, OParl 1.1 chapter 2.8). An object that was never public is unknown.
"""

from dataclasses import dataclass

from django.db.models import (
    BooleanField,
    Case,
    Count,
    Exists,
    F,
    Max,
    OuterRef,
    Prefetch,
    Q,
    Subquery,
    Sum,
    Value,
    When,
)
from django.db.models.functions import Coalesce, Greatest, Now

from documents.models import Document, DocumentPage, Measure
from emscher_portal.core.models import Status
from forums.models import Event, ProgrammeItem, Workshop
from networks.models import Member, Network
from participation.models import BallotPoints, Round, Topic

PUBLISHED = Status.PUBLISHED


def _history_exists(model, *, pk="pk", **condition):
    return Exists(model.history.model.objects.filter(id=OuterRef(pk), **condition))


def _child_max(model, fk, **condition):
    rows = model.objects.filter(**{fk: OuterRef("pk")}, **condition).order_by()
    return Subquery(rows.values(fk).annotate(newest=Max("updated_at")).values("newest")[:1])


def document_pages_prefetch():
    return Prefetch("pages", queryset=DocumentPage.objects.only("document_id", "number", "text"), to_attr="text_pages")


def published_documents_prefetch(lookup="documents"):
    """An event's (or measure's) published documents in a stable order, with their pages' text (`oparl_documents`)."""
    return Prefetch(
        lookup,
        queryset=Document.objects.published()
        .select_related("event")
        .prefetch_related(document_pages_prefetch())
        .order_by("pk"),
        to_attr="oparl_documents",
    )


def published_networks_prefetch(lookup="networks"):
    return Prefetch(lookup, queryset=Network.objects.published().only("pk").order_by("pk"), to_attr="oparl_networks")


@dataclass(frozen=True)
class ObjectType:
    """One OParl object type as the API serves it from one table."""

    model: type
    public: Q
    was_public: object  # an Exists() over the history
    modified: object = F("updated_at")
    select: tuple = ()
    prefetch: tuple = ()
    # For types kept in their own table: what made a historical row public (or a condition on the history's
    # deletion row itself). Rows deleted outright after they were public become tombstones from the history (None:
    # the type has no deletions of its own to report).
    public_in_history: object = None
    # Further annotations its serialiser reads, and fields never to load (the proposer's address of a topic).
    annotations: dict | None = None
    defer: tuple = ()

    def base(self):
        queryset = self.model.objects.annotate(
            oparl_public=Case(When(self.public, then=Value(True)), default=Value(False), output_field=BooleanField()),
            oparl_modified=self.modified,
            **(self.annotations or {}),
        )
        if self.select:
            queryset = queryset.select_related(*self.select)
        if self.defer:
            queryset = queryset.defer(*self.defer)
        return queryset.prefetch_related(*self.prefetch).order_by("pk")

    def live(self):
        """The public objects, as a list without `modified_since` shows them."""
        return self.base().filter(self.public)

    def deleted(self):
        """Rows deleted outright that were public once: their history's deletion row (`id`, `created_at`, and
        `oparl_modified` = the time of the deletion), by id. Empty for a type without `public_in_history`."""
        history = self.model.history.model
        if self.public_in_history is None:
            return history.objects.none()
        if isinstance(self.public_in_history, dict):
            published_once = Exists(history.objects.filter(id=OuterRef("id"), **self.public_in_history))
        else:
            published_once = self.public_in_history
        return (
            history.objects.filter(history_type="-")
            .filter(published_once)
            .exclude(id__in=self.model.objects.values("pk"))
            .annotate(oparl_modified=F("history_date"))
            .only("history_id", "id", "created_at", "history_date")
            .order_by("id", "-history_date")
        )

    def with_tombstones(self):
        """The public objects and those withdrawn since (as a list with `modified_since` shows them)."""
        return self.base().annotate(oparl_was_public=self.was_public).filter(self.public | Q(oparl_was_public=True))


def _meeting_modified():
    """An event's `modified`: its own change or the newest change of what it embeds (programme, workshops,
    documents), as OParl 1.1 asks for embedded objects."""
    return Greatest(
        F("updated_at"),
        Coalesce(_child_max(ProgrammeItem, "event"), F("updated_at")),
        Coalesce(_child_max(Workshop, "event"), F("updated_at")),
        Coalesce(_child_max(Document, "event", status=PUBLISHED), F("updated_at")),
    )


def _agenda_prefetch():
    # The model's own order (day with items without a day last, position, time), as on the event's page.
    return (Prefetch("programme_items", queryset=ProgrammeItem.objects.all()), Prefetch("workshops"))


def _meeting_prefetch():
    return (published_networks_prefetch(), *_agenda_prefetch(), published_documents_prefetch())


def event_with_agenda(pk):
    """The event with its programme and workshops prefetched (for the `order` of one agenda item)."""
    return Event.objects.prefetch_related(*_agenda_prefetch()).get(pk=pk)


MEETING = ObjectType(
    model=Event,
    public=Q(status=PUBLISHED),
    was_public=_history_exists(Event, status=PUBLISHED),
    public_in_history={"status": PUBLISHED},
    modified=_meeting_modified(),
    select=("host_city",),
    prefetch=_meeting_prefetch(),
)

LOCATION = ObjectType(
    model=Event,
    public=Q(status=PUBLISHED) & (~Q(venue="") | ~Q(address="") | Q(host_city__isnull=False)),
    was_public=_history_exists(Event, status=PUBLISHED),
    select=("host_city",),
)

ORGANIZATION = ObjectType(
    model=Network,
    public=Q(status=PUBLISHED),
    was_public=_history_exists(Network, status=PUBLISHED),
    public_in_history={"status": PUBLISHED},
    prefetch=(Prefetch("members", queryset=Member.objects.public().only("pk", "network_id"), to_attr="oparl_members"),),
)

PERSON = ObjectType(
    model=Member,
    public=Q(has_consented=True, network__status=PUBLISHED),
    was_public=_history_exists(Member, has_consented=True),
    public_in_history={"has_consented": True},
    modified=Greatest(F("updated_at"), F("network__updated_at")),
    select=("network",),
)

FILE = ObjectType(
    model=Document,
    public=Q(status=PUBLISHED),
    was_public=_history_exists(Document, status=PUBLISHED),
    public_in_history={"status": PUBLISHED},
    select=("event",),
    prefetch=(document_pages_prefetch(),),
)

PROGRAMME_ITEM = ObjectType(
    model=ProgrammeItem,
    public=Q(event__status=PUBLISHED),
    was_public=_history_exists(Event, pk="event_id", status=PUBLISHED),
    modified=Greatest(F("updated_at"), F("event__updated_at")),
    select=("event",),
)

WORKSHOP = ObjectType(
    model=Workshop,
    public=Q(event__status=PUBLISHED),
    was_public=_history_exists(Event, pk="event_id", status=PUBLISHED),
    modified=Greatest(F("updated_at"), F("event__updated_at")),
    select=("event",),
)

MEASURE = ObjectType(
    model=Measure,
    public=Q(status=PUBLISHED, action_field__plan__status=PUBLISHED),
    was_public=_history_exists(Measure, status=PUBLISHED),
    public_in_history={"status": PUBLISHED},
    select=("action_field", "origin_event"),
    prefetch=(
        published_networks_prefetch(),
        Prefetch(
            "documents", queryset=Document.objects.published().only("pk").order_by("pk"), to_attr="oparl_documents"
        ),
    ),
)


# -- The extension: topics of a round ------------------------------------------------

TOPIC_PUBLIC_MODERATION = [Topic.Moderation.APPROVED, Topic.Moderation.MERGED]


def _topic_ballots(aggregate):
    """Per topic: `aggregate` over the points given to it and to the public topics merged into it (one level, as
    the round's results count them for the topic they were merged into). All rows belong to one round."""
    rows = (
        BallotPoints.objects.filter(
            Q(topic=OuterRef("pk"))
            | Q(topic__merged_into=OuterRef("pk"), topic__moderation__in=TOPIC_PUBLIC_MODERATION)
        )
        .order_by()
        .values("ballot__round")
        .annotate(value=aggregate)
        .values("value")
    )
    return Coalesce(Subquery(rows[:1]), Value(0))


ROUND_PHASE_STARTS = ("proposals_open_at", "proposals_close_at", "weighing_open_at", "weighing_close_at", "closes_at")


def _topic_modified():
    """A topic's own change, its round's (its name is embedded), and the start of each phase of the round that has
    begun (the topic shows the phase; from the end of the weighing on, its points)."""
    begun = [
        Case(When(**{f"round__{name}__lte": Now()}, then=F(f"round__{name}")), default=F("updated_at"))
        for name in ROUND_PHASE_STARTS
    ]
    return Greatest(F("updated_at"), F("round__updated_at"), *begun)


def _topic_was_public(pk):
    """A topic was public when it was approved (or merged) while its round was published. Either of the two can
    come last, so both histories are read: a public row of the topic whose round was published at that moment, or a
    published row of the round while the topic was approved at that moment. `pk` names the topic's id in the outer
    query (`pk` on the table, `id` on a row of the topic's history)."""
    topic_history, round_history = Topic.history.model, Round.history.model

    def newest(history, **condition):
        return history.objects.filter(**condition).order_by("-history_date", "-history_id")

    round_status_then = newest(round_history, id=OuterRef("round_id"), history_date__lte=OuterRef("history_date"))
    approved_in_published_round = (
        topic_history.objects.filter(id=OuterRef(pk), moderation__in=TOPIC_PUBLIC_MODERATION)
        .annotate(round_status_then=Subquery(round_status_then.values("status")[:1]))
        .filter(round_status_then=PUBLISHED)
    )
    topic_then = newest(topic_history, id=OuterRef(OuterRef(pk)), history_date__lte=OuterRef("history_date"))
    published_with_topic_approved = (
        round_history.objects.filter(id=OuterRef("round_id"), status=PUBLISHED)
        .annotate(moderation_then=Subquery(topic_then.values("moderation")[:1]))
        .filter(moderation_then__in=TOPIC_PUBLIC_MODERATION)
    )
    return Exists(approved_in_published_round) | Exists(published_with_topic_approved)


TOPIC = ObjectType(
    model=Topic,
    public=Q(round__status=PUBLISHED, moderation__in=TOPIC_PUBLIC_MODERATION),
    was_public=_topic_was_public("pk"),
    public_in_history=_topic_was_public("id"),
    modified=_topic_modified(),
    select=("round", "action_field", "network", "merged_into", "split_from"),
    # Never the proposer's address (nor anything derived from it): it is not even loaded.
    defer=tuple(
        f"{prefix}{name}"
        for prefix in ("", "merged_into__", "split_from__")
        for name in ("contact_email", "approval_mailed_at")
    ),
    annotations={
        "oparl_points": _topic_ballots(Sum("points")),
        "oparl_supporters": _topic_ballots(Count("ballot", distinct=True)),
    },
    prefetch=(
        Prefetch(
            "programme_items",
            queryset=ProgrammeItem.objects.filter(event__status=PUBLISHED).only("pk", "event_id").order_by("pk"),
            to_attr="oparl_programme_items",
        ),
        Prefetch(
            "workshops",
            queryset=Workshop.objects.filter(event__status=PUBLISHED).only("pk", "event_id").order_by("pk"),
            to_attr="oparl_workshops",
        ),
        Prefetch(
            "measures",
            queryset=Measure.objects.filter(MEASURE.public).only("pk").order_by("pk"),
            to_attr="oparl_measures",
        ),
        Prefetch(
            "documents", queryset=Document.objects.published().only("pk").order_by("pk"), to_attr="oparl_documents"
        ),
    ),
)
