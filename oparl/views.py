"""The read-only OParl 1.1 API at /api/oparl/v1/ (see the README, „OParl-Schnittstelle“).

Every answer is JSON in UTF-8 with `Access-Control-Allow-Origin: *` (chapter 2.6) and goes through the page cache
like any public page. Lists are paginated (`data`, `pagination`, `links`; `page`, `limit`) and take the filters
`created_since`, `created_until`, `modified_since`, `modified_until` and `omit_internal` (chapter 2.5); with
`modified_since` they include the tombstones of withdrawn objects. A list page costs the same queries whatever it
holds: a count, the page's rows, and one query per prefetched relation.
"""

import json
import math
from pathlib import Path
from urllib.parse import urlencode

from django.http import HttpResponse
from django.utils.dateparse import parse_datetime
from django.views.decorators.http import require_safe

from emscher_portal.core.parsing import whole_number
from emscher_portal.core.site import site_operator
from oparl import objects, selectors

PAGE_SIZE = 100
MAX_PAGE_SIZE = 500
FILTERS = {
    "created_since": ("created_at", "gte"),
    "created_until": ("created_at", "lte"),
    "modified_since": ("oparl_modified", "gte"),
    "modified_until": ("oparl_modified", "lte"),
}
SCHEMA_DIR = Path(__file__).resolve().parent / "schema"


class BadRequest(Exception):
    def __init__(self, message, debug=""):
        super().__init__(message)
        self.message, self.debug = message, debug


def json_response(data, status=200):
    response = HttpResponse(
        json.dumps(data, ensure_ascii=False, indent=1), content_type="application/json; charset=utf-8", status=status
    )
    response["Access-Control-Allow-Origin"] = "*"
    return response


def error_response(message, *, status, debug=""):
    """OParl's error object (chapter 2.9), with the German message for people."""
    return json_response({"type": objects.oparl_type("Error"), "message": message, "debug": debug}, status=status)


def not_found(debug=""):
    return error_response("Dieses Objekt gibt es nicht.", status=404, debug=debug)


def api_view(view):
    """GET/HEAD only; bad parameters answer 400 with the error object."""

    @require_safe
    def wrapped(request, *args, **kwargs):
        try:
            return view(request, *args, **kwargs)
        except BadRequest as error:
            return error_response(error.message, status=400, debug=error.debug)

    wrapped.__name__ = view.__name__
    wrapped.__doc__ = view.__doc__
    return wrapped


# -- Lists -----------------------------------------------------------------------


def _timestamp(name, raw):
    try:
        value = parse_datetime(raw.replace(" ", "+"))  # a "+" sent unencoded arrives as a space
    except ValueError:  # well formed but impossible, such as 30 February
        value = None
    if value is None or value.tzinfo is None:
        raise BadRequest(
            f"„{name}“ muss ein Zeitpunkt mit Zeitzone sein, z. B. 2024-01-01T00:00:00+01:00.", debug=f"{name}={raw}"
        )
    return value


def _positive(name, raw, *, default, maximum=None):
    if raw is None:
        return default
    number = whole_number(raw)
    if number is None or number < 1:
        raise BadRequest(f"„{name}“ muss eine ganze Zahl ab 1 sein.", debug=f"{name}={raw}")
    return min(number, maximum) if maximum else number


class ListQuery:
    """The parameters of one list request, checked; `links()` keeps the filters in canonical order."""

    def __init__(self, request):
        params = request.GET
        self.filters = {name: _timestamp(name, params[name]) for name in FILTERS if params.get(name)}
        self.raw = {name: params[name] for name in FILTERS if params.get(name)}
        self.omit_internal = params.get("omit_internal") == "true"
        self.limit = _positive("limit", params.get("limit"), default=PAGE_SIZE, maximum=MAX_PAGE_SIZE)
        self.page = _positive("page", params.get("page"), default=1)
        self.path = request.path

    def apply(self, object_type, queryset_filter=None):
        queryset = object_type.with_tombstones() if "modified_since" in self.filters else object_type.live()
        if queryset_filter:
            queryset = queryset.filter(**queryset_filter)
        for name, value in self.filters.items():
            column, lookup = FILTERS[name]
            queryset = queryset.filter(**{f"{column}__{lookup}": value})
        return queryset

    def url(self, page):
        params = dict(self.raw)
        if self.limit != PAGE_SIZE:
            params["limit"] = str(self.limit)
        if self.omit_internal:
            params["omit_internal"] = "true"
        if page > 1:
            params["page"] = str(page)
        query = urlencode(sorted(params.items()))
        return objects.site_url(self.path) + (f"?{query}" if query else "")


def list_response(query, rows, total, serialise):
    pages = max(1, math.ceil(total / query.limit))
    if query.page > pages:
        return not_found(debug=f"page {query.page} of {pages}")
    links = {"first": query.url(1), "self": query.url(query.page), "last": query.url(pages)}
    if query.page > 1:
        links["prev"] = query.url(query.page - 1)
    if query.page < pages:
        links["next"] = query.url(query.page + 1)
    return json_response(
        {
            "data": [serialise(row) for row in rows],
            "pagination": {
                "totalElements": total,
                "elementsPerPage": query.limit,
                "currentPage": query.page,
                "totalPages": pages,
            },
            "links": links,
        }
    )


