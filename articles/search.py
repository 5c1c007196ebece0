"""What the articles contribute to the site search: the article with its rubric, kicker, teaser and body."""

from django.utils.translation import gettext_lazy as _

from articles.models import Article
from articles.selectors import pictures_prefetch
from emscher_portal.core.markup import html_words
from emscher_portal.core.search.registry import Adapter, Kind, Unit, joined, register


@register
class ArticleAdapter(Adapter):
    model = Article
    kind = Kind("artikel", _("Artikel"))

    def queryset(self):
        return (
            Article.objects.published().select_related("rubric", "author_member").prefetch_related(pictures_prefetch())
        )

    def units(self, article):
        yield Unit(
            title=article.title,
            url=article.get_absolute_url(),
            summary=joined(article.rubric.name, article.kicker, article.teaser, article.author_display),
            # The rendered text, so that box markers („::: zitat“) are not found, their contents are.
            body=html_words(article.rendered().html),
            date=article.date,
            date_text=article.date_display,
        )
