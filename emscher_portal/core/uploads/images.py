"""Uploaded photos are checked by their content (JPEG, PNG or WebP; size and pixel limits) and stored clean."""

import io
from pathlib import PurePosixPath

from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.utils.translation import gettext as _
from PIL import Image, ImageOps, UnidentifiedImageError

ALLOWED_FORMATS = {"JPEG", "PNG", "WEBP"}


def image_upload_clean(*, upload):
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


class CheckedImageForm(forms.ModelForm):
    """A model form whose `image` upload is checked by its content and stored as a cleaned copy (orientation
    applied, no metadata): the base of every admin form with a picture (photos, article pictures, partner logos)."""

    def clean_image(self):
        image = self.cleaned_data.get("image")
        if image and "image" in self.changed_data:
            return image_upload_clean(upload=image)
        return image
