"""Worker-only work of the articles app: the WebP renditions of article pictures (`articles.tasks` runs it), made by
the shared code in `emscher_portal.core.uploads.renditions`."""

from emscher_portal.core.uploads.renditions import renditions_make


def image_make_renditions(*, image):
    """Write the renditions of an article picture once per source image; True when they were written."""
    return renditions_make(photo=image, folder="articles/renditions")
