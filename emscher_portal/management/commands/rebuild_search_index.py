"""Rebuild the whole site-search index from the database (after imports, fixtures or bulk changes)."""

from django.core.management.base import BaseCommand

from emscher_portal.core.search.indexing import rebuild


class Command(BaseCommand):
    help = "Baut den Suchindex der Website vollständig neu auf (nur veröffentlichte Inhalte)."

    def handle(self, *args, **options):
        counts = rebuild()
        for label, rows in counts.items():
            self.stdout.write(f"{label}: {rows}")
        self.stdout.write(self.style.SUCCESS(f"Suchindex neu aufgebaut: {sum(counts.values())} Einträge."))
