"""The OParl 1.1 objects the API serves, as plain dicts (serialised by `oparl.views`).

Ids are absolute URLs under SITE_URL (canonical whatever host a request used). Dates: `date-time` as
`yyyy-mm-ddThh:mm:ss±hh:mm` in Europe/Berlin, `date` as `yyyy-mm-dd`. Empty values are left out, as chapter 2.4
recommends. Properties of the portal's own are prefixed `emscher:` (vendor extensions, chapter 3, documented in the
README); so are the extension object types `Measure` (a Maßnahme of the plan) and `Topic` (a topic of a round of
topics), whose JSON schemas the API serves at their type URLs.
"""

import datetime
import zoneinfo

from django.conf import settings
from django.urls import reverse
from django.utils import timezone

from emscher_portal.core.site import ORGANISATION_NAME, SITE_SHORT_NAME
from forums.models import Event
from participation.models import Phase

SCHEMA = "https://schema.oparl.org/1.1/"
OPARL_VERSION = "https://schema.oparl.org/1.1/"
PREFIX = "emscher:"
MIME_PDF = "application/pdf"
# The initiative's letter of intent (15 May 2014, Bottrop): when the body came into being.
BODY_CREATED = datetime.datetime(2014, 5, 15, tzinfo=zoneinfo.ZoneInfo("Europe/Berlin"))


def site_url(path):
    return settings.SITE_URL.rstrip("/") + path


def api_url(name, **kwargs):
    return site_url(reverse(f"oparl:{name}", kwargs=kwargs or None))


def oparl_type(name):
    return SCHEMA + name


def measure_type():
    return api_url("extension-measure")


def topic_type():
    return api_url("extension-topic")


def date_time(value):
    """OParl's date-time: seconds, the Berlin offset."""
    return timezone.localtime(value).replace(microsecond=0).isoformat()


def _compact(data):
    """Leave out what has no value (chapter 2.4: no null, no empty string or list for optional properties)."""
    return {key: value for key, value in data.items() if value not in (None, "", [])}


def _stamps(obj):
    return {"created": date_time(obj.created_at), "modified": date_time(getattr(obj, "oparl_modified", obj.updated_at))}


def tombstone(obj, *, id_url, type_url):
    """A withdrawn object (chapter 2.8): id, type, created, modified (the withdrawal) and `deleted: true`."""
    return {"id": id_url, "type": type_url, **_stamps(obj), "deleted": True}


# -- System and Body -----------------------------------------------------------


def system_object(operator):
    return _compact(
        {
            "id": api_url("system"),
            "type": oparl_type("System"),
            "oparlVersion": OPARL_VERSION,
            "body": api_url("body-list"),
            "name": f"{SITE_SHORT_NAME}: OParl-Schnittstelle",
            "contactEmail": operator.email,
            "contactName": operator.publisher,
            "website": site_url("/"),
            "web": site_url("/"),
            "created": date_time(BODY_CREATED),
            "modified": date_time(operator.updated_at or BODY_CREATED),
        }
    )


def body_object(operator):
    return _compact(
        {
            "id": api_url("body"),
            "type": oparl_type("Body"),
            "system": api_url("system"),
            "name": ORGANISATION_NAME,
            "shortName": SITE_SHORT_NAME,
            "website": site_url("/"),
            "contactEmail": operator.email,
            "contactName": operator.publisher,
            "classification": "Kooperation",
            "organization": api_url("organization-list"),
            "person": api_url("person-list"),
            "meeting": api_url("meeting-list"),
            "paper": api_url("paper-list"),
            "file": api_url("file-list"),
            "locationList": api_url("location-list"),
            # Required, and empty: the initiative has no legislative terms.
            "legislativeTerm": [],
            PREFIX + "measure": api_url("measure-list"),
            PREFIX + "topic": api_url("topic-list"),
            "web": site_url("/"),
            "created": date_time(BODY_CREATED),
            "modified": date_time(operator.updated_at or BODY_CREATED),
        }
    ) | {"legislativeTerm": []}


# -- Organizations ---------------------------------------------------------------

# The two bodies of the initiative that are not networks; they have no table, their facts are fixed.
FIXED_ORGANIZATIONS = {
    "vorbereitungsgruppe": {
        "name": "Vorbereitungsgruppe des Experten-Forums",
        "shortName": "Vorbereitungsgruppe",
        "classification": "Arbeitsgruppe",
        "kind": Event.Kind.EXPERT_FORUM,
        "web": "/kontakt/",
    },
    "dezernentenrunde": {
        "name": "Dezernentenrunde der Emscher-Kommunen",
        "shortName": "Dezernentenrunde",
        "classification": "Gremium",
        "kind": Event.Kind.DEPARTMENT_HEADS,
        "web": "/foren/?art=dezernententreffen",
    },
}
KIND_ORGANIZATION = {facts["kind"]: key for key, facts in FIXED_ORGANIZATIONS.items()}


