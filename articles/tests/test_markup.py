"""Anchors, table of contents, boxes and reading time of an article's body, as the article page shows them."""

import pytest
from django.urls import reverse
from pytest_django.asserts import assertContains, assertInHTML, assertNotContains

from articles.tests.factories import make_article, make_picture
from emscher_portal.core.markup import WORDS_PER_MINUTE, long_text_render

pytestmark = pytest.mark.django_db

BODY = """Einleitung.

## Übergänge und Maße

Text.

### Straße der Zukunft

Text.

## Übergänge und Maße

Noch einmal dieselbe Überschrift.

## Inhalt

Eine Überschrift, die wie eine Kennung der Seite heißt.
"""


def _anchors(response):
    return [heading.anchor for heading in response.context["rendered"].headings]


def test_headings_get_german_transliterated_unique_anchors_and_a_table_of_contents(client):
    article = make_article(body=BODY)

    response = client.get(article.get_absolute_url())

    assert _anchors(response) == ["uebergaenge-und-masse", "strasse-der-zukunft", "uebergaenge-und-masse-2", "inhalt-2"]
    assertInHTML('<h2 id="uebergaenge-und-masse">Übergänge und Maße</h2>', response.content.decode())
    assertInHTML('<h3 id="strasse-der-zukunft">Straße der Zukunft</h3>', response.content.decode())
    assertInHTML('<h2 id="uebergaenge-und-masse-2">Übergänge und Maße</h2>', response.content.decode())
    assertInHTML(
        """<nav class="article-toc" aria-labelledby="inhaltsverzeichnis">
          <h2 class="article-toc__title" id="inhaltsverzeichnis">Inhaltsverzeichnis</h2>
          <ol class="article-toc__list">
            <li><a href="#uebergaenge-und-masse">Übergänge und Maße</a>
              <ol><li><a href="#strasse-der-zukunft">Straße der Zukunft</a></li></ol></li>
            <li><a href="#uebergaenge-und-masse-2">Übergänge und Maße</a></li>
            <li><a href="#inhalt-2">Inhalt</a></li>
          </ol>
        </nav>""",
        response.content.decode(),
    )


def test_anchors_stay_when_other_text_changes_and_only_a_changed_heading_moves(client):
    article = make_article(body=BODY)
    before = _anchors(client.get(article.get_absolute_url()))

    article.body = BODY.replace("Einleitung.", "## Neu davor\n\nEin ganz anderer Anfang.").replace(
        "### Straße der Zukunft", "### Straßen von morgen"
    )
    article.save()
    after = _anchors(client.get(article.get_absolute_url()))

    assert before == ["uebergaenge-und-masse", "strasse-der-zukunft", "uebergaenge-und-masse-2", "inhalt-2"]
    assert after == ["neu-davor", "uebergaenge-und-masse", "strassen-von-morgen", "uebergaenge-und-masse-2", "inhalt-2"]


def test_no_table_of_contents_with_only_one_section(client):
    article = make_article(body="## Nur ein Abschnitt\n\nText.\n\n### Ein Unterabschnitt\n\nText.")

    response = client.get(article.get_absolute_url())

    assertNotContains(response, "Inhaltsverzeichnis")
    assertContains(response, '<h2 id="nur-ein-abschnitt">Nur ein Abschnitt</h2>', html=True)


@pytest.mark.parametrize(
    ("words", "minutes"), [(10, 1), (WORDS_PER_MINUTE, 1), (WORDS_PER_MINUTE + 1, 2), (5 * WORDS_PER_MINUTE, 5)]
)
def test_reading_time_at_german_reading_speed(words, minutes):
    assert long_text_render(" ".join(["Wort"] * words)).reading_minutes == minutes


def test_reading_time_shown_on_the_page(client):
    article = make_article(body="## Eins\n\n" + " ".join(["Regenwasser"] * 3 * WORDS_PER_MINUTE))

    response = client.get(article.get_absolute_url())

    assertContains(response, "4 Minuten Lesezeit")  # 3 × 179 words plus the heading: just over three minutes


def test_boxes_without_html_render_safely(client):
    article = make_article(
        body=(
            "## Erster Abschnitt\n\n"
            "::: wissenswertes Was ist ein <b>Forum</b>?\n"
            "Ein *Forum* ist ein Treffen. <script>alert(1)</script>\n:::\n\n"
            "::: zitat Motto des 9. Experten-Forums\nHandeln im Wandel\n:::\n\n"
            "## Zweiter Abschnitt\n\n::: abbildung 1\nDas Plenum in Bottrop\n:::\n"
        )
    )
    make_picture(article, alt_text="Menschen im Plenum", credit="Ina Muster")

    response = client.get(article.get_absolute_url())

    html = response.content.decode()
    assert "<script>alert(1)</script>" not in html
    assert "<b>Forum</b>" not in html
    assertInHTML(
        """<aside class="box box--wissenswertes" aria-label="Was ist ein &lt;b&gt;Forum&lt;/b&gt;?">
          <p class="box__label">Wissenswertes</p>
          <p class="box__title">Was ist ein &lt;b&gt;Forum&lt;/b&gt;?</p>
          <p>Ein <em>Forum</em> ist ein Treffen. &lt;script&gt;alert(1)&lt;/script&gt;</p>
        </aside>""",
        html,
    )
    assertInHTML(
        """<figure class="box box--zitat"><blockquote><p>Handeln im Wandel</p></blockquote>
          <figcaption>– Motto des 9. Experten-Forums</figcaption></figure>""",
        html,
    )
    figure = html[html.index('<figure class="figure">') :]
    figure = figure[: figure.index("</figure>")]
    assert 'alt="Menschen im Plenum"' in figure
    assert "-960.webp 960w" in figure
    assert "Das Plenum in Bottrop" in figure
    assert "Foto: Ina Muster" in figure


@pytest.mark.parametrize("number", ["3", "²", "9" * 5000])
def test_figure_of_a_missing_picture_shows_nothing_broken(client, number):
    article = make_article(body=f"## Eins\n\n::: abbildung {number}\n:::\n\n## Zwei\n\nText.")

    response = client.get(article.get_absolute_url())

    assertNotContains(response, "abbildung")
    assertNotContains(response, '<figure class="figure">')


def test_article_list_url_reverses():
    assert reverse("articles:article-list") == "/aktuelles/"
