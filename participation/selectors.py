"""Reads of the participation app, each with the select/prefetch its callers need."""

from dataclasses import dataclass, field

from django.db.models import Case, IntegerField, Prefetch, Q, Value, When
from django.utils import timezone

from documents.models import Document, Measure
from forums.models import ProgrammeItem, Workshop
from participation.models import BallotPoints, ModerationLogEntry, Round, Topic


def round_list_visible(*, user, now=None):
    """Rounds, the open ones first (proposing or weighing), then newest first."""
    now = now or timezone.now()
    open_now = Q(proposals_open_at__lte=now, weighing_close_at__gt=now)
    return (
        Round.objects.visible_to(user)
        .select_related("event")
        .annotate(open_first=Case(When(open_now, then=Value(0)), default=Value(1), output_field=IntegerField()))
        .order_by("open_first", "-proposals_open_at", "-pk")
    )


def round_list_open(*, now=None):
    """Published rounds a reader can take part in now (for the home page)."""
    return Round.objects.published().open_at(now).select_related("event").order_by("weighing_close_at")


def round_list_phase_begun(*, since, until):
    """Published rounds in which a phase began after `since` and not after `until`."""
    began = Q()
    for name in ("proposals_open_at", "proposals_close_at", "weighing_open_at", "weighing_close_at", "closes_at"):
        began |= Q(**{f"{name}__gt": since, f"{name}__lte": until})
    return Round.objects.published().filter(began)


def round_get_queryset(*, user):
    return Round.objects.visible_to(user).select_related("event")


def topic_list_for_round(round_):
    """The public, not merged topics of a round, with what their list shows."""
    return (
        Topic.objects.filter(round=round_).weighable().select_related("action_field", "network").order_by("title", "pk")
    )


def topic_list_public_for_round(round_):
    """All public topics of a round, merged ones included (the results count their points for their target)."""
    return (
        Topic.objects.filter(round=round_)
        .public()
        .select_related("round", "action_field", "network")
        .order_by("title", "pk")
    )


def topic_get_queryset_for_detail(round_):
    """Public topics of a round with everything „Was wurde daraus?“ shows."""
    return _topic_path_queryset(Topic.objects.filter(round=round_))


# What no page or PDF of a topic shows: the proposer's address and when the approval was mailed.
TOPIC_FIELDS_NOT_SHOWN = ("contact_email", "approval_mailed_at")


def topic_get_queryset_for_pdf(*, user):
    """Public topics of the rounds `user` may see, with everything „Was wurde daraus?“ shows (for the topic's PDF;
    the caller filters by round and topic). The proposer's address is never loaded, so it can neither show nor
    change the PDF's cache key when it is deleted (nor can the record of a sent mail)."""
    rounds = Round.objects.visible_to(user)
    return _topic_path_queryset(Topic.objects.filter(round__in=rounds)).defer(*TOPIC_FIELDS_NOT_SHOWN)


def _topic_path_queryset(topics):
    return (
        topics.public()
        .select_related("round", "round__event", "action_field", "network", "merged_into", "split_from")
        .prefetch_related(
            Prefetch("merged_topics", queryset=Topic.objects.public().order_by("title")),
            Prefetch("split_topics", queryset=Topic.objects.public().order_by("title")),
            Prefetch("workshops", queryset=Workshop.objects.select_related("event").order_by("event__start_date")),
            Prefetch(
                "programme_items", queryset=ProgrammeItem.objects.select_related("event").order_by("day", "position")
            ),
            Prefetch("documents", queryset=topic_documents_queryset()),
            Prefetch("measures", queryset=Measure.objects.published().select_related("action_field")),
        )
    )


def topic_documents_queryset():
    return Document.objects.published().order_by("-year", "title")


@dataclass
class ResultRow:
    topic: Topic
    points: int = 0
    supporters: set = field(default_factory=set)
    merged: list = field(default_factory=list)
    rank: int = 0
    share: float = 0.0

    @property
    def supporter_count(self):
        return len(self.supporters)


def round_results(round_, *, topics=None):
    """The ranking of a round: per topic that is not merged, the points of its own and of every topic merged into
    it, and the number of supporters (each voter counted once per topic, merged topics included). Two queries (one
    if `topics` — the round's public topics — is given)."""
    if topics is None:
        topics = list(Topic.objects.filter(round=round_).public().select_related("action_field", "network"))
    by_pk = {topic.pk: topic for topic in topics}

    def root(topic):
        seen = set()
        while topic.merged_into_id and topic.merged_into_id in by_pk and topic.pk not in seen:
            seen.add(topic.pk)
            topic = by_pk[topic.merged_into_id]
        return topic

    rows = {topic.pk: ResultRow(topic=topic) for topic in topics if not topic.merged_into_id}
    for topic in topics:
        if topic.merged_into_id and root(topic).pk in rows:
            rows[root(topic).pk].merged.append(topic)
    for ballot_id, topic_id, points in BallotPoints.objects.filter(ballot__round=round_).values_list(
        "ballot_id", "topic_id", "points"
    ):
        topic = by_pk.get(topic_id)
        if topic is None:
            continue
        row = rows.get(root(topic).pk)
        if row is None:
            continue
        row.points += points
        row.supporters.add(ballot_id)
    ranking = sorted(rows.values(), key=lambda row: (-row.points, -row.supporter_count, row.topic.title))
    top = max((row.points for row in ranking), default=0)
    for index, row in enumerate(ranking, start=1):
        row.rank = index
        row.share = round(100 * row.points / top, 2) if top else 0.0
    return ranking


def round_log(round_):
    return ModerationLogEntry.objects.filter(round=round_).select_related("topic__round").order_by("-created_at", "-pk")


def topic_ledger(*, user):
    """Every decided topic of the rounds the user may see, newest round first, with what came of it: the ledger
    across all rounds. A fixed number of queries, whatever the archive holds."""
    rounds = Round.objects.visible_to(user)
    return (
        Topic.objects.weighable()
        .filter(round__in=rounds)
        .exclude(decision="")
        .select_related("round", "round__event")
        .prefetch_related(
            Prefetch("workshops", queryset=Workshop.objects.select_related("event").order_by("event__start_date")),
            Prefetch("measures", queryset=Measure.objects.published().order_by("number")),
        )
        .order_by("-round__proposals_open_at", "round__pk", "decision", "title")
    )
