from django.conf import settings
from django.core.cache import cache
from django.core.files.storage import default_storage
from django.db import DatabaseError, connection
from django.http import HttpResponse
from django.views.decorators.cache import never_cache
from django.views.generic import TemplateView
from django.views.static import serve as static_serve


class HomeView(TemplateView):
    template_name = "emscher_portal/home.html"


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
    """Readiness: database, cache and media storage answer; 503 with the reason otherwise."""
    failures = []
    for name, check in (("database", _check_database), ("cache", _check_cache), ("storage", _check_storage)):
        try:
            check()
        except (DatabaseError, OSError, RuntimeError, Exception) as exc:  # noqa: BLE001 -- any failure means not ready
            failures.append(f"{name}: {type(exc).__name__}")
            if name == "database":
                # Drop the broken connection so the next request reconnects.
                connection.close_if_unusable_or_obsolete()
    if failures:
        return HttpResponse(
            "not ready\n" + "\n".join(failures) + "\n", status=503, content_type="text/plain; charset=utf-8"
        )
    return HttpResponse("ready\n", content_type="text/plain; charset=utf-8")


def media(request, path):
    """Public media files for a single-host set-up; production lets the reverse proxy or a CDN do this."""
    response = static_serve(request, path, document_root=settings.MEDIA_ROOT)
    response["Cache-Control"] = "public, max-age=86400"
    return response
