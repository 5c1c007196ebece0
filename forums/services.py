"""Writes of the forums app that do more than form.save(): creating photos and looking after their files."""

from django.core.files.base import ContentFile
from django.db import transaction

from emscher_portal.core.uploads.images import image_upload_clean
from forums.models import Photo
from forums.renditions import photo_make_renditions
from forums.tasks import photo_renditions_task


def photo_create(*, event, image_bytes, filename, alt_text, caption="", credit="", position=0, is_cover=False):
    """Create a photo from raw bytes (cleaned as an upload would be) and make its renditions right away."""
    cleaned = image_upload_clean(upload=ContentFile(image_bytes, name=filename))
    photo = Photo(event=event, alt_text=alt_text, caption=caption, credit=credit, position=position, is_cover=is_cover)
    photo.image.save(cleaned.name, cleaned, save=False)
    photo.full_clean()
    photo.save()
    photo_make_renditions(photo=photo)
    return photo


def photo_schedule_renditions(*, photo):
    """Queue the renditions of `photo` once the current transaction has committed."""
    if photo.has_renditions:
        return
    photo_id = photo.pk
    transaction.on_commit(lambda: photo_renditions_task.enqueue(photo_id))


def photo_files_delete(*, photo):
    """Remove the stored files (original and renditions) of a deleted photo once the deletion has committed."""
    storage = photo.image.storage
    names = photo.stored_file_names
    transaction.on_commit(lambda: [storage.delete(name) for name in names if name])
