"""Photo renditions: WebP copies of an uploaded photo at a few widths, made once, served with `srcset`.

Shared by every model that holds a photo (an event's photos, an article's pictures). Such a model mixes in
`RenditionsMixin` and has the fields `image` (an ImageField with `width_field="width"`, `height_field="height"`),
`width`, `height`, `renditions` (a JSONField mapping a width like „480“ to `{"name", "height"}`) and
`renditions_source` (the image name the renditions were made from). `renditions_make` is worker-only work: an app's
task calls it.
"""

import io
import os

from django.core.files.base import ContentFile
from django.db import transaction
from PIL import Image, ImageOps

from emscher_portal.core.uploads.images import image_upload_clean

RENDITION_WIDTHS = (480, 960, 1600)


class RenditionsMixin:
    """Reading the renditions of a photo model (see the module docstring for the fields it needs)."""

    @property
    def has_renditions(self):
        return bool(self.renditions) and self.renditions_source == self.image.name

    def _sorted_renditions(self):
        if not self.has_renditions:
            return []
        return sorted(((int(width), data) for width, data in self.renditions.items()), key=lambda item: item[0])

    @property
    def srcset(self):
        storage = self.image.storage
        return ", ".join(f"{storage.url(data['name'])} {width}w" for width, data in self._sorted_renditions())

    def rendition(self, wanted_width):
        """(url, width, height) of the smallest rendition at least `wanted_width` wide, else the largest one."""
        items = self._sorted_renditions()
        if not items:
            return self.image.url, self.width, self.height
        width, data = next(((w, d) for w, d in items if w >= wanted_width), items[-1])
        return self.image.storage.url(data["name"]), width, data["height"]

    @property
    def small(self):
        url, width, height = self.rendition(480)
        return {"url": url, "width": width, "height": height}

    @property
    def large(self):
        url, width, height = self.rendition(1600)
        return {"url": url, "width": width, "height": height}

    @property
    def stored_file_names(self):
        """The original and every rendition: what to delete once the photo is gone."""
        return [self.image.name, *(data["name"] for data in self.renditions.values())]


def renditions_make(*, photo, folder):
    """Write the WebP renditions (480/960/1600 px wide, never upscaled) of `photo` into `folder` — once per source
    image. Returns True when renditions were written, False when they already existed for the current image.
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
            name = storage.save(f"{folder}/{stem}-{width}.webp", ContentFile(buffer.getvalue()))
            renditions[str(width)] = {"name": name, "height": height}
    photo.renditions = renditions
    photo.renditions_source = photo.image.name
    # A real save, not a queryset update: the page cache, the owner's PDF and its search entry follow save signals,
    # and its page must switch to the rendition URLs as soon as they exist.
    photo.save(update_fields=["renditions", "renditions_source", "updated_at"])
    for data in old.values():
        storage.delete(data["name"])
    return True


def picture_store(picture, *, image_bytes, filename):
    """Save an unsaved picture with its image from raw bytes, cleaned as an upload would be, and validated."""
    cleaned = image_upload_clean(upload=ContentFile(image_bytes, name=filename))
    picture.image.save(cleaned.name, cleaned, save=False)
    picture.full_clean()
    picture.save()
    return picture


def picture_files_delete(*, picture):
    """Remove the stored files (original and renditions) of a deleted picture once the deletion has committed."""
    storage = picture.image.storage
    names = picture.stored_file_names
    transaction.on_commit(lambda: [storage.delete(name) for name in names if name])
