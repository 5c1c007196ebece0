"""Writes of the forums app that do more than form.save(): photo checks and renditions."""

import io
import os
from pathlib import PurePosixPath

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.db import transaction
from django.utils.translation import gettext as _
from PIL import Image, ImageOps, UnidentifiedImageError

from forums.models import Photo

ALLOWED_FORMATS = {"JPEG", "PNG", "WEBP"}
RENDITION_WIDTHS = (480, 960, 1600)


def photo_image_clean(*, upload):
    """Check an uploaded photo by its content and return a cleaned copy to store instead of the upload.

    Refuses anything that is not a real JPEG, PNG or WebP, files above the size limit and images above the pixel
    limit (checked from the header, before the pixels are decoded). The copy has the EXIF orientation applied and
    carries no metadata at all — in particular no GPS location.
    """
    max_bytes, max_pixels = settings.PHOTO_MAX_BYTES, settings.PHOTO_MAX_PIXELS
    if upload.size is not None and upload.size > max_bytes:
        raise ValidationError(
            _("Die Datei ist zu groß (höchstens %(mb)d MB).") % {"mb": max_bytes // (1024 * 1024)}, code="too_large"
        )
    upload.seek(0)
    data = upload.read()
    try:
        with Image.open(io.BytesIO(data)) as probe:
            image_format = probe.format
            width, height = probe.size
    except (UnidentifiedImageError, OSError, Image.DecompressionBombError) as exc:
        raise ValidationError(_("Die Datei ist kein Bild im Format JPEG, PNG oder WebP."), code="not_an_image") from exc
    if image_format not in ALLOWED_FORMATS:
        raise ValidationError(
            _("Nur JPEG, PNG oder WebP sind erlaubt (erkannt: %(format)s).") % {"format": image_format},
            code="wrong_format",
        )
    if width * height > max_pixels:
        raise ValidationError(
            _("Das Bild ist zu groß: %(w)d × %(h)d Pixel, erlaubt sind höchstens %(max)s Megapixel.")
            % {"w": width, "h": height, "max": f"{max_pixels / 1_000_000:g}".replace(".", ",")},
            code="too_many_pixels",
        )
    try:
        with Image.open(io.BytesIO(data)) as image:
            image.load()
            cleaned = ImageOps.exif_transpose(image)
            if image_format == "JPEG" and cleaned.mode not in ("RGB", "L"):
                cleaned = cleaned.convert("RGB")
            buffer = io.BytesIO()
            # Saved without exif/icc/xmp arguments: Pillow then writes no metadata, so the location is gone.
            options = {"quality": 90} if image_format in ("JPEG", "WEBP") else {}
            cleaned.save(buffer, format=image_format, **options)
    except (OSError, ValueError, SyntaxError) as exc:
        raise ValidationError(_("Das Bild ist beschädigt und lässt sich nicht lesen."), code="broken") from exc
    extension = {"JPEG": ".jpg", "PNG": ".png", "WEBP": ".webp"}[image_format]
    stem = PurePosixPath(getattr(upload, "name", "") or "foto").stem or "foto"
    return ContentFile(buffer.getvalue(), name=f"{stem}{extension}")


def photo_create(*, event, image_bytes, filename, alt_text, caption="", credit="", position=0, is_cover=False):
    """Create a photo from raw bytes (cleaned as an upload would be) and make its renditions right away."""
    cleaned = photo_image_clean(upload=ContentFile(image_bytes, name=filename))
    photo = Photo(event=event, alt_text=alt_text, caption=caption, credit=credit, position=position, is_cover=is_cover)
    photo.image.save(cleaned.name, cleaned, save=False)
    photo.full_clean()
    photo.save()
    photo_make_renditions(photo=photo)
    return photo


def photo_schedule_renditions(*, photo):
    """Queue the renditions of `photo` once the current transaction has committed."""
    from forums.tasks import photo_renditions_task  # noqa: PLC0415 -- tasks imports this module

    if photo.has_renditions:
        return
    photo_id = photo.pk
    transaction.on_commit(lambda: photo_renditions_task.enqueue(photo_id))


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


def photo_files_delete(*, photo):
    """Remove the stored files (original and renditions) of a deleted photo once the deletion has committed."""
    storage = photo.image.storage
    names = [photo.image.name, *(data["name"] for data in photo.renditions.values())]
    transaction.on_commit(lambda: [storage.delete(name) for name in names if name])
