"""Writes of the participation app: proposing, moderating, merging, splitting, deciding, weighing."""

import re

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from emscher_portal.core.confirmation import confirmation_request, email_hash
from emscher_portal.core.text import german_slugify
from participation.models import TOPIC_RESERVED_SLUGS, Ballot, BallotPoints, ModerationLogEntry, Round, Topic
from participation.tasks import topic_send_news

PROPOSAL_PURPOSE = "participation.proposal"
BALLOT_PURPOSE = "participation.ballot"


def round_allowlist_from_addresses(text):
    """The keyed hashes of the addresses in `text` (one or more per line, separated by spaces, commas or
    semicolons), for Round.voter_allowlist; the addresses themselves are not kept."""
    addresses = [part for part in re.split(r"[\s,;]+", text or "") if "@" in part]
    return sorted({email_hash(address) for address in addresses})


def topic_slug_for(round_, title, *, exclude_pk=None):
    base = (german_slugify(title) or "thema")[:190].strip("-")
    taken = (
        set(
            Topic.objects.filter(round=round_, slug__startswith=base)
            .exclude(pk=exclude_pk)
            .values_list("slug", flat=True)
        )
        | TOPIC_RESERVED_SLUGS
    )
    candidate, number = base, 2
    while candidate in taken:
        candidate = f"{base}-{number}"
        number += 1
    return candidate


def topic_propose(*, round_, title, description, email, action_field=None, network=None, public_name="", client_ip=""):
    """Store a proposal, unconfirmed, and send its confirmation mail.

    The address is not stored with the topic until it is confirmed (core.confirmation keeps it until then). A limit
    that refuses the request (ConfirmationRefused) leaves nothing behind. An unconfirmed topic is deleted with its
    request (participation/confirmations.py)."""
    if not round_.accepts_proposals:
        raise ValidationError(_("In dieser Themenrunde werden gerade keine Vorschläge gesammelt."), code="closed")
    topic = Topic.objects.create(
        round=round_,
        title=title,
        slug=topic_slug_for(round_, title),
        description=description,
        action_field=action_field,
        network=network,
        public_name=public_name,
        moderation=Topic.Moderation.UNCONFIRMED,
    )
    try:
        confirmation_request(purpose=PROPOSAL_PURPOSE, email=email, payload={"topic": topic.pk}, client_ip=client_ip)
    except Exception:
        topic.delete()
        raise
    return topic


def topic_submit(*, topic, email):
    """The proposer confirmed the address: the topic waits for the working group; the address is kept to tell the
    proposer what became of it."""
    topic.moderation = Topic.Moderation.SUBMITTED
    topic.submitted_at = timezone.now()
    topic.contact_email = email
    topic.save(update_fields=["moderation", "submitted_at", "contact_email", "updated_at"])


def _log(topic, action, text, *, round_=None):
    ModerationLogEntry.objects.create(round=round_ or topic.round, topic=topic, action=action, text=text)


def topic_approve(*, topic):
    """Make a submitted topic public and tell its proposer."""
    with transaction.atomic():
        topic.moderation = Topic.Moderation.APPROVED
        topic.moderated_at = timezone.now()
        topic.save()
        _log(topic, ModerationLogEntry.Action.APPROVED, _("„%(title)s“ freigegeben.") % {"title": topic.title})
        topic_send_news.enqueue(topic.pk, "approved", False)


def topic_decline(*, topic, reason):
    """Do not publish a proposal; the proposer gets the reason. Not in the public log: the topic never was public."""
    if not reason.strip():
        raise ValidationError(_("Bitte geben Sie eine Begründung an."), code="reason")
    with transaction.atomic():
        topic.moderation = Topic.Moderation.DECLINED
        topic.moderation_reason = reason
        topic.moderated_at = timezone.now()
        topic.save()
        topic_send_news.enqueue(topic.pk, "declined", True)


