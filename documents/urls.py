from django.urls import path

from documents import pdf
from documents.views import catalogue as catalogue_views
from documents.views import library as library_views
from documents.views import plan as plan_views

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
    # All published documents of an event in one ZIP (beside the forums' own /foren/<slug>/… addresses)
    path("foren/<slug:slug>/dokumente.zip", library_views.event_documents_zip, name="event-documents-zip"),
    # The DCAT-AP.de catalogue of the documents and the plan
    path("katalog/", catalogue_views.catalogue, name="catalogue"),
    path("katalog.ttl", catalogue_views.catalogue_turtle, name="catalogue-turtle"),
    path("katalog.jsonld", catalogue_views.catalogue_json_ld, name="catalogue-json-ld"),
    # Maßnahmenplan 2020+ (the `<slug:slug>` converter matches no dot, so a `massnahmenplan/….pdf` route is free).
    path("massnahmenplan/", plan_views.PlanView.as_view(), name="plan-detail"),
    path("massnahmenplan/massnahmenplan.pdf", pdf.PlanPdfView.as_view(), name="plan-pdf"),
    path("massnahmenplan/<slug:slug>/", plan_views.MeasureDetailView.as_view(), name="measure-detail"),
    path("massnahmenplan/<slug:slug>/pdf/", pdf.MeasurePdfView.as_view(), name="measure-pdf"),
]
