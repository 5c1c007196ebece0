"""The base of every app's sitemap section: a list page followed by its published objects."""

from django.contrib.sitemaps import Sitemap
from django.db.models import Max
from django.urls import reverse


def latest_change(queryset):
    """The newest `updated_at` in `queryset`, or None."""
    return queryset.aggregate(latest=Max("updated_at"))["latest"]


class PublishedContentSitemap(Sitemap):
    """A list page (`list_url_name`) followed by the published objects of `model` in `ordering`.

    An object's lastmod is its last change; the list page's is the newest change of any published object when
    `list_lastmod` is set, otherwise none.
    """

    changefreq = "monthly"
    model = None
    list_url_name = ""
    ordering = ()
    list_lastmod = False

    def published(self):
        return self.model.objects.published()

    def items(self):
        return [self.list_url_name, *self.published().order_by(*self.ordering)]

    def location(self, item):
        return reverse(item) if isinstance(item, str) else item.get_absolute_url()

    def lastmod(self, item):
        if not isinstance(item, str):
            return item.updated_at
        return latest_change(self.published()) if self.list_lastmod else None
