"""Slugs: made from titles once, unique, and stable — an editor's change leaves a redirect behind."""

from django.contrib.contenttypes.models import ContentType
from django.http import Http404, HttpResponsePermanentRedirect
from django.urls import reverse

from emscher_portal.core.models import OldSlug
from emscher_portal.core.text import german_slugify


def slug_unique_for(model, text, *, max_length=200, exclude_pk=None):
    """A slug made from `text` that no other row of `model` (and no old slug of it) uses yet."""
    base = (german_slugify(text) or "eintrag")[: max_length - 4].strip("-")
    content_type = ContentType.objects.get_for_model(model)
    taken = set(
        model.objects.filter(slug__startswith=base).exclude(pk=exclude_pk).values_list("slug", flat=True)
    ) | set(OldSlug.objects.filter(content_type=content_type, slug__startswith=base).values_list("slug", flat=True))
    candidate, number = base, 2
    while candidate in taken:
        candidate = f"{base}-{number}"
        number += 1
    return candidate


def slug_change_record(*, instance, old_slug):
    """Remember `old_slug` of `instance` so that links to it keep working. Call when an editor changed the slug."""
    if not old_slug or old_slug == instance.slug:
        return
    content_type = ContentType.objects.get_for_model(type(instance))
    # If the object returns to an earlier slug, that slug is live again and must not redirect.
    OldSlug.objects.filter(content_type=content_type, slug=instance.slug).delete()
    OldSlug.objects.update_or_create(content_type=content_type, slug=old_slug, defaults={"object_id": instance.pk})


def former_slug_redirect(request, queryset, slug, *, slug_url_kwarg="slug"):
    """The answer to a request for a former slug: a 301 to the same route (query kept) under the current slug of the
    object in `queryset` that once had `slug`, or None when `slug` never belonged to one of them."""
    target = _object_for_old_slug(queryset, slug)
    if target is None:
        return None
    match = request.resolver_match
    url = reverse(match.view_name, args=match.args, kwargs={**match.kwargs, slug_url_kwarg: target.slug})
    if request.META.get("QUERY_STRING"):
        url = f"{url}?{request.META['QUERY_STRING']}"
    return HttpResponsePermanentRedirect(url)


def _object_for_old_slug(queryset, slug):
    """The object in `queryset` that was once reachable under `slug` (an OldSlug record), else None."""
    if not slug:
        return None
    content_type = ContentType.objects.get_for_model(queryset.model)
    object_id = OldSlug.objects.filter(content_type=content_type, slug=slug).values_list("object_id", flat=True).first()
    if object_id is None:
        return None
    return queryset.filter(pk=object_id).first()


class OldSlugRedirectMixin:
    """For a DetailView looked up by slug: a 404 for a former slug becomes a 301 to the object's current URL."""

    def get(self, request, *args, **kwargs):
        try:
            return super().get(request, *args, **kwargs)
        except Http404:
            redirect = former_slug_redirect(
                request, self.get_queryset(), kwargs.get(self.slug_url_kwarg), slug_url_kwarg=self.slug_url_kwarg
            )
            if redirect is None:
                raise
            return redirect