def topic_merge(*, topics, into, reason):
    """Merge `topics` into `into`: they stay public and point to it; their points count for it (each voter once,
    see selectors.round_results). Each proposer is told, with the reason."""
    if not reason.strip():
        raise ValidationError(_("Bitte geben Sie eine Begründung an."), code="reason")
    with transaction.atomic():
        for topic in topics:
            if topic.pk == into.pk:
                continue
            if topic.round_id != into.round_id:
                raise ValidationError(_("Nur Themen derselben Runde lassen sich zusammenführen."), code="round")
            topic.moderation = Topic.Moderation.MERGED
            topic.merged_into = into
            topic.moderation_reason = reason
            topic.moderated_at = timezone.now()
            topic.save()
            # Topics merged earlier into this one now point to the new target too.
            Topic.objects.filter(merged_into=topic).update(merged_into=into)
            _log(
                topic,
                ModerationLogEntry.Action.MERGED,
                _("„%(title)s“ zusammengeführt in „%(into)s“: %(reason)s")
                % {"title": topic.title, "into": into.title, "reason": reason},
            )
            topic_send_news.enqueue(topic.pk, "merged", True)


def topic_split(*, topic, titles, reason):
    """Split `topic` into new approved topics, one per title; each keeps the link to its origin. The original stays
    public (its ballots stay with it)."""
    titles = [title.strip() for title in titles if title.strip()]
    if len(titles) < 2:
        raise ValidationError(_("Zum Aufteilen braucht es mindestens zwei neue Titel."), code="titles")
    created = []
    with transaction.atomic():
        for title in titles:
            part = Topic.objects.create(
                round=topic.round,
                title=title,
                slug=topic_slug_for(topic.round, title),
                description=topic.description,
                action_field=topic.action_field,
                network=topic.network,
                public_name=topic.public_name,
                moderation=Topic.Moderation.APPROVED,
                moderated_at=timezone.now(),
                submitted_at=topic.submitted_at,
                split_from=topic,
                is_example=topic.is_example,
            )
            created.append(part)
        _log(
            topic,
            ModerationLogEntry.Action.SPLIT,
            _("„%(title)s“ aufgeteilt in %(parts)s: %(reason)s")
            % {"title": topic.title, "parts": ", ".join(f"„{part.title}“" for part in created), "reason": reason},
        )
    return created


def topic_decide(*, topic, decision, reason):
    """Decide a topic with a public reason; the proposer is told (the last news, the address is then deleted)."""
    if decision not in Topic.Decision.values:
        raise ValidationError(_("Unbekannte Entscheidung."), code="decision")
    if not reason.strip():
        raise ValidationError(_("Bitte geben Sie eine öffentliche Begründung an."), code="reason")
    with transaction.atomic():
        topic.decision = decision
        topic.decision_reason = reason
        topic.decided_at = timezone.now()
        topic.save()
        _log(
            topic,
            ModerationLogEntry.Action.DECIDED,
            _("„%(title)s“: %(decision)s. %(reason)s")
            % {"title": topic.title, "decision": topic.get_decision_display(), "reason": reason},
        )
        topic_send_news.enqueue(topic.pk, "decided", True)


def topic_purge_unconfirmed(*, older_than):
    """Unconfirmed proposals whose request is gone (normally deleted with it; this catches a crash in between)."""
    deleted, _by_model = Topic.objects.filter(
        moderation=Topic.Moderation.UNCONFIRMED, created_at__lt=older_than
    ).delete()
    return deleted


def round_forget_addresses(*, now=None):
    """Addresses of proposers in closed rounds: nothing more will be sent to them."""
    now = now or timezone.now()
    return (
        Topic.objects.filter(round__closes_at__lte=now)
        .exclude(contact_email="")
        .update(contact_email="", updated_at=now)
    )


# ---------------------------------------------------------------------------
# Weighing
# ---------------------------------------------------------------------------