def fixed_organization_object(key):
    facts = FIXED_ORGANIZATIONS[key]
    return {
        "id": api_url("organization-fixed", key=key),
        "type": oparl_type("Organization"),
        "body": api_url("body"),
        "name": facts["name"],
        "shortName": facts["shortName"],
        "organizationType": "Sonstiges",
        "classification": facts["classification"],
        "meeting": api_url("organization-fixed-meetings", key=key),
        "web": site_url(facts["web"]),
        "created": date_time(BODY_CREATED),
        "modified": date_time(BODY_CREATED),
    }


def network_object(network):
    """An Experten-Netzwerk. Expects `oparl_members` (its public members) prefetched."""
    if not network.oparl_public:
        return tombstone(network, id_url=api_url("organization", pk=network.pk), type_url=oparl_type("Organization"))
    return _compact(
        {
            "id": api_url("organization", pk=network.pk),
            "type": oparl_type("Organization"),
            "body": api_url("body"),
            "name": network.name,
            "organizationType": "Sonstiges",
            "classification": "Experten-Netzwerk",
            "membership": [api_url("membership", pk=member.pk) for member in network.oparl_members],
            "meeting": api_url("organization-meetings", pk=network.pk),
            "website": site_url(network.get_absolute_url()),
            PREFIX + "purpose": network.purpose,
            "web": site_url(network.get_absolute_url()),
            **_stamps(network),
        }
    )


# -- Persons and memberships ---------------------------------------------------


def membership_object(member, *, embedded):
    data = {
        "id": api_url("membership", pk=member.pk),
        "type": oparl_type("Membership"),
        "organization": api_url("organization", pk=member.network_id),
        "role": member.role,
        **_stamps(member),
    }
    if not embedded:
        data["person"] = api_url("person", pk=member.pk)
    return _compact(data)


def person_object(member, *, omit_internal=False):
    """A network member who agreed to be named; nothing but the tombstone for anyone else."""
    if not member.oparl_public:
        return tombstone(member, id_url=api_url("person", pk=member.pk), type_url=oparl_type("Person"))
    data = {
        "id": api_url("person", pk=member.pk),
        "type": oparl_type("Person"),
        "body": api_url("body"),
        "name": member.name,
        PREFIX + "organisation": member.organisation,
        "web": site_url(member.network.get_absolute_url()),
        **_stamps(member),
    }
    if not omit_internal:
        data["membership"] = [membership_object(member, embedded=True)]
    return _compact(data)


def membership_standalone(member):
    if not member.oparl_public:
        return tombstone(member, id_url=api_url("membership", pk=member.pk), type_url=oparl_type("Membership"))
    return membership_object(member, embedded=False)


# -- Meetings, agenda items, locations -------------------------------------------


def _berlin(day, time):
    return timezone.make_aware(datetime.datetime.combine(day, time))


def meeting_times(event):
    """(start, end) as date-time, only when the day is known; a month or a year stays in `emscher:date`."""
    if not event.is_day_known:
        return None, None
    start = _berlin(event.start_date, event.start_time or datetime.time(0, 0))
    end_day = event.end_date or event.start_date
    end = _berlin(end_day, event.end_time or datetime.time(23, 59, 59))
    return date_time(start), date_time(end)


def location_id(event):
    return api_url("location", pk=event.pk)


def has_location(event):
    return bool(event.venue or event.address or event.host_city_id)


def location_object(event, *, embedded):
    if not getattr(event, "oparl_public", True):
        return tombstone(event, id_url=location_id(event), type_url=oparl_type("Location"))
    city = event.host_city.name if event.host_city_id else ""
    data = {
        "id": location_id(event),
        "type": oparl_type("Location"),
        "description": ", ".join(part for part in (event.venue, event.address, city) if part),
        "streetAddress": event.address,
        "locality": city,
        "created": date_time(event.created_at),
        "modified": date_time(event.updated_at),
    }
    if not embedded:
        data["meetings"] = [api_url("meeting", pk=event.pk)]
    return _compact(data)


def _item_times(event, item):
    day = item.day or (event.start_date if event.is_day_known and not event.is_multi_day else None)
    if day is None or item.start_time is None:
        return None, None
    end = date_time(_berlin(day, item.end_time)) if item.end_time else None
    return date_time(_berlin(day, item.start_time)), end


