"""The demo's example articles: marked „Beispiel“, each with at least three sections, a box and a figure."""

import pytest

from articles.models import Article
from emscher_portal.core.markup import BoxKind

pytestmark = pytest.mark.django_db


def test_three_example_articles_with_sections_box_and_figure(demo, client):
    articles = list(Article.objects.published().order_by("slug"))

    assert [article.slug for article in articles] == [
        "buergerdialog-als-vorbild",
        "zehn-jahre-zukunftsinitiative",
        "ziele-bis-2040",
    ]
    for article in articles:
        rendered = article.rendered()
        kinds = {box.kind for box in rendered.boxes}
        assert article.is_example
        assert rendered.sections >= 3, article.slug
        assert BoxKind.KNOWLEDGE in kinds or BoxKind.QUOTE in kinds, article.slug
        assert BoxKind.FIGURE in kinds, article.slug
        assert '<figure class="figure">' in rendered.html, article.slug
        assert article.cover is not None
        assert article.cover.has_renditions
        response = client.get(article.get_absolute_url())
        assert response.status_code == 200
        assert "Beispiel" in response.text


def test_the_citizens_dialogue_article_is_there(demo, client):
    response = client.get("/aktuelles/buergerdialog-als-vorbild/")

    assert "20 Themenforen" in response.text
    assert "Inhaltsverzeichnis" in response.text


def test_home_shows_the_demo_articles(demo, client):
    response = client.get("/")

    assert [article.slug for article in response.context["newest_articles"]] == [
        "ziele-bis-2040",
        "buergerdialog-als-vorbild",
        "zehn-jahre-zukunftsinitiative",
    ]
