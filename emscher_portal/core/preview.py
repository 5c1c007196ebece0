"""Preview links: a draft's page and PDF for people without an account (the working group), read-only.

An editor makes a link on the draft's admin page (`core.admin.PublishableAdminMixin`), valid for a chosen number
of days and revocable there. `/vorschau/<token>/` shows the object's own page as staff would see it (with a
banner saying it is a preview, and a link to the preview of its PDF); `/vorschau/<token>/pdf/` its PDF with
„Entwurf“ on every page. Both answer only GET, are never cached (`Cache-Control: private, no-store`; the path is
excluded from the page cache) and tell search engines not to index them (`X-Robots-Tag` and a robots meta tag).

The token is the link's random key signed with SECRET_KEY, so an altered or guessed token is refused before the
database is asked; expiry and revocation are checked on the row. The page is rendered by the object's own view
(found by resolving its `get_absolute_url()`) for a `PreviewViewer`: a user that is not logged in and sees what the
public sees plus this one draft, only for this one request.
"""

import datetime
import secrets

from django.conf import settings
from django.contrib.auth.models import AnonymousUser
from django.contrib.contenttypes.models import ContentType
from django.core import signing
from django.http import Http404
from django.urls import resolve, reverse
from django.utils import timezone
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_safe

from emscher_portal.core.models import PreviewLink
from emscher_portal.core.pdf.responses import pdf_file_response
from emscher_portal.core.pdf.views import pdf_view_for

SALT = "emscher_portal.preview"
ROBOTS = "noindex, nofollow, noarchive"


class PreviewViewer(AnonymousUser):
    """Whoever opens a preview link: the public, plus the one draft the link is for (`visible_to`), for that
    request. Other drafts stay hidden, also where the page lists neighbours or related objects."""

    def __init__(self, previewed):
        super().__init__()
        self.previewed = previewed

    def __str__(self):
        return "Vorschau"


# ---------------------------------------------------------------------------
# Services (the admin's preview page uses them)
# ---------------------------------------------------------------------------


def preview_link_create(*, obj, days, user=None):
    """A new preview link for `obj`, valid for `days` days from now."""
    return PreviewLink.objects.create(
        content_type=ContentType.objects.get_for_model(obj),
        object_id=obj.pk,
        key=secrets.token_urlsafe(24),
        expires_at=timezone.now() + datetime.timedelta(days=days),
        created_by=user if user is not None and user.is_authenticated else None,
    )


def preview_link_revoke(*, obj, link_id):
    """Revoke one of `obj`'s preview links (a link of another object is left alone)."""
    preview_links_for(obj).filter(pk=link_id, revoked_at__isnull=True).update(revoked_at=timezone.now())


def preview_links_for(obj):
    """`obj`'s preview links, newest first, with who made them."""
    return PreviewLink.objects.filter(
        content_type=ContentType.objects.get_for_model(obj), object_id=obj.pk
    ).select_related("created_by")


def preview_token(link):
    return signing.Signer(salt=SALT).sign(link.key)


def preview_url(request, link):
    """The absolute address to send (from SITE_URL, like every other link the portal hands out)."""
    return settings.SITE_URL.rstrip("/") + reverse("preview-page", kwargs={"token": preview_token(link)})


def preview_link_resolve(token):
    """(link, object) for a valid, unexpired, unrevoked token; Http404 otherwise."""
    try:
        key = signing.Signer(salt=SALT).unsign(token)
    except signing.BadSignature:
        raise Http404 from None
    link = PreviewLink.objects.filter(key=key).select_related("content_type").first()
    if link is None or not link.is_active:
        raise Http404
    model = link.content_type.model_class()
    obj = model._base_manager.filter(pk=link.object_id).first() if model is not None else None
    if obj is None:
        raise Http404
    return link, obj


# ---------------------------------------------------------------------------
# Views
# ---------------------------------------------------------------------------


def _private(response):
    response["X-Robots-Tag"] = ROBOTS
    return response


def _as_preview(request, link, obj, token):
    request.user = PreviewViewer(obj)
    request.preview_link = link
    request.preview_token = token


@never_cache
@require_safe
def preview_page(request, token):
    """The object's own page for a preview viewer."""
    link, obj = preview_link_resolve(token)
    _as_preview(request, link, obj, token)
    request.preview_has_pdf = pdf_view_for(type(obj)) is not None
    match = resolve(obj.get_absolute_url())
    request.resolver_match = match
    response = match.func(request, *match.args, **match.kwargs)
    if hasattr(response, "render"):
        response = response.render()
    return _private(response)


@never_cache
@require_safe
def preview_pdf(request, token):
    """The object's PDF as a draft (with „Entwurf“ on every page), for a preview viewer."""
    link, obj = preview_link_resolve(token)
    view_class = pdf_view_for(type(obj))
    if view_class is None:
        raise Http404
    _as_preview(request, link, obj, token)
    view = view_class()
    view.setup(request)
    view.content_user = request.user
    found = view.find_prerender_object(view.get_queryset(), obj.pk)
    if found is None:
        raise Http404
    pdf = view.render_object(found)
    return _private(pdf_file_response(request, pdf, filename=view.get_filename(found), public=False))
