"""Formerly granted the Redaktion group the Maßnahmenplan permissions from a hand-written list.

The group now gets its permissions from one rule after every migrate (`emscher_portal.core.permissions`); this
migration is kept empty so existing databases stay consistent.
"""

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [
        ("documents", "0003_plan_event_and_document_links"),
        ("forums", "0002_redaktion_group"),
    ]

    operations = []
