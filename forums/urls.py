from django.urls import path

from forums import pdf, views

app_name = "forums"

urlpatterns = [
    path("", views.EventListView.as_view(), name="event-list"),
    # Before the per-event calendar, which would otherwise take "termine" for a slug.
    path("termine.ics", views.upcoming_ics, name="event-upcoming-ics"),
    path("<slug:slug>.ics", views.event_ics, name="event-ics"),
    path("<slug:slug>/", views.EventDetailView.as_view(), name="event-detail"),
    path("<slug:slug>/dokumentation.pdf", pdf.EventPdfView.as_view(), name="event-pdf"),
]
