"""Fixtures shared by every app's tests.

The demo content is loaded once per test session (it takes a while: photos, example PDFs, the search index) into
the freshly migrated test database, kept as a Postgres COPY snapshot with its media files, and restored for every
test that asks for `demo` — in milliseconds, and inside the test's own transaction where it has one.
"""

import fcntl
import io
import os
import pickle

import pytest
from django.core.cache import cache
from django.core.management import call_command
from django.test.utils import override_settings
from PIL import Image

from emscher_portal.core.pdf import render
from emscher_portal.tests.harness import copy_in, copy_out, link_tree, settings_for_tests


@pytest.fixture(autouse=True)
def _test_settings(settings, tmp_path):
    (tmp_path / "media").mkdir()
    for name, value in settings_for_tests(tmp_path / "media", tmp_path / "private").items():
        setattr(settings, name, value)


@pytest.fixture(autouse=True)
def _clear_cache():
    cache.clear()
    yield
    cache.clear()


# ---------------------------------------------------------------------------
# The demo content, once per session
# ---------------------------------------------------------------------------


_migrated = {}  # the rows migrations left in the test database, and the blocker that guards it


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker):
    """The test database as migrations left it (their data included), kept so the demo always loads onto that and
    a transactional test's flush can be undone."""
    with django_db_blocker.unblock():
        _migrated.update(rows=copy_out(), blocker=django_db_blocker)
    return _migrated["rows"]


def _is_transactional(item):
    marker = item.get_closest_marker("django_db")
    transaction = bool(marker and (marker.kwargs.get("transaction") or (marker.args and marker.args[0])))
    return transaction or bool({"transactional_db", "live_server"} & set(getattr(item, "fixturenames", ())))


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_teardown(item, nextitem):
    """A transactional test ends with a flush of every table, which takes the migrations' data (content types,
    permissions, the Redaktion group) too: put it back, so that no test depends on which ran before it."""
    yield
    # After the session's last test its database is gone already (session fixtures end with it): nothing to restore.
    if _migrated and _is_transactional(item) and nextitem is not None:
        with _migrated["blocker"].unblock():
            copy_in(_migrated["rows"])


@pytest.fixture(scope="session")
def demo_media(tmp_path_factory):
    """Where the demo's media files (photos, renditions, previews; the private library PDFs) are made, once. With
    parallel test processes (pytest-xdist) they share one folder beside their own temporary folders."""
    base = tmp_path_factory.getbasetemp()
    root = (base.parent if os.environ.get("PYTEST_XDIST_WORKER") else base) / "demo"
    (root / "media").mkdir(parents=True, exist_ok=True)
    (root / "private").mkdir(exist_ok=True)
    return root


@pytest.fixture(scope="session")
def demo_snapshot(django_db_setup, django_db_blocker, demo_media):
    """Load the demo content once onto the freshly migrated database; a COPY snapshot of every table afterwards.
    The database is left as it was. Parallel test processes load it once between them: the first one, holding
    the lock, keeps the snapshot on disk for the others (every worker's database has the same schema)."""
    migrated = django_db_setup
    stored = demo_media / "snapshot.pickle"
    with (demo_media / "lock").open("w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        if stored.exists():
            return pickle.loads(stored.read_bytes())
        demo_settings = override_settings(**settings_for_tests(demo_media / "media", demo_media / "private"))
        with django_db_blocker.unblock(), demo_settings:
            current = copy_out()
            copy_in(migrated)
            call_command("load_demo_content", stdout=io.StringIO())
            snapshot = copy_out()
            copy_in(current)
        stored.write_bytes(pickle.dumps(snapshot))
    return snapshot


@pytest.fixture
def demo(demo_snapshot, demo_media, settings):
    """The demo content in the test's database (rolled back with the test, or flushed after a transactional one)
    and its files in the test's media folders."""
    copy_in(demo_snapshot)
    link_tree(demo_media / "media", settings.MEDIA_ROOT)
    link_tree(demo_media / "private", settings.PRIVATE_MEDIA_ROOT)


# ---------------------------------------------------------------------------
# Small shared fixtures
# ---------------------------------------------------------------------------


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
        buffer = io.BytesIO()
        image = Image.new("RGB", size, color)
        kwargs = {"exif": exif} if exif is not None else {}
        image.save(buffer, format=fmt, **kwargs)
        return buffer.getvalue()

    return _make_image
