from django.conf import settings
from django.views.generic import DetailView

from articles.exports import article_citation, article_json_ld
from articles.forms import ArticleFilterForm
from articles.selectors import (
    article_get_queryset_for_detail,
    article_list_visible,
    article_printed_issue,
    rubric_list_in_use,
)
from emscher_portal.core.filtering import FilteredListView
from emscher_portal.core.slugs import OldSlugRedirectMixin


def _absolute(site_url, url):
    """A media URL made absolute unless the storage already gives one (e.g. an S3 or CDN host)."""
    return url if "//" in url else site_url + url


class ArticleListView(FilteredListView):
    """/aktuelles/: the articles, newest first, filterable by ?rubrik=; an unknown rubric answers 400 with the
    message at the field (core.filtering)."""

    template_name = "articles/article_list.html"
    context_object_name = "articles"
    paginate_by = 10

    def get_filter_form(self):
        return ArticleFilterForm(self.request.GET, rubrics=list(rubric_list_in_use(user=self.request.user)))

    def get_filtered_queryset(self, **filters):
        return article_list_visible(user=self.request.user, **filters)


class ArticleDetailView(OldSlugRedirectMixin, DetailView):
    template_name = "articles/article_detail.html"
    context_object_name = "article"

    def get_queryset(self):
        return article_get_queryset_for_detail(user=self.request.user)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        article = self.object
        site_url = settings.SITE_URL.rstrip("/")
        page_url = site_url + article.get_absolute_url()
        cover = article.cover
        issue, issue_url = article_printed_issue(article)
        context.update(
            rendered=article.rendered(),
            cover=cover,
            cover_url=_absolute(site_url, cover.large["url"]) if cover else "",
            page_url=page_url,
            issue=issue,
            issue_url=issue_url,
            citation=article_citation(article, url=page_url),
        )
        context["json_ld"] = article_json_ld(
            article,
            url=page_url,
            image_url=context["cover_url"],
            issue=issue,
            issue_url=_absolute(site_url, issue_url) if issue else "",
        )
        return context
