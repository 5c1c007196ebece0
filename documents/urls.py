from django.urls import path

from documents.views import library as library_views

app_name = "documents"

urlpatterns = [
    # Document library
    path("dokumente/", library_views.DocumentListView.as_view(), name="document-list"),
    path("dokumente/<slug:slug>/", library_views.DocumentDetailView.as_view(), name="document-detail"),
    path("dokumente/<slug:slug>/download/", library_views.document_download, name="document-download"),
    path(
        "dokumente/<slug:slug>/versionen/<int:number>/download/",
        library_views.document_version_download,
        name="document-version-download",
    ),
]
