"""Storage for uploaded library documents, kept apart from the public media files."""

import os

from django.conf import settings
from django.core.files.storage import FileSystemStorage, storages


class PrivateDocumentStorage(FileSystemStorage):
    """Files under PRIVATE_MEDIA_ROOT with no public URL: only the download view hands them out.

    The location is read from the settings on every use (not cached), so tests that point
    PRIVATE_MEDIA_ROOT at a temporary folder take effect for the already-built model fields.
    """

    def __init__(self, **kwargs):
        kwargs.setdefault("base_url", None)
        super().__init__(**kwargs)

    @property
    def base_location(self):
        return self._value_or_setting(self._location, settings.PRIVATE_MEDIA_ROOT)

    @property
    def location(self):
        return os.path.abspath(self.base_location)

    def url(self, name):
        raise ValueError("Library documents are not accessible via a URL; use the download view.")


def document_storage():
    """The storage for library documents (a callable, so a test or a deployment can swap STORAGES['documents'])."""
    return storages["documents"]
