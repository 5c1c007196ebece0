"""The Redaktion writes articles in the admin: pictures through the photo pipeline, publish checks, rubrics."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from pytest_django.asserts import assertContains

from articles.models import Article, ArticleImage, Rubric
from articles.tests.factories import make_article, make_picture, make_rubric
from emscher_portal.core.models import Status
from forums.tests.factories import image_bytes
from networks.tests.factories import make_member, make_network

pytestmark = pytest.mark.django_db

ARTICLES = "/admin/articles/article/"


def _data(rubric, **overrides):
    data = {
        "title": "Zehn Jahre Zukunftsinitiative",
        "slug": "",
        "kicker": "",
        "rubric": str(rubric.pk),
        "date": "21.10.2024",
        "status": Status.DRAFT,
        "author_text": "Redaktion",
        "author_member": "",
        "teaser": "Ein Rückblick.",
        "body": "## Der Anfang\n\nText.\n\n## Neun Foren\n\n::: abbildung 1\n:::\n",
        "printed_in": "",
        "printed_page": "",
        "publish_at_0": "",
        "publish_at_1": "",
        "unpublish_at_0": "",
        "unpublish_at_1": "",
        "images-TOTAL_FORMS": "0",
        "images-INITIAL_FORMS": "0",
    }
    return data | overrides


def _with_picture(data, *, upload, alt_text="Das Plenum"):
    return data | {
        "images-TOTAL_FORMS": "1",
        "images-0-image": upload,
        "images-0-alt_text": alt_text,
        "images-0-caption": "",
        "images-0-credit": "",
        "images-0-position": "1",
        "images-0-is_cover": "on",
    }


def test_redaktion_creates_an_article_with_a_picture_and_its_renditions(
    redaktion_client, django_capture_on_commit_callbacks
):
    rubric = make_rubric(name="Aktuelles")
    upload = SimpleUploadedFile("plenum.jpg", image_bytes(size=(1200, 800)), content_type="image/jpeg")

    with django_capture_on_commit_callbacks(execute=True):
        response = redaktion_client.post(f"{ARTICLES}add/", _with_picture(_data(rubric), upload=upload))

    assert response.status_code == 302
    article = Article.objects.get(slug="zehn-jahre-zukunftsinitiative")
    picture = article.images.get()
    assert (picture.alt_text, picture.is_cover) == ("Das Plenum", True)
    assert sorted(picture.renditions, key=int) == ["480", "960", "1200"]
    assert all(data["name"].startswith("articles/renditions/") for data in picture.renditions.values())
    assert article.history.count() == 1


def test_the_admin_refuses_a_picture_that_is_no_image(redaktion_client):
    rubric = make_rubric()
    upload = SimpleUploadedFile("bild.jpg", b"<html>kein Bild</html>", content_type="image/jpeg")

    response = redaktion_client.post(f"{ARTICLES}add/", _with_picture(_data(rubric), upload=upload))

    assert response.status_code == 200
    assert not Article.objects.exists()


def test_a_picture_without_alt_text_and_a_missing_figure_block_publishing(redaktion_client):
    article = make_article(
        title="Mit Lücken", status=Status.DRAFT, body="## Eins\n\n::: abbildung 1\n:::\n\n::: abbildung 4\n:::\n"
    )
    picture = make_picture(article)
    ArticleImage.objects.filter(pk=picture.pk).update(alt_text="")
    data = _data(article.rubric, title="Mit Lücken", slug=article.slug, status=Status.PUBLISHED, body=article.body)
    data |= {
        "images-TOTAL_FORMS": "1",
        "images-INITIAL_FORMS": "1",
        "images-0-id": str(picture.pk),
        "images-0-article": str(article.pk),
        "images-0-alt_text": "",
        "images-0-caption": "",
        "images-0-credit": "",
        "images-0-position": "0",
    }

    response = redaktion_client.post(f"{ARTICLES}{article.pk}/change/", data)

    assert response.status_code == 200
    assertContains(response, "Bild 1 hat keinen Alternativtext.")
    assertContains(response, "„::: abbildung 4“ nennt kein Bild; der Artikel hat 1 Bild(er).")
    assert Article.objects.get(pk=article.pk).status == Status.DRAFT


def test_an_author_without_consent_gets_a_warning_before_publishing(redaktion_client):
    member = make_member(make_network(), name="Olaf Ohnezustimmung", has_consented=False)
    article = make_article(status=Status.DRAFT, author_member=member, author_text="")
    data = _data(
        article.rubric, title=article.title, slug=article.slug, status=Status.PUBLISHED, body="## Eins\n\nText."
    )
    data["author_member"] = str(member.pk)

    response = redaktion_client.post(f"{ARTICLES}{article.pk}/change/", data)

    assertContains(response, "„Olaf Ohnezustimmung“ hat der Nennung nicht zugestimmt")
    assert Article.objects.get(pk=article.pk).status == Status.DRAFT


def test_redaktion_edits_rubrics(redaktion_client):
    response = redaktion_client.post(
        "/admin/articles/rubric/add/", {"name": "Aus den Netzwerken", "slug": "", "description": "", "position": "3"}
    )

    assert response.status_code == 302
    assert Rubric.objects.get(name="Aus den Netzwerken").slug == "aus-den-netzwerken"