def _page_over(query, parts):
    """One page over several sources in a fixed order: each part is (rows: a list or a queryset, serialise).

    Every part is counted, and sliced only as far as the page reaches into it; a queryset costs two queries."""
    totals = [len(rows) if isinstance(rows, list) else rows.count() for rows, _serialise in parts]
    offset, room, items = (query.page - 1) * query.limit, query.limit, []
    for (rows, serialise), total in zip(parts, totals, strict=True):
        start = max(0, offset)
        shown = list(rows[start : start + room]) if room and start < total else []
        items += [serialise(row) for row in shown]
        room -= len(shown)
        offset -= total
    return list_response(query, items, sum(totals), lambda item: item)


def _deleted_part(query, object_type, name, type_url):
    """The tombstones of objects deleted outright, for a list asked with `modified_since` (else nothing)."""
    if "modified_since" not in query.filters:
        return []
    rows = object_type.deleted()
    for filter_name, value in query.filters.items():
        column, lookup = FILTERS[filter_name]
        rows = rows.filter(**{f"{column}__{lookup}": value})
    return [
        (
            rows,
            lambda row: objects.tombstone(row, id_url=objects.api_url(name, pk=row.id), type_url=type_url),
        )
    ]


def object_list(request, object_type, serialise, queryset_filter=None, *, name=None, type_url=None):
    """A list page of `object_type`; given `name` (the URL name of its objects), with `modified_since` it ends
    with the tombstones of the objects deleted outright."""
    query = ListQuery(request)
    queryset = query.apply(object_type, queryset_filter)
    deleted = _deleted_part(query, object_type, name, type_url) if name and not queryset_filter else []
    return _page_over(query, [(queryset, lambda row: serialise(row, query)), *deleted])


def _static_filtered(query, items):
    """Objects that live in no table (the body, the fixed organizations), filtered like a queryset."""
    return [
        item
        for item in items
        if all(
            _compare(parse_datetime(item["created" if name.startswith("created") else "modified"]), name, value)
            for name, value in query.filters.items()
        )
    ]


def _compare(stamp, name, value):
    return stamp >= value if name.endswith("_since") else stamp <= value


def static_list(request, items):
    query = ListQuery(request)
    kept = _static_filtered(query, items)
    offset = (query.page - 1) * query.limit
    return list_response(query, kept[offset : offset + query.limit], len(kept), lambda item: item)


# -- System, Body -------------------------------------------------------------------


@api_view
def system(request):
    return json_response(objects.system_object(site_operator()))


@api_view
def body_list(request):
    return static_list(request, [objects.body_object(site_operator())])


@api_view
def body(request):
    return json_response(objects.body_object(site_operator()))


@api_view
def paper_list(request):
    """The initiative has no papers (Drucksachen); the Body must name the list anyway."""
    return static_list(request, [])


# -- Organizations -------------------------------------------------------------------


def _fixed_organizations():
    return [objects.fixed_organization_object(key) for key in objects.FIXED_ORGANIZATIONS]


@api_view
def organization_list(request):
    """The fixed organizations first, then the networks by id (then the deleted ones): one order over all."""
    query = ListQuery(request)
    return _page_over(
        query,
        [
            (_static_filtered(query, _fixed_organizations()), lambda item: item),
            (query.apply(selectors.ORGANIZATION), objects.network_object),
            *_deleted_part(query, selectors.ORGANIZATION, "organization", objects.oparl_type("Organization")),
        ],
    )


def _single(object_type, pk):
    """The object (public, or a tombstone if withdrawn) or None."""
    return object_type.base().annotate(oparl_was_public=object_type.was_public).filter(pk=pk).first()


def _single_or_404(object_type, pk, serialise, *, name=None, type_url=None):
    """The object, its tombstone if it was withdrawn or deleted (given `name`, its URL name), else 404."""
    obj = _single(object_type, pk)
    if obj is None and name:
        deleted = object_type.deleted().filter(id=pk).first()
        if deleted is not None:
            return json_response(objects.tombstone(deleted, id_url=objects.api_url(name, pk=pk), type_url=type_url))
    if obj is None or not (obj.oparl_public or obj.oparl_was_public):
        return not_found()
    return json_response(serialise(obj))


@api_view
def organization(request, pk):
    return _single_or_404(
        selectors.ORGANIZATION,
        pk,
        objects.network_object,
        name="organization",
        type_url=objects.oparl_type("Organization"),
    )


@api_view
def organization_fixed(request, key):
    if key not in objects.FIXED_ORGANIZATIONS:
        return not_found()
    return json_response(objects.fixed_organization_object(key))


