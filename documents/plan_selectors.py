"""Reads for the Maßnahmenplan pages. Every selector returns what its page needs in a fixed number of queries."""

from django.db.models import Count, F, Prefetch, Q

from documents.models import ActionField, Document, Measure, MeasureStatusChange, Plan
from emscher_portal.core.models import Status
from emscher_portal.core.relations import published_reverse_prefetch, reverse_related_model
from networks.models import Municipality
from networks.selectors import published_networks

STATUS_ORDER = list(Measure.ImplementationStatus)
# Column heads of the status table with soft hyphens, so that narrow screens break the words where German does.
STATUS_COLUMN_HEADS = {
    Measure.ImplementationStatus.PLANNED: "ge\u00adplant",
    Measure.ImplementationStatus.IN_PROGRESS: "in Um\u00adset\u00adzung",
    Measure.ImplementationStatus.DONE: "um\u00adge\u00adsetzt",
    Measure.ImplementationStatus.DEFERRED: "zu\u00adrück\u00adge\u00adstellt",
}
# The chart's colours as SVG fill attributes, for renderers without the page's CSS (WeasyPrint's SVG, in the plan
# PDF); the same colours as `static/css/components/plan.css`, whose rules win on the page.
STATUS_COLOURS = {
    Measure.ImplementationStatus.PLANNED: "#5b6470",
    Measure.ImplementationStatus.IN_PROGRESS: "#0b5a8c",
    Measure.ImplementationStatus.DONE: "#2f6b35",
    Measure.ImplementationStatus.DEFERRED: "#8a4b08",
}


def plan_get_current(*, user):
    """The newest plan the user may see (drafts only for staff), or None."""
    return (
        Plan.objects.visible_to(user)
        .select_related("adopted_at_event")
        .order_by(F("presented_on").desc(nulls_last=True), "-created_at")
        .first()
    )


def action_field_list_with_status_counts(*, plan, user):
    """The plan's Handlungsfelder in order, each annotated with `count_<status>` per implementation status and
    `count_total`, counting the measures the user may see. One query."""
    visible = Q() if user.is_staff else Q(measures__status=Status.PUBLISHED)
    counts = {
        f"count_{status.value}": Count("measures", filter=visible & Q(measures__implementation_status=status))
        for status in STATUS_ORDER
    }
    # Meta.ordering does not apply to a GROUP BY query; order explicitly.
    return (
        ActionField.objects.filter(plan=plan)
        .annotate(**counts, count_total=Count("measures", filter=visible))
        .order_by("number")
    )


def status_overview(fields):
    """Rows for the status table and chart from annotated fields: counts per status, totals, and bar segments
    (x offset and width in percent of the largest field) for the SVG chart."""
    largest = max((field.count_total for field in fields), default=0) or 1
    rows = []
    totals = dict.fromkeys(STATUS_ORDER, 0)
    for field in fields:
        cells, offset = [], 0.0
        for status in STATUS_ORDER:
            count = getattr(field, f"count_{status.value}")
            width = round(count * 100 / largest, 2)
            cells.append(
                {
                    "status": status,
                    "head": STATUS_COLUMN_HEADS[status],
                    "count": count,
                    "x": round(offset, 2),
                    "width": width,
                    "colour": STATUS_COLOURS[status],
                }
            )
            offset += width
            totals[status] += count
        rows.append({"field": field, "cells": cells, "total": field.count_total})
    return {
        "rows": rows,
        "totals": [
            {"status": status, "count": count, "head": STATUS_COLUMN_HEADS[status]} for status, count in totals.items()
        ],
        "total": sum(totals.values()),
    }


def measure_sections(fields, measures, *, skip_empty=False):
    """The measures grouped by Handlungsfeld, in the fields' order: `[{"field", "measures"}, …]`. With
    `skip_empty`, fields without any of `measures` are left out (a filtered list). No query."""
    by_field = {}
    for measure in measures:
        by_field.setdefault(measure.action_field_id, []).append(measure)
    return [
        {"field": field, "measures": by_field.get(field.pk, [])}
        for field in fields
        if by_field.get(field.pk) or not skip_empty
    ]


