"""The forum documentation as a PDF, through the shared pipeline (`emscher_portal.core.pdf`)."""

from django.utils.translation import gettext as _

from emscher_portal.core.pdf.views import ObjectPdfView, pdf_view
from forums.models import Event
from forums.selectors import event_get_queryset_for_detail, event_programme_days


@pdf_view
class EventPdfView(ObjectPdfView):
    """/foren/<slug>/dokumentation.pdf: the event's documentation as a PDF (cover, contents, programme, workshops,
    photos at print size, documents), rendered once per content version by the PDF pipeline."""

    model = Event
    template_name = "forums/print/event.html"
    # A photo in the PDF is about 82 mm wide: the 960 px rendition gives ~300 dpi, never the camera original.
    print_photo_width = 960

    def get_queryset(self):
        return event_get_queryset_for_detail(user=self.viewer)

    def get_pdf_context(self, event):
        photos = []
        for photo in event.gallery:
            if not photo.has_renditions:
                continue  # no print-size copy yet: better left out than the camera original
            url, width, height = photo.rendition(self.print_photo_width)
            photos.append({"photo": photo, "url": url, "width": width, "height": height})
        # The same cover as on the page and the cards; left out while it has no print-size copy yet.
        cover = next((item for item in photos if item["photo"] == event.cover_photo), None)
        return {
            **super().get_pdf_context(event),
            "event": event,
            "programme_days": event_programme_days(event),
            "photos": photos,
            # The imprint page names whose photos these are (print/base.html).
            "photo_credits": sorted({item["photo"].credit for item in photos if item["photo"].credit})
            if photos
            else None,
            "cover": cover,
            "documents": event.document_list,
        }

    def get_filename(self, event):
        return _("Dokumentation %(title)s.pdf") % {"title": event.title}
