"""Periodic jobs of the site-wide app, run by the task worker (see emscher_portal/core/worker/periodic.py)."""

from datetime import timedelta

from django.conf import settings

from emscher_portal.core.scheduling import publication_run_due
from emscher_portal.core.worker.periodic import periodic
from emscher_portal.services import contact_message_purge


@periodic(every=timedelta(days=1))
def contact_messages_purge():
    """What the Datenschutz page promises: messages from /kontakt/ are deleted after CONTACT_RETENTION_DAYS.
    (`manage.py purge_contact_messages` does the same by hand.)"""
    deleted = contact_message_purge()
    return f"{deleted} Kontaktnachricht(en) gelöscht, die älter als {settings.CONTACT_RETENTION_DAYS} Tage waren"


@periodic(every=timedelta(minutes=1))
def publications_due():
    """„Veröffentlichen am“ / „Zurückziehen am“ on time even when nobody reads a page (a page read runs it too)."""
    published, withdrawn, refused = publication_run_due()
    return f"{published} veröffentlicht, {withdrawn} zurückgezogen, {refused} wegen Fehlern nicht veröffentlicht"
