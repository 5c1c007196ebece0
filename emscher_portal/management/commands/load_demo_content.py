"""Load the portal's demo content: true facts about the initiative plus clearly marked example text.

Idempotent: every loader looks objects up by a stable key and only creates or updates them, so running the
command twice changes nothing. Each app keeps its own part in `<app>/demo.py`.
"""

from django.core.management.base import BaseCommand
from django.db import transaction

from articles import demo as articles_demo
from documents import demo as documents_demo
from documents import demo_plan as documents_demo_plan
from emscher_portal import demo as emscher_portal_demo
from forums import demo as forums_demo
from networks import demo as networks_demo
from networks.models import Municipality
from participation import demo as participation_demo

# Order matters: later parts refer to what earlier ones created.
LOADERS = [
    networks_demo,
    forums_demo,
    documents_demo_plan,
    documents_demo,
    participation_demo,
    emscher_portal_demo,
    articles_demo,
]


class Command(BaseCommand):
    help = "Lädt die Demo-Inhalte des Portals (wahre Fakten und als Beispiel gekennzeichnete Texte)."

    def add_arguments(self, parser):
        parser.add_argument(
            "--if-empty",
            action="store_true",
            help="Nur laden, wenn die Datenbank noch keine Inhalte hat.",
        )

    def handle(self, *args, if_empty=False, **options):
        if if_empty and Municipality.objects.exists():
            self.stdout.write("Demo-Inhalte: Datenbank enthält schon Inhalte, nichts geladen.")
            return
        with transaction.atomic():
            for loader in LOADERS:
                loader.load()
        self.stdout.write(self.style.SUCCESS("Demo-Inhalte geladen."))
