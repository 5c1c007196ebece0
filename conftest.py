"""Fixtures shared by every app's tests."""

import io

import pytest

from emscher_portal.core.pdf import render


@pytest.fixture(autouse=True)
def _test_settings(settings, tmp_path):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.MEDIA_ROOT.mkdir()
    settings.PRIVATE_MEDIA_ROOT = tmp_path / "private"
    # Content saves would otherwise render PDFs in every test that runs on_commit callbacks; tests of that turn it on.
    settings.PDF_PRERENDER = False
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }
    settings.CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
    settings.TASKS = {"default": {"BACKEND": "django.tasks.backends.immediate.ImmediateBackend"}}
    settings.MAILERS = {"default": {"BACKEND": "django.core.mail.backends.locmem.EmailBackend"}}
    settings.SECURE_SSL_REDIRECT = False


@pytest.fixture(autouse=True)
def _clear_cache():
    from django.core.cache import cache

    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def staff_client(client, django_user_model):
    user = django_user_model.objects.create_user(
        username="redaktion", password="geheim-und-lang-genug", is_staff=True, is_superuser=True
    )
    client.force_login(user)
    return client


@pytest.fixture
def render_spy(monkeypatch):
    """Counts real PDF renders: wraps the pipeline's pdf_render_bytes and still calls through to WeasyPrint."""
    calls = []
    real = render.pdf_render_bytes

    def spy(**kwargs):
        calls.append(kwargs["template"])
        return real(**kwargs)

    monkeypatch.setattr(render, "pdf_render_bytes", spy)
    return calls


@pytest.fixture
def make_image():
    """A tiny real image, in memory, as uploaded bytes."""

    def _make_image(fmt="JPEG", size=(64, 48), color=(11, 90, 140), exif=None):
        from PIL import Image

        buffer = io.BytesIO()
        image = Image.new("RGB", size, color)
        kwargs = {"exif": exif} if exif is not None else {}
        image.save(buffer, format=fmt, **kwargs)
        return buffer.getvalue()

    return _make_image
