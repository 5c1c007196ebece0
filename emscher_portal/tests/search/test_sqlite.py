"""The quick-start database: on SQLite the search page does a plain case-insensitive match, unranked.

The database engine is fixed per process, so this smoke test runs the real page in a child process against a fresh
SQLite file: migrate, publish content through the models (the signals index it), request /suche/.
"""

import json
import os
import subprocess
import sys
from pathlib import Path

SCRIPT = r"""
import json, django
django.setup()
from django.core.management import call_command
from django.db import connection, transaction
from django.test import Client
from django.test.utils import setup_test_environment

setup_test_environment()
call_command("migrate", verbosity=0)
from documents.models import Document, DocumentPage
from emscher_portal.core.models import Status
from networks.models import Network

with transaction.atomic():
    Network.objects.create(name="Blau-grüne Infrastruktur", slug="blau-gruen", status=Status.PUBLISHED,
                           purpose="Mehr REGENWASSER in der Stadt halten.")
    Network.objects.create(name="Entwurf Regenwasser", slug="entwurf", status=Status.DRAFT)
    document = Document.objects.create(title="Dokumentation", slug="doku", year=2019, status=Status.PUBLISHED,
                                       file="x/doku.pdf", filename="doku.pdf")
    DocumentPage.objects.create(document=document, number=2, text="Versickerung von Regenwasser <b>vor Ort</b>.")
    document.save()

client = Client()
found = client.get("/suche/", {"q": "regenwasser"})
nothing = client.get("/suche/", {"q": "Xylophon"})
bad = client.get("/suche/", {"q": "\x00" + "x" * 10000, "page": "-1", "art": "unbekannt"})
print(json.dumps({
    "vendor": connection.vendor,
    "status": [found.status_code, nothing.status_code, bad.status_code],
    "found": found.content.decode(),
    "nothing": nothing.content.decode(),
}))
"""


def test_sqlite_search_is_a_plain_case_insensitive_match(tmp_path):
    env = {
        **os.environ,
        "DATABASE_URL": f"sqlite:///{tmp_path / 'quickstart.sqlite3'}",
        "DJANGO_DEBUG": "true",
        "DJANGO_SETTINGS_MODULE": "emscher_portal.settings",
        "MEDIA_ROOT": str(tmp_path / "media"),
    }
    done = subprocess.run(
        [sys.executable, "-c", SCRIPT],
        cwd=Path(__file__).resolve().parents[3],
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert done.returncode == 0, done.stderr[-3000:]
    result = json.loads(done.stdout.strip().splitlines()[-1])

    assert result["vendor"] == "sqlite"
    assert result["status"] == [200, 200, 400]  # a page below 1 gets the first page with a message, as on Postgres
    page = result["found"]
    assert "2 Treffer für „regenwasser“" in page
    assert '<a href="/netzwerke/blau-gruen/">Blau-grüne Infrastruktur</a>' in page
    assert "Mehr <mark>REGENWASSER</mark> in der Stadt halten." in page
    assert "Versickerung von <mark>Regenwasser</mark> &lt;b&gt;vor Ort&lt;/b&gt;." in page
    assert 'href="/dokumente/doku/download/#page=2"' in page
    assert "Entwurf Regenwasser" not in page
    assert "Nichts gefunden" in result["nothing"]
