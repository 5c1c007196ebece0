"""Events as iCalendar files and as schema.org JSON-LD."""

import datetime
import zoneinfo

import icalendar
from django.conf import settings
from django.utils import timezone

from emscher_portal.core.site import ORGANISATION_NAME

ORGANIZER_NAME = ORGANISATION_NAME


def _location(event):
    parts = [event.venue, event.address, event.host_city.name if event.host_city else ""]
    return ", ".join(part for part in parts if part)


def _ical_event(event, *, base_url, tz):
    entry = icalendar.Event()
    host = base_url.split("//", 1)[-1].strip("/") or "emscher-portal"
    entry.add("uid", f"event-{event.pk}@{host}")
    entry.add("dtstamp", event.updated_at or timezone.now())
    entry.add("summary", event.title)
    last_day = event.end_date or event.start_date
    if event.start_time:
        entry.add("dtstart", datetime.datetime.combine(event.start_date, event.start_time, tzinfo=tz))
        end_time = event.end_time or event.start_time
        end = datetime.datetime.combine(last_day, end_time, tzinfo=tz)
        if not event.end_time:
            end += datetime.timedelta(hours=1)
        entry.add("dtend", end)
    else:
        entry.add("dtstart", event.start_date)
        # All-day events end on the day after the last day (DTEND is exclusive).
        entry.add("dtend", last_day + datetime.timedelta(days=1))
    location = _location(event)
    if location:
        entry.add("location", location)
    description = "\n\n".join(part for part in (event.motto, event.teaser) if part)
    if description:
        entry.add("description", description)
    entry.add("url", base_url.rstrip("/") + event.get_absolute_url())
    entry.add("categories", [event.get_kind_display()])
    return entry


def events_to_ical(events, *, base_url, name=None):
    """A VCALENDAR (bytes) with one VEVENT per event; every event must have a known day."""
    tz = zoneinfo.ZoneInfo(settings.TIME_ZONE)
    cal = icalendar.Calendar()
    cal.add("prodid", "-//Emscher-Portal//Foren und Treffen//DE")
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    if name:
        cal.add("x-wr-calname", name)
    cal.add("x-wr-timezone", settings.TIME_ZONE)
    for event in events:
        cal.add_component(_ical_event(event, base_url=base_url, tz=tz))
    cal.add_missing_timezones()
    return cal.to_ical()


def event_json_ld(event, *, url, image_url=""):
    """schema.org Event as a dict (rendered with the json_ld filter); dates only as precise as known."""
    data = {
        "@context": "https://schema.org",
        "@type": "Event",
        "name": event.title,
        "url": url,
        "startDate": event.iso_start,
        "eventStatus": "https://schema.org/EventScheduled",
        "organizer": {"@type": "Organization", "name": ORGANIZER_NAME},
        "inLanguage": "de",
    }
    if event.end_date:
        data["endDate"] = (
            datetime.datetime.combine(event.end_date, event.end_time).isoformat()
            if event.end_time
            else event.end_date.isoformat()
        )
    description = event.teaser or event.motto
    if description:
        data["description"] = description
    if event.venue or event.host_city:
        address = {"@type": "PostalAddress", "addressCountry": "DE"}
        if event.address:
            address["streetAddress"] = event.address
        if event.host_city:
            address["addressLocality"] = event.host_city.name
        data["location"] = {
            "@type": "Place",
            "name": event.venue or (event.host_city.name if event.host_city else ""),
            "address": address,
        }
    if image_url:
        data["image"] = [image_url]
    return data
