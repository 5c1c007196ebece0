"""What must be right before an event is published (see `emscher_portal.core.publish_checks`)."""

from django.utils.translation import gettext as _

from emscher_portal.core.publish_checks import alt_text_findings, markdown_findings, publish_check
from forums.models import Event


@publish_check(Event)
def event_checks(event):
    yield from markdown_findings(event.body, label=_("Text"))
    if event.pk is None:
        return
    for number, photo in enumerate(event.photos.order_by("position", "pk"), start=1):
        label = _("Foto %(number)d") % {"number": number}
        if photo.caption:
            label = f"{label} („{photo.caption}“)"
        yield from alt_text_findings(photo.alt_text, label=label)
    for workshop in event.workshops.order_by("position", "pk"):
        label = _("Workshop „%(title)s“") % {"title": workshop.title}
        yield from markdown_findings(workshop.description, label=label)
        yield from markdown_findings(workshop.results, label=label)
