"""Demo content of the participation app: a closed round for the 9th Experten-Forum (2024) and an open one.

Nothing here is a fact: how the topics of the 9th forum were chosen is not documented, so the round, its topics,
its points and its decisions are examples, marked „Beispiel“ on every page. They link to the 9th forum's demo
workshops and to demo measures of the plan (themselves examples). Idempotent: looked up by slug and updated.
"""

import datetime
import random
from datetime import timedelta
from zoneinfo import ZoneInfo

from django.utils import timezone

from documents.models import ActionField, Measure
from emscher_portal.core.confirmation import email_hash
from emscher_portal.core.models import Status
from forums.models import Event, Workshop
from participation.models import Ballot, BallotPoints, ModerationLogEntry, Round, Topic

BERLIN = ZoneInfo("Europe/Berlin")

CLOSED_ROUND = {
    "slug": "experten-forum-2024",
    "title": "Themen für das 9. Experten-Forum 2024 (Beispiel)",
    "introduction": (
        "*Beispiel:* So könnte eine Themenrunde aussehen, nachdem sie abgeschlossen ist. Wie die Themen des "
        "9. Experten-Forums tatsächlich gewählt wurden, ist hier nicht dokumentiert – Themen, Punkte und "
        "Entscheidungen sind erfunden."
    ),
    "proposals_open_at": datetime.datetime(2024, 3, 1, 9, 0, tzinfo=BERLIN),
    "proposals_close_at": datetime.datetime(2024, 4, 30, 18, 0, tzinfo=BERLIN),
    "weighing_open_at": datetime.datetime(2024, 5, 15, 9, 0, tzinfo=BERLIN),
    "weighing_close_at": datetime.datetime(2024, 6, 15, 18, 0, tzinfo=BERLIN),
    "closes_at": datetime.datetime(2024, 7, 15, 18, 0, tzinfo=BERLIN),
}

# (slug, title, description, action field number, decision, reason, workshop position, measure number)
CLOSED_TOPICS = [
    ("freiraeume-doppelt-nutzen", "Freiräume doppelt nutzen (Beispiel)",
     "Beispieltext: Parks und Plätze, die bei Starkregen Wasser aufnehmen – wie planen die Städte das gemeinsam "
     "mit den Grünflächenämtern?", 2, Topic.Decision.PROGRAMME,
     "Beispieltext: Die meisten Punkte; als Workshop ins Programm aufgenommen.", 1, "2.2"),
    ("notwasserwege", "Notwasserwege bei Starkregen (Beispiel)",
     "Beispieltext: Wohin fließt das Wasser, wenn der Kanal voll ist? Erfahrungen mit Notwasserwegen und "
     "Retentionsflächen.", 3, Topic.Decision.PROGRAMME,
     "Beispieltext: Viele Unterstützende aus mehreren Städten; als Workshop aufgenommen.", 2, "3.1"),
    ("regenwasser-gruenpflege", "Regenwasser für die Grünpflege (Beispiel)",
     "Beispieltext: Gesammeltes Regenwasser statt Trinkwasser für die Bewässerung von Stadtbäumen.", 1,
     Topic.Decision.NETWORK,
     "Beispieltext: Zu speziell für das Plenum; das Netzwerk Wirtschaftlichkeit arbeitet daran weiter.", None, "1.3"),
    ("schulhoefe-hitze", "Hitze auf Schulhöfen (Beispiel)",
     "Beispieltext: Schulhöfe heizen sich im Sommer stark auf. Was hilft schnell und günstig?", 3,
     Topic.Decision.DEFERRED, "Beispieltext: Für das nächste Forum vorgemerkt.", None, None),
]  # fmt: skip

MERGED_TOPIC = (
    "parks-als-retentionsraum",
    "Parks als Retentionsraum (Beispiel)",
    "Beispieltext: Wie viel Wasser darf ein Park bei Starkregen aufnehmen?",
    "freiraeume-doppelt-nutzen",
)

OPEN_ROUND = {
    "slug": "naechstes-experten-forum",
    "title": "Themen für das nächste Experten-Forum (Beispiel)",
    "introduction": (
        "*Beispiel:* Welche Themen soll das nächste Experten-Forum aufgreifen? Schlagen Sie eines vor – ohne "
        "Konto, nur mit einer E-Mail-Adresse zur Bestätigung. Diese Runde gehört zu den Demo-Inhalten."
    ),
}

OPEN_TOPICS = [
    ("starkregen-kommunikation", "Starkregen: Bürgerinnen und Bürger rechtzeitig warnen (Beispiel)",
     "Beispieltext: Wie erreichen Warnungen vor Starkregen die Menschen, bevor das Wasser kommt?", 3),
    ("baeume-im-strassenraum", "Bäume im Straßenraum mit Wasser versorgen (Beispiel)",
     "Beispieltext: Baumrigolen, Schwammstadt-Substrate und was die Städte damit erlebt haben.", 2),
]  # fmt: skip