def programme_item_object(item, *, order, embedded, event=None):
    event = event or item.event
    public = getattr(item, "oparl_public", True)
    if not public:
        return tombstone(item, id_url=api_url("agenda-item-programme", pk=item.pk), type_url=oparl_type("AgendaItem"))
    start, end = _item_times(event, item)
    data = {
        "id": api_url("agenda-item-programme", pk=item.pk),
        "type": oparl_type("AgendaItem"),
        "order": order,
        "name": item.title,
        "public": True,
        "start": start,
        "end": end,
        "keyword": [str(item.get_kind_display())],
        PREFIX + "description": item.description,
        PREFIX + "speakers": item.speakers,
        "web": site_url(event.get_absolute_url()),
        **_stamps(item),
    }
    if not embedded:
        data["meeting"] = api_url("meeting", pk=event.pk)
    return _compact(data)


def workshop_object(workshop, *, order, embedded, event=None):
    event = event or workshop.event
    if not getattr(workshop, "oparl_public", True):
        return tombstone(
            workshop, id_url=api_url("agenda-item-workshop", pk=workshop.pk), type_url=oparl_type("AgendaItem")
        )
    data = {
        "id": api_url("agenda-item-workshop", pk=workshop.pk),
        "type": oparl_type("AgendaItem"),
        "order": order,
        "name": workshop.title,
        "public": True,
        "keyword": ["Workshop"],
        "resolutionText": workshop.results,
        PREFIX + "description": workshop.description,
        PREFIX + "moderation": workshop.moderation,
        "web": site_url(event.get_absolute_url()),
        **_stamps(workshop),
    }
    if not embedded:
        data["meeting"] = api_url("meeting", pk=event.pk)
    return _compact(data)


def agenda(event):
    """The event's agenda in order: its programme (by day and position), then its workshops.

    Reads the prefetched `programme_items` and `workshops`."""
    items = [(programme_item_object, item) for item in event.programme_items.all()]
    items += [(workshop_object, workshop) for workshop in event.workshops.all()]
    return [
        build(obj, order=position, embedded=True, event=event) for position, (build, obj) in enumerate(items, start=1)
    ]


def agenda_position(event, obj):
    """The `order` of one programme item or workshop within its event's agenda (for the single object)."""
    items = [*event.programme_items.all(), *event.workshops.all()]
    return next(position for position, item in enumerate(items, start=1) if item == obj)


def documentation_file_object(event, *, embedded):
    """The generated documentation PDF of an event (its `resultsProtocol`)."""
    data = {
        "id": api_url("meeting-documentation", pk=event.pk),
        "type": oparl_type("File"),
        "name": f"Dokumentation: {event.title}",
        "fileName": f"{event.slug}-dokumentation.pdf",
        "mimeType": MIME_PDF,
        "accessUrl": site_url(reverse("forums:event-pdf", kwargs={"slug": event.slug})),
        "web": site_url(event.get_absolute_url()),
        "created": date_time(event.created_at),
        "modified": date_time(event.updated_at),
    }
    if not embedded:
        data["meeting"] = [api_url("meeting", pk=event.pk)]
    return _compact(data)


def meeting_object(event, *, omit_internal=False):
    """An Experten-Forum or Dezernententreffen. Expects the prefetches of `oparl.selectors.MEETING`."""
    if not event.oparl_public:
        return tombstone(event, id_url=api_url("meeting", pk=event.pk), type_url=oparl_type("Meeting"))
    start, end = meeting_times(event)
    organizations = [api_url("organization-fixed", key=KIND_ORGANIZATION[event.kind])]
    organizations += [api_url("organization", pk=network.pk) for network in event.oparl_networks]
    data = {
        "id": api_url("meeting", pk=event.pk),
        "type": oparl_type("Meeting"),
        "name": event.title,
        "meetingState": "durchgeführt" if (event.end_date or event.start_date) < timezone.localdate() else "geplant",
        "start": start,
        "end": end,
        PREFIX + "date": event.iso_start,
        PREFIX + "datePrecision": event.date_precision,
        PREFIX + "motto": event.motto,
        "location": location_object(event, embedded=True) if has_location(event) else None,
        "organization": organizations,
        "resultsProtocol": documentation_file_object(event, embedded=True),
        "keyword": [str(event.get_kind_display())],
        "web": site_url(event.get_absolute_url()),
        **_stamps(event),
    }
    if not omit_internal:
        data["agendaItem"] = agenda(event)
        data["auxiliaryFile"] = [file_object(document, embedded=True) for document in event.oparl_documents]
    return _compact(data)


# -- Files -------------------------------------------------------------------------


