"""„PDF anzeigen“ of an article: a tagged PDF whose bookmarks are the headings, with contents, boxes, figures at
print size, citation and imprint."""

import io
import re

import pytest
from django.test import Client
from pypdf import PdfReader

from articles.models import ArticleImage
from articles.tests.factories import make_article, make_picture, make_rubric
from documents.tests.library_factories import make_document
from emscher_portal.core.models import Status
from emscher_portal.tests.pdfs import outline_titles, read_pdf, response_bytes

pytestmark = pytest.mark.django_db

BODY = """Einleitung in das Thema.

## Ein Dialog mit 20 Themenforen

Text über die Themenforen.

::: abbildung 2
Abstimmen und gewichten
:::

## Abstimmen, was zuerst kommt

Text.

### Die Beteiligten gewichten selbst

::: wissenswertes Was ist das Experten-Forum?
Ein Treffen der Fachleute, einmal im Jahr.
:::

## Mitmachen in der Vorbereitungsgruppe

::: zitat Motto des 9. Experten-Forums
Handeln im Wandel
:::
"""


def _article(**overrides):
    article = make_article(
        title="Wer die Themen setzt",
        slug="wer-die-themen-setzt",
        kicker="Ein Bürgerdialog als Vorbild",
        rubric=make_rubric(name="Wissenswertes"),
        body=BODY,
        **overrides,
    )
    make_picture(article, is_cover=True, alt_text="Titelbild", credit="Ina Muster")
    make_picture(article, alt_text="Abbildung im Text", credit="Olaf Beispiel")
    return article


def test_article_pdf_bookmarks_equal_the_headings_and_it_is_tagged(client, render_spy):
    article = _article()

    reader, text = read_pdf(client.get(f"{article.get_absolute_url()}pdf/"))

    assert outline_titles(reader.outline) == [
        "Wer die Themen setzt",
        "Inhaltsverzeichnis",
        "Ein Dialog mit 20 Themenforen",
        "Abstimmen, was zuerst kommt",
        "Die Beteiligten gewichten selbst",
        "Mitmachen in der Vorbereitungsgruppe",
        "Impressum",
    ]
    # The same PDF/UA checks as the forum PDFs: language, title, tagged.
    assert reader.trailer["/Root"]["/Lang"] == "de"
    assert "/StructTreeRoot" in reader.trailer["/Root"]
    assert reader.metadata.title == "Wer die Themen setzt"
    assert render_spy == ["articles/print/article.html"]
    for words in (
        "Autor: Redaktion",
        "Ein Bürgerdialog als Vorbild",
        "Was ist das Experten-Forum?",
        "Handeln im Wandel",
        "Abstimmen und gewichten",
        "Zitieren als:",
        "Ina Muster; Olaf Beispiel",  # the imprint's photo credits
        "Seite 2 von",
    ):
        assert words in " ".join(text.split()), words


def test_article_pdf_contents_have_page_numbers(client):
    article = _article()

    reader, _text = read_pdf(client.get(f"{article.get_absolute_url()}pdf/"))

    first_page = " ".join(reader.pages[0].extract_text().split())
    quote_page = next(
        number for number, page in enumerate(reader.pages, start=1) if "Handeln im Wandel" in page.extract_text()
    )
    entry = re.search(r"Mitmachen in der Vorbereitungsgruppe[ .]*(\d+)", first_page)
    assert "Inhaltsverzeichnis" in first_page
    assert quote_page > 1
    assert int(entry[1]) == quote_page  # the last section, with its quotation, starts on the page its entry names


def test_article_pdf_embeds_pictures_at_print_size(client):
    article = _article()

    body = response_bytes(client.get(f"{article.get_absolute_url()}pdf/"))

    reader = PdfReader(io.BytesIO(body))
    sizes = {image.image.size for page in reader.pages for image in page.images}
    assert sizes == {(960, 640)}  # the 960 px rendition of both 1200 px pictures, never the original


def test_article_pdf_names_the_printed_issue(client):
    issue = make_document(title="Magazin 2024", slug="magazin-2024")
    article = _article(printed_in=issue, printed_page=7)

    _reader, text = read_pdf(client.get(f"{article.get_absolute_url()}pdf/"))

    assert "Gedruckt erschienen in: Magazin 2024, ab Seite 7" in " ".join(text.split())


def test_article_pdf_of_a_draft_is_404_for_the_public():
    article = make_article(status=Status.DRAFT)

    assert Client().get(f"{article.get_absolute_url()}pdf/").status_code == 404


def test_a_picture_without_a_print_size_copy_yet_is_left_out_rather_than_the_original(client):
    article = make_article(body="## Eins\n\n::: abbildung 1\n:::\n\n## Zwei\n\nText.")
    picture = make_picture(article, is_cover=True)
    ArticleImage.objects.filter(pk=picture.pk).update(renditions={}, renditions_source="")

    body = response_bytes(client.get(f"{article.get_absolute_url()}pdf/"))

    reader = PdfReader(io.BytesIO(body))
    assert [image for page in reader.pages for image in page.images] == []
