"""Worker-only work of the forums app: the WebP renditions of event photos (`forums.tasks` runs it), made by the
shared code in `emscher_portal.core.uploads.renditions`."""

from emscher_portal.core.uploads.renditions import renditions_make


def photo_make_renditions(*, photo):
    """Write the renditions of an event photo once per source image; True when they were written."""
    return renditions_make(photo=photo, folder="forums/renditions")
