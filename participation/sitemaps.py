from emscher_portal.core.models import Status
from emscher_portal.core.sitemaps import PublishedContentSitemap
from participation.models import Round, Topic


class RoundSitemap(PublishedContentSitemap):
    """/themen/, every published round and its public topics."""

    model = Round
    list_url_name = "participation:round-list"
    ordering = ("-proposals_open_at", "pk")
    list_lastmod = True

    def items(self):
        topics = (
            Topic.objects.public()
            .filter(round__status=Status.PUBLISHED)
            .select_related("round")
            .order_by("round__pk", "title")
        )
        return [*super().items(), *topics]
