"""Writes of the forums app that do more than form.save(): creating photos and looking after their files."""

from django.db import transaction

from emscher_portal.core.uploads.renditions import picture_store
from forums.models import Photo
from forums.renditions import photo_make_renditions
from forums.tasks import photo_renditions_task


def photo_create(*, event, image_bytes, filename, alt_text, caption="", credit="", position=0, is_cover=False):
    """Create a photo from raw bytes (cleaned as an upload would be) and make its renditions right away."""
    photo = Photo(event=event, alt_text=alt_text, caption=caption, credit=credit, position=position, is_cover=is_cover)
    picture_store(photo, image_bytes=image_bytes, filename=filename)
    photo_make_renditions(photo=photo)
    return photo


def photo_schedule_renditions(*, photo):
    """Queue the renditions of `photo` once the current transaction has committed."""
    if photo.has_renditions:
        return
    photo_id = photo.pk
    transaction.on_commit(lambda: photo_renditions_task.enqueue(photo_id))
