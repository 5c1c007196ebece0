"""The Redaktion group may edit the Maßnahmenplan: plan, Handlungsfelder, Maßnahmen and their status history."""

from django.db import migrations

from emscher_portal.core.permissions import redaktion_grant_operation


class Migration(migrations.Migration):
    dependencies = [
        ("documents", "0003_plan_event_and_document_links"),
        ("forums", "0002_redaktion_group"),
    ]

    operations = [
        redaktion_grant_operation("documents", ["plan", "actionfield", "measure", "measurestatuschange"]),
    ]
