"""Small builders for articles test data: sensible defaults, no surprises."""

import datetime
import itertools

from articles.models import Article, Rubric
from articles.services import article_image_create
from emscher_portal.core.models import Status
from forums.tests.factories import image_bytes

_numbers = itertools.count(1)


def make_rubric(**overrides):
    number = next(_numbers)
    return Rubric.objects.create(**({"name": f"Rubrik {number}", "slug": f"rubrik-{number}"} | overrides))


def make_article(**overrides):
    number = next(_numbers)
    relations = {name: overrides.pop(name, None) for name in ("events", "networks", "measures", "documents")}
    defaults = {
        "title": f"Artikel {number}",
        "slug": f"artikel-{number}",
        "teaser": f"Anrisstext von Artikel {number}.",
        "date": datetime.date(2025, 1, 1) + datetime.timedelta(days=number),
        "body": "## Erster Abschnitt\n\nText.\n\n## Zweiter Abschnitt\n\nMehr Text.",
        "author_text": "Redaktion",
        "status": Status.PUBLISHED,
    }
    if "rubric" not in overrides:
        overrides["rubric"] = make_rubric()
    article = Article(**(defaults | overrides))
    article.full_clean()
    article.save()
    for name, objects in relations.items():
        if objects:
            getattr(article, name).set(objects)
    return article


def make_picture(article, *, size=(1200, 800), **overrides):
    defaults = {"alt_text": "Menschen im Plenum", "filename": "bild.jpg"}
    return article_image_create(article=article, image_bytes=image_bytes(size=size), **(defaults | overrides))
