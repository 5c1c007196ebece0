"""Background work of the forums app (django.tasks; run by `manage.py db_worker`)."""

from django.tasks import task

from forums.models import Photo
from forums.renditions import photo_make_renditions


@task
def photo_renditions_task(photo_id):
    """Make the renditions of one photo; a photo deleted in the meantime is simply skipped."""
    photo = Photo.objects.filter(pk=photo_id).first()
    if photo is None:
        return False
    return photo_make_renditions(photo=photo)
