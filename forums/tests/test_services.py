import io
import re

import pytest
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from PIL import Image

from emscher_portal.core.uploads.images import image_upload_clean
from forums.models import Photo
from forums.renditions import photo_make_renditions
from forums.services import photo_create
from forums.tasks import photo_renditions_task
from forums.tests.factories import image_bytes, make_event, make_photo

pytestmark = pytest.mark.django_db


def _exif_with_location_and_rotation():
    exif = Image.Exif()
    exif[0x0112] = 6  # Orientation: rotate 90° clockwise to display
    exif[0x010F] = "Kamera AG"  # Make
    gps = {1: "N", 2: (51.0, 30.0, 0.0), 3: "E", 4: (7.0, 12.0, 0.0)}
    exif[0x8825] = gps  # GPSInfo
    return exif


def test_photo_image_clean_strips_location_and_applies_orientation():
    raw = image_bytes(size=(80, 40), exif=_exif_with_location_and_rotation())
    with Image.open(io.BytesIO(raw)) as original:
        assert original.getexif().get_ifd(0x8825)

    cleaned = image_upload_clean(upload=ContentFile(raw, name="handy.jpg"))

    with Image.open(io.BytesIO(cleaned.read())) as result:
        assert result.format == "JPEG"
        assert result.size == (40, 80)
        assert dict(result.getexif()) == {}
        assert "exif" not in result.info
    assert cleaned.name == "handy.jpg"


def test_photo_image_clean_refuses_content_that_is_not_an_image():
    upload = ContentFile(b"%PDF-1.7 not a photo", name="foto.jpg")

    with pytest.raises(ValidationError) as error:
        image_upload_clean(upload=upload)

    assert error.value.code == "not_an_image"


def test_photo_image_clean_refuses_gif_even_with_a_jpeg_name():
    upload = ContentFile(image_bytes(fmt="GIF"), name="foto.jpg")

    with pytest.raises(ValidationError) as error:
        image_upload_clean(upload=upload)

    assert error.value.code == "wrong_format"


def test_photo_image_clean_refuses_images_over_the_pixel_limit(settings):
    settings.PHOTO_MAX_PIXELS = 100 * 100

    with pytest.raises(ValidationError) as error:
        image_upload_clean(upload=ContentFile(image_bytes(size=(101, 100)), name="gross.png"))

    assert error.value.code == "too_many_pixels"
    assert image_upload_clean(upload=ContentFile(image_bytes(fmt="PNG", size=(100, 100)), name="ok.png"))


def test_photo_image_clean_refuses_files_over_the_size_limit(settings):
    settings.PHOTO_MAX_BYTES = 1024 * 1024
    noisy = Image.effect_noise((800, 800), 100).convert("RGB")
    buffer = io.BytesIO()
    noisy.save(buffer, format="PNG")
    assert buffer.tell() > 1024 * 1024

    with pytest.raises(ValidationError) as error:
        image_upload_clean(upload=ContentFile(buffer.getvalue(), name="gross.png"))

    assert error.value.code == "too_large"


def test_photo_renditions_are_webp_in_three_widths_and_never_upscaled():
    event = make_event()

    photo = make_photo(event, size=(2000, 1000))
    small = make_photo(event, size=(300, 200))

    assert sorted(photo.renditions, key=int) == ["480", "960", "1600"]
    for width, data in photo.renditions.items():
        with photo.image.storage.open(data["name"]) as stored, Image.open(stored) as image:
            assert image.format == "WEBP"
            assert image.size == (int(width), data["height"])
    assert list(small.renditions) == ["300"]
    assert photo.srcset.count("w, ") == 2
    assert photo.srcset.endswith(" 1600w")


def test_photo_and_rendition_names_are_random_not_the_uploaders_name_or_pk():
    photo = make_photo(make_event(), size=(600, 400), filename="Entwurf Plenum.jpg")

    match = re.fullmatch(r"forums/photos/([0-9a-f]{32})\.jpg", photo.image.name)
    assert match
    assert make_photo(photo.event, filename="Entwurf Plenum.jpg").image.name != photo.image.name
    names = sorted(data["name"] for data in photo.renditions.values())
    assert names == [f"forums/renditions/{match[1]}-{width}.webp" for width in (480, 600)]


def test_photo_renditions_are_made_once():
    photo = make_photo(make_event(), size=(1000, 500))
    names = {data["name"] for data in photo.renditions.values()}
    storage = photo.image.storage
    modified = {name: storage.get_modified_time(name) for name in names}

    again = photo_make_renditions(photo=Photo.objects.get(pk=photo.pk))
    via_task = photo_renditions_task.enqueue(photo.pk)

    assert again is False
    assert via_task.return_value is False
    photo.refresh_from_db()
    assert {data["name"] for data in photo.renditions.values()} == names
    assert {name: storage.get_modified_time(name) for name in names} == modified


def test_photo_renditions_are_remade_when_the_image_is_replaced():
    photo = make_photo(make_event(), size=(1000, 500))
    old_names = [data["name"] for data in photo.renditions.values()]
    cleaned = image_upload_clean(upload=ContentFile(image_bytes(size=(600, 300)), name="neu.jpg"))
    photo.image.save(cleaned.name, cleaned)

    assert photo.has_renditions is False
    assert photo_make_renditions(photo=photo) is True

    assert sorted(photo.renditions, key=int) == ["480", "600"]
    assert not any(photo.image.storage.exists(name) for name in old_names)


def test_photo_create_requires_alt_text():
    with pytest.raises(ValidationError) as error:
        photo_create(event=make_event(), image_bytes=image_bytes(), filename="x.jpg", alt_text="")

    assert "alt_text" in error.value.message_dict