def ballot_validate(*, round_, points):
    """Check a ballot's points ({topic id: points}) against the round; German ValidationErrors. Returns the points
    without zeros."""
    errors = []
    weighable = set(Topic.objects.filter(round=round_).weighable().values_list("pk", flat=True))
    cleaned = {}
    for topic_id, value in points.items():
        if topic_id not in weighable:
            errors.append(ValidationError(_("Ein Thema gehört nicht (mehr) zu dieser Runde."), code="unknown_topic"))
            continue
        if value < 0:
            errors.append(ValidationError(_("Punkte können nicht negativ sein."), code="negative"))
        elif value > round_.max_points_per_topic:
            errors.append(
                ValidationError(
                    _("Auf ein Thema passen höchstens %(max)d Punkte.") % {"max": round_.max_points_per_topic},
                    code="topic_max",
                )
            )
        elif value:
            cleaned[topic_id] = value
    total = sum(cleaned.values())
    if total > round_.points_budget:
        errors.append(
            ValidationError(
                _("Sie haben %(total)d Punkte verteilt, es sind aber nur %(budget)d möglich.")
                % {"total": total, "budget": round_.points_budget},
                code="budget",
            )
        )
    if not errors and not cleaned:
        errors.append(ValidationError(_("Bitte verteilen Sie mindestens einen Punkt."), code="empty"))
    if errors:
        raise ValidationError(errors)
    return cleaned


def ballot_request(*, round_, points, email, client_ip=""):
    """Ask the voter to confirm the address; the ballot is stored (or replaces the earlier one) on confirmation."""
    if not round_.accepts_ballots:
        raise ValidationError(_("In dieser Themenrunde wird gerade nicht gewichtet."), code="closed")
    cleaned = ballot_validate(round_=round_, points=points)
    return confirmation_request(
        purpose=BALLOT_PURPOSE,
        email=email,
        payload={"round": round_.pk, "points": {str(pk): value for pk, value in cleaned.items()}},
        client_ip=client_ip,
    )


def ballot_store(*, round_, voter_hash, points):
    """Store the points of a confirmed address, replacing its earlier ballot in this round. Returns (ballot,
    replaced)."""
    with transaction.atomic():
        ballot, created = Ballot.objects.select_for_update().get_or_create(round=round_, voter_hash=voter_hash)
        if not created:
            ballot.points.all().delete()
            ballot.save(update_fields=["updated_at"])
        BallotPoints.objects.bulk_create(
            [BallotPoints(ballot=ballot, topic_id=topic_id, points=value) for topic_id, value in points.items()]
        )
    return ballot, not created


def ballot_confirm(*, round_id, points, voter_email):
    """The confirmed ballot of `voter_email` (only its keyed hash is stored). Checks again, since the round may have
    moved on or a topic may have been merged since the request."""
    round_ = Round.objects.get(pk=round_id)
    if not round_.accepts_ballots:
        raise ValidationError(_("Das Gewichten ist inzwischen beendet."), code="closed")
    voter_hash = email_hash(voter_email)
    # Checked only now, after the confirmation: whether an address is on the list is told only to its owner.
    if round_.voter_allowlist and voter_hash not in round_.voter_allowlist:
        raise ValidationError(
            _("In dieser Runde gewichten nur die eingeladenen Adressen, und Ihre ist nicht dabei."), code="not_allowed"
        )
    cleaned = ballot_validate(round_=round_, points=_points_on_merge_targets(round_, points))
    return round_, *ballot_store(round_=round_, voter_hash=voter_hash, points=cleaned)


def _points_on_merge_targets(round_, points):
    """{topic id: points} with the points on a topic merged since the ballot was sent moved to the topic it became
    (at most the per-topic maximum together), so a merge between sending and confirming loses no vote."""
    targets = dict(Topic.objects.filter(round=round_, merged_into__isnull=False).values_list("pk", "merged_into_id"))
    moved = {}
    for pk, value in points.items():
        pk = int(pk)
        seen = set()
        while pk in targets and pk not in seen:
            seen.add(pk)
            pk = targets[pk]
        moved[pk] = min(moved.get(pk, 0) + value, round_.max_points_per_topic) if pk in moved else value
    return moved