def plan_outline(*, plan, user, fields=None, measures=None, is_filtered=False):
    """What the plan's page and PDF show below the introduction: `fields` (the Handlungsfelder with their status
    counts), `measures` (all visible ones, or the filtered list the page already loaded), `sections` (the measures
    by field; `is_filtered` leaves out fields without a match) and `overview` (the status table and chart). Up to
    four queries: none for what is passed in."""
    fields = list(action_field_list_with_status_counts(plan=plan, user=user) if fields is None else fields)
    measures = list(measure_list_for_plan(plan=plan, user=user) if measures is None else measures)
    return {
        "fields": fields,
        "measures": measures,
        "sections": measure_sections(fields, measures, skip_empty=is_filtered),
        "overview": status_overview(fields),
    }


def network_choices_for_plan():
    """Published networks for the plan filter: (slug, name) pairs. One query."""
    return list(published_networks().values_list("slug", "name"))


def municipality_choices_for_plan(*, plan, user):
    """Municipalities taking part in at least one visible measure of the plan: (slug, name) pairs. One query."""
    measures = Measure.objects.visible_to(user).filter(action_field__plan=plan)
    return list(
        Municipality.objects.filter(measures__in=measures).distinct().order_by("name").values_list("slug", "name")
    )


def measure_list_for_plan(*, plan, user, field=None, status=None, network=None, municipality=None):
    """Visible measures of `plan`, optionally filtered by Handlungsfeld number, implementation status, network
    slug and municipality slug (combined with AND). Prefetched: `shown_networks` (published networks only) and
    `municipalities`. Three queries."""
    measures = Measure.objects.visible_to(user).filter(action_field__plan=plan)
    if field is not None:
        measures = measures.filter(action_field__number=field)
    if status:
        measures = measures.filter(implementation_status=status)
    if network:
        measures = measures.filter(networks__slug=network, networks__status=Status.PUBLISHED)
    if municipality:
        measures = measures.filter(municipalities__slug=municipality)
    return measures.prefetch_related(
        Prefetch("networks", queryset=published_networks(), to_attr="shown_networks"),
        Prefetch("municipalities", queryset=Municipality.objects.only("name", "slug")),
    ).order_by("action_field__number", "position", "number")


def measure_get_queryset_for_detail(*, user):
    """Measures the user may see, for the detail page. Joined: action_field → plan, origin_event → host_city.
    Prefetched: `shown_networks` (published), `municipalities`, `status_history` (status changes, oldest first),
    `shown_documents` (documents the user may see), `origin_topics` (the public topics of published rounds of topics
    it came from — declared by participation, read through its reverse relation)."""
    topics = (
        reverse_related_model(Measure, "topics")
        .objects.public()
        .filter(round__status="published")
        .select_related("round")
        .order_by("title")
    )
    return (
        Measure.objects.visible_to(user)
        .select_related("action_field__plan", "origin_event__host_city")
        .prefetch_related(
            Prefetch("networks", queryset=published_networks(), to_attr="shown_networks"),
            "municipalities",
            Prefetch("status_changes", queryset=MeasureStatusChange.objects.all(), to_attr="status_history"),
            Prefetch("documents", queryset=Document.objects.visible_to(user), to_attr="shown_documents"),
            Prefetch("topics", queryset=topics, to_attr="origin_topics"),
        )
    )


def measure_articles_prefetch():
    """The published articles about a measure, newest first, with their rubric, as `article_list` (through the
    reverse relation the articles app declares). For the page only: the PDF does not list them. One query."""
    return published_reverse_prefetch(
        Measure, "articles", to_attr="article_list", order_by=("-date", "-pk"), select_related=("rubric",)
    )


__all__ = [
    "measure_articles_prefetch",
    "STATUS_ORDER",
    "action_field_list_with_status_counts",
    "measure_get_queryset_for_detail",
    "measure_list_for_plan",
    "measure_sections",
    "municipality_choices_for_plan",
    "network_choices_for_plan",
    "plan_outline",
    "plan_get_current",
    "status_overview",
]
