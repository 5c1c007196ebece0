from django.conf import settings
from django.contrib import admin
from django.urls import include, path

from emscher_portal import views
from emscher_portal.search import views as search_views

admin.site.site_header = "Emscher-Portal – Redaktion"
admin.site.site_title = "Emscher-Portal"
admin.site.index_title = "Inhalte verwalten"

urlpatterns = [
    path("", views.HomeView.as_view(), name="home"),
    path("healthz", views.healthz, name="healthz"),
    path("readyz", views.readyz, name="readyz"),
    path("foren/", include("forums.urls")),
    path("netzwerke/", include("networks.urls")),
    path("", include("documents.urls")),
    path("admin/", admin.site.urls),
    # Site search (issue 6)
    path("suche/", search_views.search_view, name="search"),
    path("opensearch.xml", search_views.opensearch_view, name="opensearch"),
]

if settings.SERVE_MEDIA:
    urlpatterns += [path("media/<path:path>", views.media, name="media")]
