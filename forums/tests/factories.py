"""Small builders for forums test data: sensible defaults, no surprises."""

import datetime
import io
import itertools

from PIL import Image

from emscher_portal.core.models import Status
from forums.models import Event, ProgrammeItem, Workshop
from forums.services import photo_create

_numbers = itertools.count(1)


def make_event(**overrides):
    number = next(_numbers)
    defaults = {
        "kind": Event.Kind.EXPERT_FORUM,
        "title": f"Experten-Forum {number}",
        "slug": f"experten-forum-{number}",
        "start_date": datetime.date(2019, 10, 30),
        "status": Status.PUBLISHED,
    }
    networks = overrides.pop("networks", None)
    event = Event(**(defaults | overrides))
    event.full_clean()
    event.save()
    if networks:
        event.networks.set(networks)
    return event


def make_programme_item(event, **overrides):
    defaults = {"title": "Begrüßung", "kind": ProgrammeItem.Kind.WELCOME, "start_time": datetime.time(9, 30)}
    return ProgrammeItem.objects.create(event=event, **(defaults | overrides))


def make_workshop(event, **overrides):
    networks = overrides.pop("networks", None)
    workshop = Workshop.objects.create(event=event, **({"title": "Kühlung von Innenstädten"} | overrides))
    if networks:
        workshop.networks.set(networks)
    return workshop


def image_bytes(fmt="JPEG", size=(64, 48), color=(11, 90, 140), **save_options):
    buffer = io.BytesIO()
    Image.new("RGB", size, color).save(buffer, format=fmt, **save_options)
    return buffer.getvalue()


def make_photo(event, *, size=(64, 48), **overrides):
    defaults = {"alt_text": "Menschen im Plenum", "filename": "foto.jpg"}
    return photo_create(event=event, image_bytes=image_bytes(size=size), **(defaults | overrides))


ADMIN_INLINES = ("programme_items", "workshops", "photos")


def event_admin_data(**overrides):
    """What the event's admin form posts for a one-day forum, its inlines empty."""
    data = {
        "kind": Event.Kind.EXPERT_FORUM,
        "edition": "3",
        "title": "3. Experten-Forum in Essen",
        "slug": "experten-forum-2017",
        "motto": "",
        "status": Status.DRAFT,
        "start_date": "12.10.2017",
        "date_precision": "day",
        "end_date": "",
        "start_time": "",
        "end_time": "",
        "host_city": "",
        "venue": "SANAA-Gebäude",
        "address": "",
        "teaser": "",
        "body": "",
    }
    for prefix in ADMIN_INLINES:
        data |= {f"{prefix}-TOTAL_FORMS": "0", f"{prefix}-INITIAL_FORMS": "0"}
    return data | overrides
