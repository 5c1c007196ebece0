from django.conf import settings
from django.core.management.base import BaseCommand

from emscher_portal.services import contact_message_purge


class Command(BaseCommand):
    help = "Löscht Kontaktnachrichten, die älter als CONTACT_RETENTION_DAYS (Standard: 180 Tage) sind."

    def handle(self, *args, **options):
        deleted = contact_message_purge()
        self.stdout.write(
            f"{deleted} Kontaktnachricht(en) gelöscht, die älter als {settings.CONTACT_RETENTION_DAYS} Tage waren."
        )
