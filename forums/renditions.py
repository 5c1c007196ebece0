"""Worker-only work of the forums app: the WebP renditions of event photos (`forums.tasks` runs it)."""

import io
import os

from django.core.files.base import ContentFile
from PIL import Image, ImageOps

RENDITION_WIDTHS = (480, 960, 1600)


def photo_make_renditions(*, photo):
    """Write the WebP renditions (480/960/1600 px wide, never upscaled) of `photo` — once per source image.

    Returns True when renditions were written, False when they already existed for the current image.
    """
    if photo.has_renditions:
        return False
    storage = photo.image.storage
    old = dict(photo.renditions)
    with photo.image.open("rb") as source, Image.open(source) as image:
        image.load()
        image = ImageOps.exif_transpose(image)
        if image.mode not in ("RGB", "RGBA"):
            image = image.convert("RGBA" if "A" in image.getbands() else "RGB")
        # Never upscaled: an image narrower than the largest width gets its own width as the largest rendition.
        widths = [w for w in RENDITION_WIDTHS if w <= image.width]
        if image.width < RENDITION_WIDTHS[-1] and image.width not in widths:
            widths.append(image.width)
        stem = os.path.splitext(os.path.basename(photo.image.name))[0]
        renditions = {}
        for width in widths:
            height = max(1, round(image.height * width / image.width))
            resized = image if width == image.width else image.resize((width, height), Image.Resampling.LANCZOS)
            buffer = io.BytesIO()
            resized.save(buffer, format="WEBP", quality=82, method=4)
            # Derived from the random stored name: as unguessable as the original, never the pk or uploader's name.
            name = storage.save(f"forums/renditions/{stem}-{width}.webp", ContentFile(buffer.getvalue()))
            renditions[str(width)] = {"name": name, "height": height}
    photo.renditions = renditions
    photo.renditions_source = photo.image.name
    # A real save, not a queryset update: the page cache, the event's PDF and its search entry follow save signals,
    # and the event page must switch to the rendition URLs as soon as they exist.
    photo.save(update_fields=["renditions", "renditions_source", "updated_at"])
    for data in old.values():
        storage.delete(data["name"])
    return True
