"""Small builders for participation test data: sensible defaults, no surprises."""

import itertools
from datetime import timedelta

from django.utils import timezone

from emscher_portal.core.models import Status
from participation.models import Round, Topic

_numbers = itertools.count(1)

DAY = timedelta(days=1)


def phase_dates(phase, *, now=None):
    """The five phase dates of a round that is in `phase` at `now`."""
    now = now or timezone.now()
    # Proposals for 10 days, 5 days to prepare, weighing for 10 days, evaluation for 10 days.
    start = now + {"announced": 5, "proposing": -5, "preparing": -12, "weighing": -20, "evaluating": -30,
                   "closed": -40}[phase] * DAY  # fmt: skip
    return {
        "proposals_open_at": start,
        "proposals_close_at": start + 10 * DAY,
        "weighing_open_at": start + 15 * DAY,
        "weighing_close_at": start + 25 * DAY,
        "closes_at": start + 35 * DAY,
    }


def make_round(phase="proposing", **overrides):
    number = next(_numbers)
    defaults = {
        "title": f"Themen für das Experten-Forum {number}",
        "slug": f"forum-{number}",
        "status": Status.PUBLISHED,
        **phase_dates(phase),
    }
    round_ = Round(**(defaults | overrides))
    round_.full_clean()
    round_.save()
    return round_


def round_move_to(round_, phase):
    """Let time pass: the round is now in `phase`."""
    for name, value in phase_dates(phase).items():
        setattr(round_, name, value)
    round_.save()
    return round_


def make_topic(round_, **overrides):
    number = next(_numbers)
    defaults = {
        "title": f"Thema {number}",
        "slug": f"thema-{number}",
        "description": "Beschreibung des Themas.",
        "moderation": Topic.Moderation.APPROVED,
        "submitted_at": timezone.now(),
        "moderated_at": timezone.now(),
    }
    return Topic.objects.create(round=round_, **(defaults | overrides))
