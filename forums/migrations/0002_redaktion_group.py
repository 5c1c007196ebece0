"""Formerly granted the Redaktion group the forums and networks permissions from a hand-written list.

The group now gets its permissions from one rule after every migrate (`emscher_portal.core.permissions`), derived
from the models registered in the admin; this migration is kept empty so existing databases stay consistent.
"""

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
        ("forums", "0001_initial"),
        ("networks", "0002_network_details_and_members"),
    ]

    operations = []
