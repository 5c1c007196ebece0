from django.conf import settings
from django.contrib import admin
from django.contrib.sitemaps.views import sitemap
from django.urls import include, path

from articles.feeds import ArticleFeed
from documents.feeds import ActionFieldFeed, DocumentFeed, NetworkFeed
from emscher_portal import pdf, views
from emscher_portal.core.confirmation import confirmation_view
from emscher_portal.core.preview import preview_page, preview_pdf
from emscher_portal.core.site import SITE_SHORT_NAME
from emscher_portal.feeds import SearchFeed
from emscher_portal.models import LegalPage
from emscher_portal.security import permission_denied, server_error
from emscher_portal.sitemaps import SITEMAPS
from forums import views as forums_views
from forums.feeds import EventFeed, EventKindFeed
from participation.feeds import RoundFeed

admin.site.site_header = f"{SITE_SHORT_NAME} – Redaktion"
admin.site.site_title = SITE_SHORT_NAME
admin.site.index_title = "Inhalte verwalten"

# A lost database answers 503 with Retry-After; any other error the 500 page.
handler500 = server_error
# German, in the admin's look under /admin/ (e.g. an autocomplete the account may not use), else the site's.
handler403 = permission_denied

urlpatterns = [
    path("", views.HomeView.as_view(), name="home"),
    path("healthz", views.healthz, name="healthz"),
    path("readyz", views.readyz, name="readyz"),
    path("foren/", include("forums.urls")),
    path("netzwerke/", include("networks.urls")),
    path("", include("documents.urls")),
    path("aktuelles/", include("articles.urls")),
    path("api/oparl/v1/", include("oparl.urls")),
    path("themen/", include("participation.urls")),
    path("benachrichtigungen/", include("alerts.urls")),
    path(
        "admin/markdown-vorschau/",
        admin.site.admin_view(views.markdown_preview),
        name="admin-markdown-preview",
    ),
    path("admin/", admin.site.urls),
    # Legal pages, accessibility, contact, findability
    path("impressum/", views.LegalPageView.as_view(kind=LegalPage.Kind.IMPRINT), name="legal-impressum"),
    path("datenschutz/", views.LegalPageView.as_view(kind=LegalPage.Kind.PRIVACY), name="legal-datenschutz"),
    path("barrierefreiheit/", views.AccessibilityStatementView.as_view(), name="legal-barrierefreiheit"),
    path(
        "leichte-sprache/", views.LegalPageView.as_view(kind=LegalPage.Kind.EASY_LANGUAGE), name="legal-leichte-sprache"
    ),
    *[
        path(f"{kind}/pdf/", pdf.LegalPagePdfView.as_view(), {"kind": kind}, name=f"legal-pdf-{kind}")
        for kind in LegalPage.Kind.values
    ],
    path("gebaerdensprache/", views.SignLanguageView.as_view(), name="sign-language"),
    path("kontakt/", views.ContactView.as_view(), name="contact"),
    path("kontakt/danke/", views.ContactThanksView.as_view(), name="contact-thanks"),
    path("robots.txt", views.robots_txt, name="robots"),
    path("sitemap.xml", sitemap, {"sitemaps": SITEMAPS}, name="sitemap"),
    path("feeds/foren/", EventFeed(), name="feed-events"),
    path("feeds/dokumente/", DocumentFeed(), name="feed-documents"),
    path("feeds/aktuelles/", ArticleFeed(), name="feed-articles"),
    # Feeds per topic: per event kind, network, Handlungsfeld, saved search, round of topics; the events of a network
    # as iCalendar
    path("feeds/foren/<str:kind>/", EventKindFeed(), name="feed-events-kind"),
    path("feeds/netzwerke/<slug:slug>/", NetworkFeed(), name="feed-network"),
    path("feeds/handlungsfelder/<slug:slug>/", ActionFieldFeed(), name="feed-action-field"),
    path("feeds/suche/", SearchFeed(), name="feed-search"),
    path("feeds/themen/<slug:slug>/", RoundFeed(), name="feed-round"),
    path("netzwerke/<slug:slug>/termine.ics", forums_views.network_ics, name="network-ics"),
    # Preview links for drafts (read-only, never cached, noindex; made in the admin)
    path("vorschau/<str:token>/", preview_page, name="preview-page"),
    path("vorschau/<str:token>/pdf/", preview_pdf, name="preview-pdf"),
    # The one page behind every confirmation link (proposals, ballots, alerts): a GET shows, a POST confirms
    path("bestaetigen/<str:token>/", confirmation_view, name="confirmation"),
    # Site search
    path("suche/", views.search_view, name="search"),
    path("opensearch.xml", views.opensearch_view, name="opensearch"),
]

if settings.SERVE_MEDIA:
    urlpatterns += [path("media/<path:path>", views.media, name="media")]
