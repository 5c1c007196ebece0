"""`make backup` / `make restore FILE=…` round trip: same rows, same files, same checksums.

The scripts run as they would for an operator, as subprocesses against real Postgres databases: the test database
is backed up, then restored into a second, empty database and back onto itself after damage.
"""

import hashlib
import io
import json
import os
import subprocess
import sys
import tarfile
import uuid
from pathlib import Path

import psycopg
import pytest
from django.contrib.auth import get_user_model
from django.db import connection

from networks.models import Municipality

pytestmark = pytest.mark.django_db(transaction=True)

ROOT = Path(__file__).resolve().parents[3]


def _url(name):
    database = connection.settings_dict
    user = database.get("USER") or "postgres"
    password = f":{database['PASSWORD']}" if database.get("PASSWORD") else ""
    host = database.get("HOST") or "127.0.0.1"
    port = database.get("PORT") or 5432
    return f"postgres://{user}{password}@{host}:{port}/{name}"


def _run(script, *args, database, media, private):
    environment = {k: v for k, v in os.environ.items() if not k.startswith("DJANGO_")}
    environment.update(
        DJANGO_DEBUG="true",
        DATABASE_URL=_url(database),
        MEDIA_ROOT=str(media),
        PRIVATE_MEDIA_ROOT=str(private),
    )
    return subprocess.run(
        [sys.executable, str(ROOT / "bin" / script), *map(str, args)],
        cwd=ROOT,
        env=environment,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )


def _fingerprint(database):
    """Per table: row count and an MD5 over all rows in a fixed order — equal only if the rows are equal."""
    conninfo = _url(database).replace("postgres://", "postgresql://", 1)
    with psycopg.connect(conninfo) as conn, conn.cursor() as cursor:
        cursor.execute("SELECT tablename FROM pg_tables WHERE schemaname = 'public' ORDER BY tablename")
        tables = [row[0] for row in cursor.fetchall()]
        result = {}
        for table in tables:
            cursor.execute(
                f"SELECT COUNT(*), md5(COALESCE(string_agg(t::text, '|' ORDER BY t::text), '')) FROM \"{table}\" t"
            )
            result[table] = cursor.fetchone()
        return result


def _files(root):
    return {
        path.relative_to(root).as_posix(): hashlib.sha256(path.read_bytes()).hexdigest()
        for path in sorted(Path(root).rglob("*"))
        if path.is_file()
    }


@pytest.fixture
def content(settings, tmp_path, make_image, demo):
    """Demo content, a user, a photo, a generated PDF and a private upload: what a backup must keep."""
    get_user_model().objects.create_user(username="redakteurin", password="Ein-langes-Passwort-2026", is_staff=True)
    media = Path(settings.MEDIA_ROOT)
    private = tmp_path / "private"
    (media / "forums" / "photos").mkdir(parents=True, exist_ok=True)
    (media / "forums" / "photos" / "ufer.jpg").write_bytes(make_image("JPEG", size=(320, 200)))
    (media / "pdf").mkdir(exist_ok=True)
    (media / "pdf" / "experten-forum-2015.pdf").write_bytes(b"%PDF-1.7\n" + os.urandom(4096))
    (private / "dokumente").mkdir(parents=True)
    (private / "dokumente" / "massnahmenplan-2020.pdf").write_bytes(b"%PDF-1.4\n" + os.urandom(2048))
    return media, private


