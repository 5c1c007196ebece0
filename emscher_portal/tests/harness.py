"""What the test fixtures are built of: the settings every test runs with, database snapshots, media trees."""

import os
import shutil

from django.apps import apps
from django.conf import settings as django_settings
from django.core.management.color import no_style
from django.db import connection, transaction


def settings_for_tests(media_root, private_media_root):
    """The settings every test runs with (and the session's demo load)."""
    return {
        "PASSWORD_HASHERS": ["django.contrib.auth.hashers.MD5PasswordHasher"],
        "MEDIA_ROOT": media_root,
        "PRIVATE_MEDIA_ROOT": private_media_root,
        # Content saves would otherwise render PDFs in every test that runs on_commit callbacks; tests of that turn
        # it on.
        "PDF_PRERENDER": False,
        "STORAGES": {
            **django_settings.STORAGES,
            "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
        },
        "CACHES": {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}},
        "TASKS": {"default": {"BACKEND": "django.tasks.backends.immediate.ImmediateBackend"}},
        "MAILERS": {"default": {"BACKEND": "django.core.mail.backends.locmem.EmailBackend"}},
        "SECURE_SSL_REDIRECT": False,
    }


def _tables():
    return sorted(connection.introspection.django_table_names(only_existing=True, include_views=False))


def copy_out():
    """Every table's rows in Postgres COPY format: a snapshot that restores in milliseconds."""
    data = {}
    connection.ensure_connection()
    with connection.connection.cursor() as cursor:
        for table in _tables():
            with cursor.copy(f'COPY "{table}" TO STDOUT') as copy:
                data[table] = b"".join(bytes(chunk) for chunk in copy)
    return data


def copy_in(data):
    """Replace every table's rows with the snapshot's (inside the current transaction, if there is one)."""
    with transaction.atomic(), connection.cursor() as django_cursor:
        raw = django_cursor.cursor
        # Rows go in table by table; foreign keys hold because the snapshot was consistent, not row by row.
        raw.execute("SET LOCAL session_replication_role = replica")
        # DELETE, not TRUNCATE: on small tables it is many times faster, and no trigger runs in replica mode.
        for table in data:
            raw.execute(f'DELETE FROM "{table}"')
        for table, rows in data.items():
            if rows:
                with raw.copy(f'COPY "{table}" FROM STDIN') as copy:
                    copy.write(rows)
        for sql in connection.ops.sequence_reset_sql(no_style(), apps.get_models(include_auto_created=True)):
            raw.execute(sql)
        # Inside a test's transaction the setting would otherwise last until its end and switch off FK checks.
        raw.execute("SET LOCAL session_replication_role = DEFAULT")


def link_tree(source, target):
    """The demo's files under `target`: hard links, so nothing is copied and a test's changes stay its own."""
    shutil.copytree(source, target, copy_function=os.link, dirs_exist_ok=True)
