"""The Redaktion group gets the editing permissions of the forums and networks content models.

Networks has no data migration of its own yet; its models are granted here. Later apps add theirs with
emscher_portal.permissions.redaktion_grant_operation in their own migrations.
"""

from django.db import migrations

from emscher_portal.core.permissions import redaktion_grant_operation


class Migration(migrations.Migration):
    dependencies = [
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
        ("forums", "0001_initial"),
        ("networks", "0002_network_details_and_members"),
    ]

    operations = [
        redaktion_grant_operation("forums", ["event", "programmeitem", "workshop", "photo"]),
        redaktion_grant_operation("networks", ["municipality", "discipline", "network", "member"]),
    ]
