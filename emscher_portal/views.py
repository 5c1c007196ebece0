from django.conf import settings
from django.core.cache import cache
from django.core.files.storage import default_storage
from django.core.paginator import Paginator
from django.db import DatabaseError, connection
from django.http import HttpResponse, HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse, reverse_lazy
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST, require_safe
from django.views.generic import FormView, TemplateView
from django.views.static import serve as static_serve

from articles.selectors import article_list_newest
from documents.selectors import document_list_published_before_bitv_deadline, document_list_visible
from emscher_portal.core.filtering import list_page
from emscher_portal.core.http import client_ip
from emscher_portal.core.markup import markdown_to_html
from emscher_portal.core.pagecache.middleware import writes_nothing
from emscher_portal.core.search.query import normalise_query, search
from emscher_portal.core.search.registry import kinds
from emscher_portal.core.worker.health import QueueStaleError, task_queue_check
from emscher_portal.feeds import search_feed_query, search_year
from emscher_portal.forms import ContactForm
from emscher_portal.models import LegalPage, SignLanguageVideo
from emscher_portal.services import contact_message_create
from forums.selectors import event_list_archived, event_list_upcoming
from networks.selectors import network_list
from participation.selectors import round_list_open


class HomeView(TemplateView):
    """What the initiative is, the next and latest events, the newest articles and documents, and the networks."""

    template_name = "emscher_portal/home.html"

    def get_context_data(self, **kwargs):
        user = self.request.user
        today = timezone.localdate()
        return super().get_context_data(
            next_events=list(event_list_upcoming(today=today)[:1]),
            # „Zuletzt im Archiv“: what is over; the next forum is „Nächster Termin“, not part of the archive yet.
            latest_events=list(event_list_archived(user=user, today=today)[:3]),
            newest_documents=list(document_list_visible(user=user)[:4]),
            networks=list(network_list(user=user)),
            newest_articles=list(article_list_newest(user=user, limit=3)),
            open_rounds=list(round_list_open()),
            **kwargs,
        )


@never_cache
def healthz(request):
    """Liveness: the process answers. Touches neither database nor cache."""
    return HttpResponse("ok\n", content_type="text/plain; charset=utf-8")


def _check_database():
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
        cursor.fetchone()


def _check_cache():
    cache.set("readyz", "1", timeout=5)
    if cache.get("readyz") != "1":
        raise RuntimeError("cache read-back failed")


def _check_storage():
    # listdir("") raises if the media storage is unreachable or missing.
    default_storage.listdir("")


@never_cache
def readyz(request):
    """Readiness: database, cache and media storage answer, and the task queue moves; 503 with the reason
    otherwise."""
    failures = []
    for name, check in (("database", _check_database), ("cache", _check_cache), ("storage", _check_storage)):
        try:
            check()
        except (DatabaseError, OSError, RuntimeError, Exception) as exc:  # noqa: BLE001 -- any failure means not ready
            failures.append(f"{name}: {type(exc).__name__}")
            if name == "database":
                # Drop the broken connection so the next request reconnects.
                connection.close_if_unusable_or_obsolete()
    if not any(failure.startswith("database:") for failure in failures):
        try:
            task_queue_check()
        except QueueStaleError as exc:
            failures.append(f"tasks: stale queue ({exc})")
        except DatabaseError as exc:
            failures.append(f"tasks: {type(exc).__name__}")
    if failures:
        return HttpResponse(
            "not ready\n" + "\n".join(failures) + "\n", status=503, content_type="text/plain; charset=utf-8"
        )
    return HttpResponse("ready\n", content_type="text/plain; charset=utf-8")


# What our uploads and renditions are; only these are shown inline from /media/.
MEDIA_INLINE_TYPES = {"image/jpeg", "image/png", "image/webp", "application/pdf", "video/mp4", "video/webm", "text/vtt"}


def media(request, path):
    """Public media files for a single-host set-up; production lets the reverse proxy or a CDN do this."""
    response = static_serve(request, path, document_root=settings.MEDIA_ROOT)
    response["Cache-Control"] = "public, max-age=86400"
    if response.get("Content-Type", "").split(";")[0].strip() not in MEDIA_INLINE_TYPES:
        # Anything else (HTML, SVG, scripts, unknown) is only ever offered as a download, never rendered.
        response["Content-Type"] = "application/octet-stream"
        response["Content-Disposition"] = "attachment"
    return response


# ---------------------------------------------------------------------------
# Legal pages, Leichte Sprache, Gebärdensprache, contact, robots.txt
# ---------------------------------------------------------------------------


class LegalPageView(TemplateView):
    """One of the editor-written text pages; the legal ones exist even before the Redaktion has written (and
    published) them."""

    template_name = "emscher_portal/legal_page.html"
    kind = None

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["page"] = LegalPage.objects.visible_to(self.request.user).filter(kind=self.kind).first()
        context["kind_label"] = LegalPage.Kind(self.kind).label
        context["kind"] = self.kind
        if self.kind == LegalPage.Kind.PRIVACY:
            context["retention_days"] = settings.CONTACT_RETENTION_DAYS
            context["confirmation_valid_hours"] = settings.CONFIRMATION_VALID_HOURS
            context["confirmation_keep_days"] = settings.CONFIRMATION_KEEP_DAYS
        return context


