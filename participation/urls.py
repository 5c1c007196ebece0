from django.urls import path

from participation import pdf, views

app_name = "participation"

urlpatterns = [
    path("", views.round_list, name="round-list"),
    path("was-wurde-daraus/", views.ledger, name="ledger"),
    path("<slug:slug>/", views.round_detail, name="round-detail"),
    path("<slug:slug>/vorschlagen/", views.topic_propose_view, name="propose"),
    path("<slug:slug>/vorschlagen/danke/", views.propose_thanks, name="propose-thanks"),
    path("<slug:slug>/gewichten/", views.ballot_view, name="ballot"),
    path("<slug:slug>/gewichten/danke/", views.ballot_thanks, name="ballot-thanks"),
    path("<slug:slug>/protokoll/", views.moderation_log, name="moderation-log"),
    path("<slug:slug>/themen.csv", views.round_export, {"fmt": "csv"}, name="export-csv"),
    path("<slug:slug>/themen.json", views.round_export, {"fmt": "json"}, name="export-json"),
    path("<slug:slug>/pdf/", pdf.RoundPdfView.as_view(), name="round-pdf"),
    path("<slug:round_slug>/<slug:slug>/", views.topic_detail, name="topic-detail"),
    path("<slug:round_slug>/<slug:slug>/pdf/", pdf.TopicPdfView.as_view(), name="topic-pdf"),
]
