from articles.models import Article
from emscher_portal.core.sitemaps import PublishedContentSitemap


class ArticleSitemap(PublishedContentSitemap):
    """/aktuelles/ and every published article; the list changes when any article does."""

    model = Article
    list_url_name = "articles:article-list"
    ordering = ("-date", "pk")
    list_lastmod = True