class AccessibilityStatementView(LegalPageView):
    template_name = "emscher_portal/accessibility_statement.html"
    kind = LegalPage.Kind.ACCESSIBILITY

    def get_context_data(self, **kwargs):
        return super().get_context_data(old_documents=document_list_published_before_bitv_deadline(), **kwargs)


class SignLanguageView(TemplateView):
    template_name = "emscher_portal/sign_language.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["video"] = SignLanguageVideo.objects.filter(is_published=True).order_by("-created_at").first()
        return context


class ContactView(FormView):
    template_name = "emscher_portal/contact.html"
    form_class = ContactForm
    success_url = reverse_lazy("contact-thanks")

    def get_initial(self):
        initial = super().get_initial()
        if self.request.GET.get("betreff") == "barriere":
            initial["subject"] = _("Barriere melden")
            initial["message"] = _("Seite, auf der die Barriere auftritt:\n\nWas ist das Problem?\n")
        return initial

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "client_ip": client_ip(self.request)}

    def get_context_data(self, **kwargs):
        return super().get_context_data(retention_days=settings.CONTACT_RETENTION_DAYS, **kwargs)

    def form_valid(self, form):
        if form.is_trap_filled:
            # A bot filled the hidden field: it sees the same confirmation, nothing is stored or sent.
            return HttpResponseRedirect(self.get_success_url())
        data = form.cleaned_data
        contact_message_create(
            name=data["name"],
            email=data["email"],
            organisation=data["organisation"],
            subject=data["subject"],
            message=data["message"],
            wants_to_join=data["wants_to_join"],
        )
        return HttpResponseRedirect(self.get_success_url())

    def form_invalid(self, form):
        if "started" in form.errors:
            form.fresh_started_token()
        rate_limited = any(error.code == "rate_limited" for error in form.non_field_errors().as_data())
        return self.render_to_response(self.get_context_data(form=form), status=429 if rate_limited else 200)


class ContactThanksView(TemplateView):
    template_name = "emscher_portal/contact_thanks.html"


def robots_txt(request):
    lines = [
        "User-agent: *",
        "Disallow: /admin/",
        "",
        f"Sitemap: {request.build_absolute_uri(reverse('sitemap'))}",
        "",
    ]
    return HttpResponse("\n".join(lines), content_type="text/plain; charset=utf-8")


# ---------------------------------------------------------------------------
# Site search: /suche/ and /opensearch.xml (the machinery is emscher_portal.core.search)
# ---------------------------------------------------------------------------

SEARCH_PER_PAGE = 20


@require_safe
def search_view(request):
    q = normalise_query(request.GET.get("q", ""))
    kind = request.GET.get("art", "")
    kind_labels = kinds()
    kind = kind if kind in kind_labels else None
    year = search_year(request.GET.get("jahr"))
    context = {"q": q, "kind": kind, "year": year, "kinds": list(kind_labels.items())}
    status = 200
    if q:
        results = search(q, kind=kind, year=year)
        # „abc“, „-1“ and „99999“ give the first or the last page with a message, as on every list (core.filtering).
        shown = list_page(Paginator(results, SEARCH_PER_PAGE), request.GET.get("page"))
        page_obj, status = shown.page, shown.status
        kind_counts = results.kind_counts()
        context.update(
            page_error=shown.message,
            results=results,
            total=results.total,
            page_obj=page_obj,
            hits=page_obj.object_list,
            kind_facets=[(value, label, kind_counts.get(value, 0)) for value, label in kind_labels.items()],
            all_kinds_total=sum(kind_counts.values()),
            year_facets=sorted(results.year_counts().items(), reverse=True),
            page_range=page_obj.paginator.get_elided_page_range(page_obj.number, on_each_side=2, on_ends=1),
            suggestion=results.suggestion() if results.total == 0 else None,
        )
        context["title"] = _("Suche nach „%(q)s“") % {"q": q}
        context["feed_url"] = f"{reverse('feed-search')}?{search_feed_query(q=q, kind=kind, year=year)}"
    else:
        context["title"] = _("Suche")
    return render(request, "emscher_portal/search.html", context, status=status)


@require_safe
def opensearch_view(request):
    return render(
        request,
        "emscher_portal/search_opensearch.xml",
        {"base_url": settings.SITE_URL.rstrip("/")},
        content_type="application/opensearchdescription+xml; charset=utf-8",
    )


@require_POST
@writes_nothing
def markdown_preview(request):
    """The admin's „Vorschau“ of a Markdown field: the text as the page will show it, through the same sanitising
    renderer (core.markup). Staff only and CSRF-checked (urls.py wraps it in the admin's own view guard)."""
    html = markdown_to_html(request.POST.get("text", "").strip())
    if not html:
        html = f"<p>{_('Das Feld ist leer.')}</p>"
    return HttpResponse(html, content_type="text/html; charset=utf-8")
