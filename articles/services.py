"""Writes of the articles app that do more than form.save(): creating pictures and looking after their files."""

from django.core.files.base import ContentFile
from django.db import transaction

from articles.models import ArticleImage
from articles.renditions import image_make_renditions
from articles.tasks import image_renditions_task
from emscher_portal.core.uploads.images import image_upload_clean


def article_image_create(
    *, article, image_bytes, filename, alt_text, caption="", credit="", position=0, is_cover=False
):
    """Create a picture from raw bytes (cleaned as an upload would be) and make its renditions right away."""
    cleaned = image_upload_clean(upload=ContentFile(image_bytes, name=filename))
    image = ArticleImage(
        article=article, alt_text=alt_text, caption=caption, credit=credit, position=position, is_cover=is_cover
    )
    image.image.save(cleaned.name, cleaned, save=False)
    image.full_clean()
    image.save()
    image_make_renditions(image=image)
    return image


def article_image_schedule_renditions(*, image):
    """Queue the renditions of `image` once the current transaction has committed."""
    if image.has_renditions:
        return
    image_id = image.pk
    transaction.on_commit(lambda: image_renditions_task.enqueue(image_id))


def article_image_files_delete(*, image):
    """Remove the stored files (original and renditions) of a deleted picture once the deletion has committed."""
    storage = image.image.storage
    names = image.stored_file_names
    transaction.on_commit(lambda: [storage.delete(name) for name in names if name])
