"""Writes of the articles app that do more than form.save(): creating pictures and looking after their files."""

from django.db import transaction

from articles.models import ArticleImage
from articles.renditions import image_make_renditions
from articles.tasks import image_renditions_task
from emscher_portal.core.uploads.renditions import picture_store


def article_image_create(
    *, article, image_bytes, filename, alt_text, caption="", credit="", position=0, is_cover=False
):
    """Create a picture from raw bytes (cleaned as an upload would be) and make its renditions right away."""
    image = ArticleImage(
        article=article, alt_text=alt_text, caption=caption, credit=credit, position=position, is_cover=is_cover
    )
    picture_store(image, image_bytes=image_bytes, filename=filename)
    image_make_renditions(image=image)
    return image


def article_image_schedule_renditions(*, image):
    """Queue the renditions of `image` once the current transaction has committed."""
    if image.has_renditions:
        return
    image_id = image.pk
    transaction.on_commit(lambda: image_renditions_task.enqueue(image_id))
