"""Background work of the articles app (django.tasks; run by `manage.py db_worker`)."""

from django.tasks import task

from articles.models import ArticleImage
from articles.renditions import image_make_renditions


@task
def image_renditions_task(image_id):
    """Make the renditions of one article picture; a picture deleted in the meantime is simply skipped."""
    image = ArticleImage.objects.filter(pk=image_id).first()
    if image is None:
        return False
    return image_make_renditions(image=image)
