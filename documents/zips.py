"""„Alle Dokumente als ZIP“: every published document of an event in one ZIP with a checksum manifest.

The ZIP is made once per content version, like the generated PDFs (`core.pdf.render.stored_once`): its name is a
hash of what it holds (each document's id, slug, title and the SHA-256 of its current file), so a new version of a
document, a withdrawn one or a newly published one gives a new file, and an unchanged set is a file read. It is
written to a temporary file on disk, one document at a time, and kept in the private document storage (it is
only served through the view, like the documents themselves). `MANIFEST.txt` names each file with its size and
SHA-256, computed from the bytes that went into the ZIP.
"""

import hashlib
import tempfile
import zipfile
from dataclasses import dataclass

from django.core.files import File

from documents.models import Document
from documents.storage import document_storage
from emscher_portal.core.pdf.render import stored_once

ZIP_FOLDER = "zip"
# Bump when the layout of the ZIP (names, manifest) changes: every stored ZIP is then made again.
ZIP_VERSION = "1"
MANIFEST_NAME = "MANIFEST.txt"


@dataclass(frozen=True)
class EventZip:
    name: str
    etag: str

    @property
    def size(self):
        return document_storage().size(self.name)


def event_zip_documents(event):
    """The event's published documents in the order of the event's page (newest year first). One query."""
    return list(Document.objects.published().filter(event=event).order_by("-year", "-created_at", "-pk"))


def _member_name(document):
    return f"{document.slug}.pdf"


def event_zip_name(event, documents):
    parts = [ZIP_VERSION, str(event.pk), event.slug]
    parts += [f"{document.pk}:{document.slug}:{document.title}:{document.sha256}" for document in documents]
    digest = hashlib.sha256("\n".join(parts).encode()).hexdigest()
    return f"{ZIP_FOLDER}/{digest[:2]}/{digest}.zip", digest


def _write_zip(event, documents):
    """The ZIP in a temporary file (never in memory): each document streamed in, then the manifest."""
    spooled = tempfile.TemporaryFile()  # noqa: SIM115 -- handed to the storage, which reads and closes it
    lines = [
        f"Alle Dokumente: {event.title}",
        "Name\tGröße (Bytes)\tSHA-256\tTitel",
    ]
    with zipfile.ZipFile(spooled, "w", compression=zipfile.ZIP_STORED) as archive:
        for document in documents:
            name = _member_name(document)
            digest, size = hashlib.sha256(), 0
            with document.file.open("rb") as source, archive.open(name, "w", force_zip64=True) as target:
                for chunk in iter(lambda source=source: source.read(1 << 20), b""):
                    digest.update(chunk)
                    size += len(chunk)
                    target.write(chunk)
            lines.append(f"{name}\t{size}\t{digest.hexdigest()}\t{document.title}")
        archive.writestr(MANIFEST_NAME, "\n".join(lines) + "\n")
    spooled.seek(0)
    return File(spooled, name="dokumente.zip")


def event_zip(event):
    """The stored ZIP of the event's published documents (made now if this set has none yet), or None."""
    documents = event_zip_documents(event)
    if not documents:
        return None
    name, etag = event_zip_name(event, documents)
    stored_once(name=name, make=lambda: _write_zip(event, documents), storage=document_storage())
    return EventZip(name=name, etag=etag)


__all__ = ["MANIFEST_NAME", "EventZip", "event_zip"]
