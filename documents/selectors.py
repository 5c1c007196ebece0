"""Reads of the document library, each with the select/prefetch its callers need.

The Maßnahmenplan's reads live in `documents.plan_selectors`.
"""

import datetime

from django.db.models import Prefetch, Q

from documents.models import Document, DocumentVersion
from forums.models import Event
from networks.models import Network
from networks.selectors import published_networks

# Office files published before this day are exempt from the accessibility rules (EU directive 2016/2102, Art. 1(4)).
BITV_PDF_DEADLINE = datetime.date(2018, 9, 23)


def document_list_visible(*, user, kind=None, year=None, event=None, network=None):
    """Documents `user` may see, newest first, filtered; with `event` (and its host city) loaded."""
    queryset = Document.objects.visible_to(user)
    if kind:
        queryset = queryset.of_kind(kind)
    if year is not None:
        queryset = queryset.filter(year=year)
    if event is not None:
        queryset = queryset.filter(event=event)
    if network is not None:
        queryset = queryset.filter(networks=network)
    return queryset.select_related("event").order_by("-year", "-created_at", "-pk")


def document_years(*, user):
    """The years of the documents `user` may see, newest first."""
    return list(Document.objects.visible_to(user).order_by("-year").values_list("year", flat=True).distinct())


def document_filter_events(*, user):
    """Events `user` may see that have documents `user` may see, newest first (for the filter)."""
    documents = Document.objects.visible_to(user)
    return Event.objects.visible_to(user).filter(documents__in=documents).distinct().order_by("-start_date")


def document_filter_networks(*, user):
    """Networks `user` may see that have documents `user` may see (for the filter)."""
    documents = Document.objects.visible_to(user)
    return Network.objects.visible_to(user).filter(documents__in=documents).distinct()


def document_get_queryset_for_detail(*, user):
    """The queryset a detail page or a download reads one document from.

    Loaded: `event` with `host_city`; `network_list` (published networks); `version_list` (all versions, newest
    first).
    """
    return (
        Document.objects.visible_to(user)
        .select_related("event", "event__host_city")
        .prefetch_related(
            Prefetch("networks", queryset=published_networks(), to_attr="network_list"),
            Prefetch("versions", queryset=DocumentVersion.objects.order_by("-number"), to_attr="version_list"),
        )
    )


def document_list_published_before_bitv_deadline():
    """Published library documents that were certainly published before 23 September 2018.

    A document only knows its year; one from 2018 counts only when its event took place before the deadline. Ordered
    by year and title; `event` is not needed by the caller, so no joins beyond the filter.
    """
    return (
        Document.objects.published()
        .filter(
            Q(year__lt=BITV_PDF_DEADLINE.year) | Q(year=BITV_PDF_DEADLINE.year, event__start_date__lt=BITV_PDF_DEADLINE)
        )
        .order_by("year", "title")
        .only("title", "slug", "year")
    )
