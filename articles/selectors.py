"""Reads of the articles app, each with the select/prefetch its callers need."""

from django.db.models import Prefetch

from articles.models import Article, ArticleImage, Rubric
from documents.models import Document, Measure
from forums.models import Event
from networks.selectors import published_networks


def pictures_prefetch():
    """An article's pictures in order as `picture_list` (Article.pictures, .cover and .figures read it)."""
    return Prefetch("images", queryset=ArticleImage.objects.order_by("position", "pk"), to_attr="picture_list")


def article_list_visible(*, user, rubric=None):
    """Articles `user` may see, newest first, optionally of one rubric; with `rubric`, `author_member` and
    `picture_list` (for the cover) loaded. Two queries for a page."""
    queryset = Article.objects.visible_to(user)
    if rubric is not None:
        queryset = queryset.filter(rubric=rubric)
    return queryset.newest_first().select_related("rubric", "author_member").prefetch_related(pictures_prefetch())


def article_list_newest(*, user, limit=3):
    """The newest `limit` articles `user` may see (the home page)."""
    return article_list_visible(user=user)[:limit]


def rubric_list_in_use(*, user):
    """Rubrics that have articles `user` may see, in editorial order."""
    return Rubric.objects.filter(articles__in=Article.objects.visible_to(user)).distinct().order_by("position", "name")


def article_get_queryset_for_detail(*, user):
    """The queryset a detail page or the PDF reads one article from, with everything it shows:

    `rubric`, `author_member`, `printed_in` (shown only while published: see `article_printed_issue`); prefetched
    `picture_list` (the pictures in order), `event_list`, `network_list`, `measure_list`, `document_list` (each the
    published ones only, as links)."""
    return (
        Article.objects.visible_to(user)
        .select_related("rubric", "author_member", "printed_in")
        .prefetch_related(
            pictures_prefetch(),
            Prefetch("events", queryset=Event.objects.published().order_by("-start_date"), to_attr="event_list"),
            Prefetch("networks", queryset=published_networks(), to_attr="network_list"),
            Prefetch(
                "measures",
                queryset=Measure.objects.published().select_related("action_field"),
                to_attr="measure_list",
            ),
            Prefetch(
                "documents", queryset=Document.objects.published().order_by("-year", "title"), to_attr="document_list"
            ),
        )
    )


def article_printed_issue(article):
    """(the published document the article appeared in, its URL opened at the article's first page) or (None, "").
    No query: reads the joined `printed_in`."""
    document = article.printed_in
    if document is None or not document.is_published:
        return None, ""
    url = document.get_download_url()
    if article.printed_page:
        url = f"{url}#page={article.printed_page}"
    return document, url
