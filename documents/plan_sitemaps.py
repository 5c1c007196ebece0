from django.contrib.sitemaps import Sitemap
from django.urls import reverse

from documents.models import Measure


class PlanSitemap(Sitemap):
    """/massnahmenplan/ and every published measure of a published plan."""

    changefreq = "monthly"

    def items(self):
        return ["documents:plan-detail", *Measure.objects.published().order_by("action_field__number", "position")]

    def location(self, item):
        return reverse(item) if isinstance(item, str) else item.get_absolute_url()

    def lastmod(self, item):
        return None if isinstance(item, str) else item.updated_at
