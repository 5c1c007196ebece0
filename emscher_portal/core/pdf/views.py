"""„PDF anzeigen“: the view every content app's PDF builds on, and the registry of those views by model.

An app declares its PDF views in its `pdf.py` with `@pdf_view`; the change map prerenders the PDF of every object
a committed change affects (`pdf_views_for(model)`), in the task worker (`core.pdf.tasks.pdf_prerender`).
"""

from django.conf import settings
from django.contrib.auth.models import AnonymousUser
from django.core.cache import cache
from django.http import Http404
from django.utils import timezone
from django.views import View

from emscher_portal.core.pagecache.version import current_version
from emscher_portal.core.pdf.render import PdfFile, pdf_render
from emscher_portal.core.pdf.responses import pdf_file_response
from emscher_portal.core.pdf.stamp import content_version_key, loaded_stamp
from emscher_portal.core.site import SITE_SHORT_NAME, partner_logos, site_operator
from emscher_portal.core.slugs import former_slug_redirect

# model label → the ObjectPdfView that prints one object of that model
_registry = {}


def pdf_view(view_class):
    """Class decorator: register an ObjectPdfView as the PDF of its `model` (one PDF view per model)."""
    label = view_class.model._meta.label
    if label in _registry and _registry[label] is not view_class:
        raise ValueError(f"{label} has a PDF view already: {_registry[label].__name__}")
    _registry[label] = view_class
    return view_class


def pdf_view_for(model):
    """The registered PDF view of `model`, or None."""
    return _registry.get(model._meta.label)


def pdf_view_by_label(label):
    """The registered PDF view of the model labelled `label` (as the prerender task is given it), or None."""
    return _registry.get(label)


# How long a view remembers which stored PDF answers a URL. The remembered answer is keyed by the site-wide
# content version (core.pagecache.version), which any committed content change replaces, so it is never stale;
# the timeout only keeps unused entries from piling up.
FAST_PATH_TIMEOUT = 3600


class ObjectPdfView(View):
    """„PDF anzeigen“ for one content object, rendered from its print template through pdf_render.

    Subclasses set `model` (whose objects it prints), `template_name` (the print template) and `get_queryset()`
    (a selector honouring `visible_to(self.viewer)` that prefetches everything the PDF shows), and extend
    `get_pdf_context(obj)`. The cache key is `loaded_stamp(obj)` (plus `get_extra_cache_parts(obj)` for anything
    loaded outside the object, the operator's details of the imprint block and the partner logos of the cover), so it
    changes with every edit of
    what the PDF shows. Every PDF ends with an imprint block (print/base.html): the operator (core.site), the date
    of issue, the licence, the page's stable address, and the photo credits a subclass gives as `photo_credits`.
    The PDF shows what the public sees; staff may fetch a draft's PDF (never kept by shared caches).
    `prerender(pk)` renders ahead of the first reader (the task); a view registered with `@pdf_view` is
    prerendered whenever the change map says one of its objects changed.

    A repeated request is answered from a remembered URL → file entry (a cache read; with a per-process cache one
    primary-key read of the content version) until content changes anywhere.
    """

    model = None
    template_name = None
    slug_url_kwarg = "slug"

    @property
    def viewer(self):
        """Whose view of the content the PDF shows: the public's, unless staff asked for a draft."""
        return getattr(self, "content_user", None) or AnonymousUser()

    def get_queryset(self):
        raise NotImplementedError

    def find_object(self, queryset):
        return queryset.filter(slug=self.kwargs[self.slug_url_kwarg]).first()

    def get_object(self):
        # Published content is always rendered as the public sees it, even for staff, so that one stored file
        # serves everyone; only a draft (staff only) is rendered with the staff's view.
        self.content_user = AnonymousUser()
        obj = self.find_object(self.get_queryset())
        request = getattr(self, "request", None)
        if obj is None and request is not None and request.user.is_staff:
            self.content_user = request.user
            obj = self.find_object(self.get_queryset())
        if obj is None:
            raise Http404
        return obj

    def is_public(self, obj):
        return getattr(obj, "is_published", True) and not getattr(self.viewer, "is_staff", False)

    def get_extra_cache_parts(self, obj):
        return []

    def get_cache_parts(self, obj):
        return [
            loaded_stamp(obj),
            self.get_extra_cache_parts(obj),
            loaded_stamp(self.operator),
            [loaded_stamp(logo) for logo in self.partner_logos],
        ]

    @property
    def operator(self):
        """The operator's details for the imprint block, read once per view."""
        if not hasattr(self, "_operator"):
            self._operator = site_operator()
        return self._operator

    @property
    def partner_logos(self):
        """The partners' logos for the cover (none until the Redaktion uploads them), read once per view."""
        if not hasattr(self, "_partner_logos"):
            self._partner_logos = partner_logos()
        return self._partner_logos

    def get_pdf_context(self, obj):
        site_url = settings.SITE_URL.rstrip("/")
        return {
            "object": obj,
            "site_url": site_url,
            "site_name": SITE_SHORT_NAME,
            "page_url": site_url + obj.get_absolute_url(),
            "generated_on": timezone.localdate(),
            "operator": self.operator,
            "partner_logos": self.partner_logos,
        }

    def get_filename(self, obj):
        return f"{obj.slug}.pdf"

    def render_object(self, obj):
        return pdf_render(
            template=self.template_name,
            context=lambda: self.get_pdf_context(obj),
            cache_key=content_version_key(*self.get_cache_parts(obj)),
        )

    def _fast_path_key(self):
        view = f"{type(self).__module__}.{type(self).__qualname__}"
        arguments = "&".join(f"{key}={value}" for key, value in sorted(self.kwargs.items()))
        return f"pdf:view:{current_version()}:{view}:{arguments}"

    def get(self, request, *args, **kwargs):
        fast_key = self._fast_path_key()
        remembered = cache.get(fast_key)
        if remembered and (remembered["public"] or request.user.is_staff):
            try:
                return pdf_file_response(
                    request,
                    PdfFile(name=remembered["name"], etag=remembered["etag"]),
                    filename=remembered["filename"],
                    public=remembered["public"],
                )
            except FileNotFoundError:
                cache.delete(fast_key)
        try:
            obj = self.get_object()
        except Http404:
            # A former slug: 301 to the same PDF under the current one (get_object left the widest viewer set).
            redirect = former_slug_redirect(
                request, self.get_queryset(), self.kwargs.get(self.slug_url_kwarg), slug_url_kwarg=self.slug_url_kwarg
            )
            if redirect is None:
                raise
            return redirect
        pdf = self.render_object(obj)
        public = self.is_public(obj)
        filename = self.get_filename(obj)
        cache.set(
            fast_key,
            {"name": pdf.name, "etag": pdf.etag, "filename": filename, "public": public},
            FAST_PATH_TIMEOUT,
        )
        return pdf_file_response(request, pdf, filename=filename, public=public)

    @classmethod
    def prerender(cls, *, pk):
        """Render the PDF the public would get for object `pk` unless it is stored already; Http404 if the public
        cannot see that object."""
        view = cls()
        view.request = None
        view.kwargs = {}
        view.content_user = AnonymousUser()
        obj = view.find_prerender_object(view.get_queryset(), pk)
        if obj is None:
            raise Http404
        return view.render_object(obj)

    def find_prerender_object(self, queryset, pk):
        """The object of `queryset` whose PDF a reader may ask for, given its primary key."""
        return queryset.filter(pk=pk).first()
