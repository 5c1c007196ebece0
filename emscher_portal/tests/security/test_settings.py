import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[3]


def _import_settings(**env):
    environment = {k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "DATABASE_URL"))}
    environment.update(env)
    return subprocess.run(
        [
            sys.executable,
            "-c",
            "import emscher_portal.settings as s; print(s.DEBUG, s.ALLOWED_HOSTS, s.DATABASES['default']['ENGINE'])",
        ],
        cwd=ROOT,
        env=environment,
        capture_output=True,
        text=True,
        check=False,
    )


def test_production_without_secret_key_stops_with_a_clear_error():
    result = _import_settings(DJANGO_DEBUG="false", DJANGO_ALLOWED_HOSTS="portal.example.org")

    assert result.returncode != 0
    assert "Set the DJANGO_SECRET_KEY environment variable" in result.stderr


def test_production_without_allowed_hosts_stops_with_a_clear_error():
    result = _import_settings(DJANGO_DEBUG="false", DJANGO_SECRET_KEY="x" * 50)

    assert result.returncode != 0
    assert "Set the DJANGO_ALLOWED_HOSTS environment variable" in result.stderr


def test_settings_come_from_the_environment():
    result = _import_settings(
        DJANGO_DEBUG="false",
        DJANGO_SECRET_KEY="x" * 50,
        DJANGO_ALLOWED_HOSTS="portal.example.org,www.portal.example.org",
        DATABASE_URL="postgres://u@db.example.org/portal",
    )

    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == (
        "False ['portal.example.org', 'www.portal.example.org'] django.db.backends.postgresql"
    )


def test_default_database_is_the_embedded_sqlite_file():
    result = _import_settings(DJANGO_DEBUG="true")

    assert result.returncode == 0, result.stderr
    assert result.stdout.strip().endswith("django.db.backends.sqlite3")


@pytest.mark.parametrize("setting", ["LANGUAGE_CODE", "TIME_ZONE"])
def test_locale_is_german(settings, setting):
    assert {"LANGUAGE_CODE": "de", "TIME_ZONE": "Europe/Berlin"}[setting] == getattr(settings, setting)