def file_object(document, *, embedded):
    """A published document of the library. Expects `text_pages` prefetched (and `event` selected)."""
    if not getattr(document, "oparl_public", True):
        return tombstone(document, id_url=api_url("file", pk=document.pk), type_url=oparl_type("File"))
    download = site_url(document.get_download_url())
    event = document.event
    event_public = event is not None and event.is_published
    data = {
        "id": api_url("file", pk=document.pk),
        "type": oparl_type("File"),
        "name": document.title,
        "fileName": document.filename,
        "mimeType": MIME_PDF,
        "date": event.start_date.isoformat() if event_public and event.is_day_known else None,
        PREFIX + "year": document.year,
        "size": document.file_size,
        "sha1Checksum": document.sha1,
        PREFIX + "sha256Checksum": document.sha256,
        "text": "\n\n".join(page.text for page in document.text_pages if page.text).strip(),
        "accessUrl": download,
        "downloadUrl": f"{download}?anhang=1",
        "fileLicense": document.licence,
        "license": document.licence,
        "keyword": [str(document.get_kind_display())],
        "web": site_url(document.get_absolute_url()),
        **_stamps(document),
    }
    if not embedded and event_public:
        data["meeting"] = [api_url("meeting", pk=event.pk)]
    return _compact(data)


# -- The extension: measures of the plan -------------------------------------------


def measure_object(measure):
    if not measure.oparl_public:
        return tombstone(measure, id_url=api_url("measure", pk=measure.pk), type_url=measure_type())
    origin = measure.origin_event
    return _compact(
        {
            "id": api_url("measure", pk=measure.pk),
            "type": measure_type(),
            "body": api_url("body"),
            "name": measure.title,
            "number": measure.number,
            "actionField": str(measure.action_field),
            "implementationStatus": measure.implementation_status,
            "implementationStatusLabel": str(measure.get_implementation_status_display()),
            "timeFrame": measure.time_frame,
            "goal": measure.goal,
            "description": measure.description,
            "isExample": measure.is_example,
            "organization": [api_url("organization", pk=network.pk) for network in measure.oparl_networks],
            "meeting": api_url("meeting", pk=origin.pk) if origin is not None and origin.is_published else None,
            "file": [api_url("file", pk=document.pk) for document in measure.oparl_documents],
            "web": site_url(measure.get_absolute_url()),
            **_stamps(measure),
        }
    )


# -- The extension: topics of a round of topics -----------------------------------------


def topic_object(topic):
    """A public topic (approved, or merged into another) of a published round. Expects the annotations and
    prefetches of `oparl.selectors.TOPIC`. Nothing personal: the proposer's name only if they agreed to show it
    (`public_name` is filled only then), never the address."""
    if not topic.oparl_public:
        return tombstone(topic, id_url=api_url("topic", pk=topic.pk), type_url=topic_type())
    round_ = topic.round
    target, source = topic.merged_into, topic.split_from
    merged = topic.moderation == topic.Moderation.MERGED
    # The points count only once the weighing is over; a merged topic's points count for the one it went into.
    weighed = round_.weighing_close_at <= timezone.now() and not merged
    agenda_items = [api_url("agenda-item-programme", pk=item.pk) for item in topic.oparl_programme_items]
    agenda_items += [api_url("agenda-item-workshop", pk=workshop.pk) for workshop in topic.oparl_workshops]
    meetings = {item.event_id for item in topic.oparl_programme_items}
    meetings |= {workshop.event_id for workshop in topic.oparl_workshops}
    network = topic.network
    return _compact(
        {
            "id": api_url("topic", pk=topic.pk),
            "type": topic_type(),
            "body": api_url("body"),
            "name": topic.title,
            "description": topic.description,
            "round": {"name": round_.title, "web": site_url(round_.get_absolute_url())},
            "phase": str(round_.phase),
            "phaseLabel": str(Phase(round_.phase).label),
            "proposerName": topic.public_name,
            "actionField": str(topic.action_field) if topic.action_field_id else None,
            "organization": [api_url("organization", pk=network.pk)] if network and network.is_published else [],
            "mergedInto": api_url("topic", pk=target.pk) if merged and target and target.is_public else None,
            "mergeReason": topic.moderation_reason if merged else None,
            "splitFrom": api_url("topic", pk=source.pk) if source and source.is_public else None,
            "decision": topic.decision,
            "decisionLabel": str(topic.get_decision_display()) if topic.decision else None,
            "decisionReason": topic.decision_reason if topic.decision else None,
            "decisionDate": date_time(topic.decided_at) if topic.decision and topic.decided_at else None,
            "points": topic.oparl_points if weighed else None,
            "supporters": topic.oparl_supporters if weighed else None,
            "agendaItem": agenda_items,
            "meeting": [api_url("meeting", pk=pk) for pk in sorted(meetings)],
            "measure": [api_url("measure", pk=measure.pk) for measure in topic.oparl_measures],
            "file": [api_url("file", pk=document.pk) for document in topic.oparl_documents],
            "isExample": topic.is_example,
            "web": site_url(topic.get_absolute_url()),
            **_stamps(topic),
        }
    )