def _meeting_serialiser(row, query):
    return objects.meeting_object(row, omit_internal=query.omit_internal)


@api_view
def organization_meetings(request, pk):
    if not selectors.ORGANIZATION.live().filter(pk=pk).exists():
        return not_found()
    return object_list(request, selectors.MEETING, _meeting_serialiser, {"networks": pk})


@api_view
def organization_fixed_meetings(request, key):
    if key not in objects.FIXED_ORGANIZATIONS:
        return not_found()
    kind = objects.FIXED_ORGANIZATIONS[key]["kind"]
    return object_list(request, selectors.MEETING, _meeting_serialiser, {"kind": kind})


# -- Persons and memberships --------------------------------------------------------


@api_view
def person_list(request):
    return object_list(
        request,
        selectors.PERSON,
        lambda row, query: objects.person_object(row, omit_internal=query.omit_internal),
        name="person",
        type_url=objects.oparl_type("Person"),
    )


@api_view
def person(request, pk):
    return _single_or_404(
        selectors.PERSON, pk, objects.person_object, name="person", type_url=objects.oparl_type("Person")
    )


@api_view
def membership(request, pk):
    return _single_or_404(
        selectors.PERSON,
        pk,
        objects.membership_standalone,
        name="membership",
        type_url=objects.oparl_type("Membership"),
    )


# -- Meetings, agenda items, locations --------------------------------------------


@api_view
def meeting_list(request):
    return object_list(
        request, selectors.MEETING, _meeting_serialiser, name="meeting", type_url=objects.oparl_type("Meeting")
    )


@api_view
def meeting(request, pk):
    return _single_or_404(
        selectors.MEETING, pk, objects.meeting_object, name="meeting", type_url=objects.oparl_type("Meeting")
    )


@api_view
def meeting_documentation(request, pk):
    event = _single(selectors.LOCATION, pk)
    if event is None or not (event.status == "published" or event.oparl_was_public):
        return not_found()
    if event.status != "published":
        return json_response(
            objects.tombstone(
                event, id_url=objects.api_url("meeting-documentation", pk=pk), type_url=objects.oparl_type("File")
            )
        )
    return json_response(objects.documentation_file_object(event, embedded=False))


def _agenda_item(object_type, pk, serialise):
    item = _single(object_type, pk)
    if item is None or not (item.oparl_public or item.oparl_was_public):
        return not_found()
    if not item.oparl_public:
        return json_response(serialise(item, order=0, embedded=False))
    event = selectors.event_with_agenda(item.event_id)
    return json_response(serialise(item, order=objects.agenda_position(event, item), embedded=False, event=event))


@api_view
def agenda_item_programme(request, pk):
    return _agenda_item(selectors.PROGRAMME_ITEM, pk, objects.programme_item_object)


@api_view
def agenda_item_workshop(request, pk):
    return _agenda_item(selectors.WORKSHOP, pk, objects.workshop_object)


@api_view
def location_list(request):
    return object_list(request, selectors.LOCATION, lambda row, query: objects.location_object(row, embedded=False))


@api_view
def location(request, pk):
    return _single_or_404(selectors.LOCATION, pk, lambda row: objects.location_object(row, embedded=False))


# -- Files ----------------------------------------------------------------------------


@api_view
def file_list(request):
    return object_list(
        request,
        selectors.FILE,
        lambda row, query: objects.file_object(row, embedded=False),
        name="file",
        type_url=objects.oparl_type("File"),
    )


@api_view
def file(request, pk):
    return _single_or_404(
        selectors.FILE,
        pk,
        lambda row: objects.file_object(row, embedded=False),
        name="file",
        type_url=objects.oparl_type("File"),
    )


# -- The extension: measures ------------------------------------------------------------


@api_view
def measure_list(request):
    return object_list(
        request,
        selectors.MEASURE,
        lambda row, query: objects.measure_object(row),
        name="measure",
        type_url=objects.measure_type(),
    )


@api_view
def measure(request, pk):
    return _single_or_404(
        selectors.MEASURE, pk, objects.measure_object, name="measure", type_url=objects.measure_type()
    )


def _extension_schema(name, type_url):
    schema = json.loads((SCHEMA_DIR / f"{name}.json").read_text())
    schema["$id"] = type_url
    return json_response(schema)


@api_view
def extension_measure(request):
    """The JSON schema of the extension type `Measure`; its URL is the type."""
    return _extension_schema("Measure", objects.measure_type())


# -- The extension: topics of a round of topics ---------------------------------------


@api_view
def topic_list(request):
    return object_list(
        request,
        selectors.TOPIC,
        lambda row, query: objects.topic_object(row),
        name="topic",
        type_url=objects.topic_type(),
    )


@api_view
def topic(request, pk):
    return _single_or_404(selectors.TOPIC, pk, objects.topic_object, name="topic", type_url=objects.topic_type())


@api_view
def extension_topic(request):
    """The JSON schema of the extension type `Topic`; its URL is the type."""
    return _extension_schema("Topic", objects.topic_type())
