from django.urls import path

from networks import pdf, views

app_name = "networks"

urlpatterns = [
    path("", views.NetworkListView.as_view(), name="network-list"),
    path("<slug:slug>/", views.NetworkDetailView.as_view(), name="network-detail"),
    path("<slug:slug>/pdf/", pdf.NetworkPdfView.as_view(), name="network-pdf"),
]
