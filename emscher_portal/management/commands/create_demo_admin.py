"""Create an admin account for trying the Redaktion, once, with a random password printed one time."""

import secrets

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand


class Command(BaseCommand):
    help = "Legt beim ersten Start ein Admin-Konto mit zufälligem Passwort an und zeigt das Passwort einmal an."

    def add_arguments(self, parser):
        parser.add_argument("--username", default="admin")

    def handle(self, *args, username, **options):
        User = get_user_model()
        if User.objects.filter(is_superuser=True).exists():
            return
        password = secrets.token_urlsafe(12)
        User.objects.create_superuser(username=username, email="", password=password)
        self.stdout.write(
            self.style.WARNING(
                f"Admin-Konto für die Redaktion angelegt: Benutzer „{username}“, Passwort „{password}“ "
                "(wird nur dieses eine Mal angezeigt; ändern unter /admin/password_change/)."
            )
        )
