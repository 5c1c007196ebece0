"""`manage.py check --deploy` with production settings reports nothing, and nothing is silenced to get there —
except, on purpose, a required operator detail the Impressum still lacks (the record lives in the database)."""

import os
import secrets
import subprocess
import sys
from pathlib import Path
from urllib.parse import quote

import pytest
from django.db import connection

from emscher_portal.core.models import SiteOperator

ROOT = Path(__file__).resolve().parents[3]

OPERATOR = {
    "publisher": "Zukunftsinitiative „Wasser in der Stadt von morgen“",
    "legal_entity": "Beispiel-Körperschaft des öffentlichen Rechts",
    "represented_by": "Erika Beispiel, Vorstand",
    "address": "Beispielstraße 1\n45000 Beispielstadt",
    "email": "redaktion@example.org",
    "content_responsible": "Max Beispiel",
}


@pytest.fixture
def database_url(transactional_db):
    """The test database as a URL, for `manage.py` in a subprocess; rows written in the test are committed."""
    db = connection.settings_dict
    password = f":{quote(db['PASSWORD'])}" if db["PASSWORD"] else ""
    return f"postgres://{quote(db['USER'])}{password}@{db['HOST']}:{db['PORT']}/{db['NAME']}"


def _manage(*args, **env):
    environment = {k: v for k, v in os.environ.items() if not k.startswith("DJANGO_")}
    environment.update(env)
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env=environment,
        capture_output=True,
        text=True,
        check=False,
        timeout=120,
    )


def _production_check(database_url):
    return _manage(
        "check",
        "--deploy",
        "--fail-level",
        "DEBUG",
        DATABASE_URL=database_url,
        DJANGO_DEBUG="false",
        DJANGO_SECRET_KEY=secrets.token_urlsafe(50),
        DJANGO_ALLOWED_HOSTS="portal.example.org",
        EMAIL_URL="smtp+tls://portal:geheim@mail.example.org:587",
    )


def test_deploy_check_is_clean_with_production_settings_and_the_operator_filled_in(database_url):
    SiteOperator.objects.filter(pk=SiteOperator.SINGLE_ROW).update(**OPERATOR)

    result = _production_check(database_url)

    assert result.returncode == 0, result.stdout + result.stderr
    assert "System check identified no issues (0 silenced)." in result.stdout


def test_deploy_check_warns_while_a_required_operator_detail_is_empty(database_url):
    SiteOperator.objects.filter(pk=SiteOperator.SINGLE_ROW).update(**(OPERATOR | {"email": "", "address": ""}))

    result = _production_check(database_url)

    output = result.stdout + result.stderr
    assert result.returncode != 0
    assert "System check identified 1 issue (0 silenced)." in output
    assert "emscher_portal.W001" in output
    assert "Im Impressum fehlen Betreiberangaben: „Anschrift“, „E-Mail-Adresse“." in output


def test_deploy_check_does_complain_about_a_weak_setup():
    # The same check, fed a debugging set-up, must find problems: proof that it is really looking.
    result = _manage(
        "check",
        "--deploy",
        DJANGO_DEBUG="true",
        DJANGO_SECRET_KEY="short",
        DJANGO_HSTS_SECONDS="0",
        DJANGO_SECURE_SSL_REDIRECT="false",
        DJANGO_SECURE_COOKIES="false",
    )

    for warning in (
        "security.W004",
        "security.W008",
        "security.W009",
        "security.W012",
        "security.W016",
        "security.W018",
    ):
        assert warning in result.stderr + result.stdout, warning