def _log(round_, topic, action, text, when):
    ModerationLogEntry.objects.update_or_create(
        round=round_, topic=topic, action=action, defaults={"text": text, "created_at": when}
    )


def _load_closed_round():
    event = Event.objects.filter(slug="experten-forum-2024").first()
    round_, _created = Round.objects.update_or_create(
        slug=CLOSED_ROUND["slug"],
        defaults={**CLOSED_ROUND, "event": event, "status": Status.PUBLISHED, "is_example": True},
    )
    fields = {field.number: field for field in ActionField.objects.all()}
    measures = {measure.number: measure for measure in Measure.objects.all()}
    workshops = {workshop.position: workshop for workshop in Workshop.objects.filter(event=event)}
    submitted = CLOSED_ROUND["proposals_open_at"] + timedelta(days=10)
    approved = submitted + timedelta(days=3)
    decided = CLOSED_ROUND["weighing_close_at"] + timedelta(days=14)
    topics = {}
    for slug, title, description, field, decision, reason, workshop, measure in CLOSED_TOPICS:
        topic, _created = Topic.objects.update_or_create(
            round=round_,
            slug=slug,
            defaults={
                "title": title,
                "description": description,
                "action_field": fields.get(field),
                "moderation": Topic.Moderation.APPROVED,
                "submitted_at": submitted,
                "moderated_at": approved,
                "decision": decision,
                "decision_reason": reason,
                "decided_at": decided,
                "is_example": True,
                "contact_email": "",
            },
        )
        topic.workshops.set([workshops[workshop]] if workshop in workshops else [])
        topic.measures.set([measures[measure]] if measure in measures else [])
        topics[slug] = topic
        _log(round_, topic, ModerationLogEntry.Action.APPROVED, f"„{title}“ freigegeben.", approved)
        _log(
            round_,
            topic,
            ModerationLogEntry.Action.DECIDED,
            f"„{title}“: {topic.get_decision_display()}. {reason}",
            decided,
        )
    slug, title, description, into = MERGED_TOPIC
    merged, _created = Topic.objects.update_or_create(
        round=round_,
        slug=slug,
        defaults={
            "title": title,
            "description": description,
            "moderation": Topic.Moderation.MERGED,
            "moderation_reason": "Beispieltext: Beide Vorschläge fragen nach derselben Doppelnutzung von Freiräumen.",
            "merged_into": topics[into],
            "submitted_at": submitted,
            "moderated_at": CLOSED_ROUND["weighing_close_at"] + timedelta(days=2),
            "is_example": True,
            "contact_email": "",
        },
    )
    _log(
        round_,
        merged,
        ModerationLogEntry.Action.MERGED,
        f"„{title}“ zusammengeführt in „{topics[into].title}“: {merged.moderation_reason}",
        merged.moderated_at,
    )
    # Example ballots: 24 invented voters (their keys are hashes of invented addresses), the same on every load.
    chooser = random.Random(2024)
    weighable = [*topics.values(), merged]
    for number in range(24):
        ballot, _created = Ballot.objects.get_or_create(
            round=round_, voter_hash=email_hash(f"beispiel-{number}@example.invalid")
        )
        ballot.points.all().delete()
        budget = round_.points_budget
        points = {}
        for topic in chooser.sample(weighable, k=len(weighable)):
            value = min(budget, chooser.randint(0, round_.max_points_per_topic))
            if value:
                points[topic] = value
                budget -= value
        BallotPoints.objects.bulk_create(
            [BallotPoints(ballot=ballot, topic=topic, points=value) for topic, value in points.items()]
        )


def _load_open_round():
    now = timezone.now().replace(second=0, microsecond=0)
    start = now - timedelta(days=7)
    round_, _created = Round.objects.update_or_create(
        slug=OPEN_ROUND["slug"],
        defaults={
            **OPEN_ROUND,
            "status": Status.PUBLISHED,
            "is_example": True,
            "proposals_open_at": start,
            "proposals_close_at": start + timedelta(days=35),
            "weighing_open_at": start + timedelta(days=42),
            "weighing_close_at": start + timedelta(days=63),
            "closes_at": start + timedelta(days=90),
        },
    )
    fields = {field.number: field for field in ActionField.objects.all()}
    for slug, title, description, field in OPEN_TOPICS:
        topic, _created = Topic.objects.update_or_create(
            round=round_,
            slug=slug,
            defaults={
                "title": title,
                "description": description,
                "action_field": fields.get(field),
                "moderation": Topic.Moderation.APPROVED,
                "submitted_at": start + timedelta(days=1),
                "moderated_at": start + timedelta(days=2),
                "is_example": True,
            },
        )
        _log(round_, topic, ModerationLogEntry.Action.APPROVED, f"„{title}“ freigegeben.", start + timedelta(days=2))


def load():
    _load_closed_round()
    _load_open_round()
