"""What a change of a participation model affects (read by the change map, `emscher_portal.core.changes`).

Participation declares both sides of its links: a topic's page shows its workshops, programme items, documents and
measures, and their pages (the forum's, the measure's) link back to the topics they came from. The round's and the
topic's PDFs (participation/pdf.py) print the names of those things, so a change of one of them prerenders the PDFs
of the topics (and rounds) that print it.
"""

from django.db import transaction
from django.db.models.signals import post_save

from documents.models import ActionField, Document, Measure, MeasureStatusChange
from emscher_portal.core.changes import affects, ignore
from emscher_portal.core.scheduling import page_change_times, schedule_refresh
from forums.models import Event, ProgrammeItem, Workshop
from networks.models import Network
from participation.models import Ballot, BallotPoints, ModerationLogEntry, Round, Topic


@affects(Round)
def round_affects(round_):
    yield from round_.topics.all()
    if round_.event_id:
        yield round_.event  # the forum's page says when its round is open


@affects(Topic)
def topic_affects(topic):
    yield topic.round
    if topic.merged_into_id:
        yield topic.merged_into
    if topic.split_from_id:
        yield topic.split_from
    for workshop in topic.workshops.select_related("event"):
        yield workshop.event
    for item in topic.programme_items.select_related("event"):
        yield item.event
    yield from topic.measures.all()


@affects(ModerationLogEntry)
def log_entry_affects(entry):
    yield entry.round


@affects(Event)
def event_affects(event):
    # A round's PDF names its forum; a topic's PDF the forum of its workshops and programme items.
    yield from event.topic_rounds.all()
    yield from Topic.objects.filter(workshops__event=event).distinct()
    yield from Topic.objects.filter(programme_items__event=event).distinct()


@affects(Workshop, ProgrammeItem, Document, Measure, ActionField, Network)
def linked_affects(linked):
    # „Was wurde daraus?“ (page and PDF) names the workshop, programme item, document, measure (with its status),
    # Handlungsfeld and network of a topic; the round's PDF the Handlungsfeld and network of each topic.
    yield from linked.topics.all()


@affects(ActionField, Network)
def topic_label_affects(label):
    # The round's PDF prints each topic's Handlungsfeld and network.
    yield from Round.objects.filter(topics__in=label.topics.all()).distinct()


@affects(MeasureStatusChange)
def measure_status_affects(change):
    # The topic's page and PDF show the current status of the measure it became.
    yield from change.measure.topics.all()


# A ballot changes the results only once they are public, which is a phase boundary in time, not a change.
ignore(Ballot, reason="ballots show only as the results of a round, which are read afresh per page")
ignore(BallotPoints, reason="points of a ballot; see Ballot")


PHASE_FIELDS = ("proposals_open_at", "proposals_close_at", "weighing_open_at", "weighing_close_at", "closes_at")


@page_change_times
def round_phase_changes(now):
    """A round's pages, the home page and its forum's page change when a phase begins, without any save."""
    for times in Round.objects.published().filter(closes_at__gt=now).values_list(*PHASE_FIELDS):
        yield from (moment for moment in times if moment > now)


def _round_saved(sender, instance, raw=False, **kwargs):
    if not raw:
        transaction.on_commit(schedule_refresh, robust=True)


post_save.connect(_round_saved, sender=Round, dispatch_uid="participation-round-phases")