@pytest.fixture
def scratch_database():
    name = f"emscher_sec_restore_{uuid.uuid4().hex[:8]}"
    admin = _url("postgres").replace("postgres://", "postgresql://", 1)
    with psycopg.connect(admin, autocommit=True) as conn:
        conn.execute(f'CREATE DATABASE "{name}"')
    yield name
    with psycopg.connect(admin, autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def test_backup_writes_one_archive_with_dump_media_and_manifest(content, tmp_path):
    media, private = content
    archive = tmp_path / "sicherung.tar.gz"

    result = _run("backup", archive, database=connection.settings_dict["NAME"], media=media, private=private)

    assert result.returncode == 0, result.stderr
    assert f"Sicherung geschrieben: {archive}" in result.stdout
    with tarfile.open(archive) as tar:
        names = set(tar.getnames())
        manifest = json.load(tar.extractfile("manifest.json"))
    assert {"media/forums/photos/ufer.jpg", "media/pdf/experten-forum-2015.pdf"} <= names
    assert names == (
        {"manifest.json", "database.dump"}
        | {f"media/{name}" for name in _files(media)}
        | {f"private/{name}" for name in _files(private)}
    )
    assert manifest["files"]["media/forums/photos/ufer.jpg"] == _files(media)["forums/photos/ufer.jpg"]
    assert manifest["tables"]["auth_user"] == 1
    assert manifest["tables"]["networks_municipality"] == 17


def test_round_trip_into_an_empty_database_loses_nothing(content, tmp_path, scratch_database):
    media, private = content
    archive = tmp_path / "sicherung.tar.gz"
    source = connection.settings_dict["NAME"]
    assert _run("backup", archive, database=source, media=media, private=private).returncode == 0

    result = _run(
        "restore", archive, database=scratch_database, media=tmp_path / "neu-media", private=tmp_path / "neu-private"
    )

    assert result.returncode == 0, result.stderr
    assert "Wiederhergestellt und geprüft" in result.stdout
    before, after = _fingerprint(source), _fingerprint(scratch_database)
    assert after == before
    assert before["networks_municipality"][0] == 17
    assert _files(tmp_path / "neu-media") == _files(media)
    assert _files(tmp_path / "neu-private") == _files(private)


def test_restore_over_damaged_data_brings_back_the_backup_state(content, tmp_path):
    media, private = content
    archive = tmp_path / "sicherung.tar.gz"
    database = connection.settings_dict["NAME"]
    assert _run("backup", archive, database=database, media=media, private=private).returncode == 0
    expected_rows, expected_files = _fingerprint(database), _files(media)
    # The accident: rows deleted, a file lost, a stray file added.
    Municipality.objects.filter(name="Dorsten").delete()
    (media / "forums" / "photos" / "ufer.jpg").unlink()
    (media / "fremd.html").write_text("<script>alert(1)</script>")
    connection.close()

    result = _run("restore", archive, database=database, media=media, private=private)

    assert result.returncode == 0, result.stderr
    assert _fingerprint(database) == expected_rows
    assert Municipality.objects.filter(name="Dorsten").exists()
    assert _files(media) == expected_files
    kept = [path for path in media.parent.iterdir() if path.name.startswith("media.before-restore-")]
    assert len(kept) == 1
    assert (kept[0] / "fremd.html").exists()


def test_a_damaged_archive_is_refused_and_changes_nothing(content, tmp_path):
    media, private = content
    archive = tmp_path / "sicherung.tar.gz"
    database = connection.settings_dict["NAME"]
    assert _run("backup", archive, database=database, media=media, private=private).returncode == 0
    damaged = tmp_path / "beschaedigt.tar.gz"
    with tarfile.open(archive) as source, tarfile.open(damaged, "w:gz") as target:
        for member in source.getmembers():
            data = source.extractfile(member).read()
            if member.name == "media/forums/photos/ufer.jpg":
                data = data[:-1] + bytes([data[-1] ^ 0xFF])
            target.addfile(member, io.BytesIO(data))

    Municipality.objects.filter(name="Dorsten").delete()
    before = _fingerprint(database)

    result = _run("restore", damaged, database=database, media=media, private=private)

    assert result.returncode != 0
    assert "Archiv beschädigt" in result.stderr
    assert "media/forums/photos/ufer.jpg" in result.stderr
    assert _fingerprint(database) == before
    assert not any(path.name.startswith("media.before-restore-") for path in media.parent.iterdir())
