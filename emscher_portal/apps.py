from django.apps import AppConfig
from django.db.models.signals import post_migrate


class EmscherPortalConfig(AppConfig):
    name = "emscher_portal"
    verbose_name = "Portal"

    def ready(self):
        # Every app's changes.py, search.py and pdf.py register themselves with the shared machinery; then one
        # receiver follows every committed content change (page cache, search index, PDF prerenders).
        from emscher_portal.core import (  # noqa: PLC0415 -- they import models, which load after app configs
            changes,
            checks,  # noqa: F401 -- registers the deploy check of the operator's details
            scheduling,
        )
        from emscher_portal.core.permissions import redaktion_sync_after_migrate  # noqa: PLC0415 -- see above

        changes.connect()
        # Due scheduled publications: the next due time is worked out again after each save with a schedule.
        scheduling.connect()
        # The Redaktion group's permissions follow one rule from the admin's registry, after every migrate.
        post_migrate.connect(redaktion_sync_after_migrate, dispatch_uid="core-redaktion-permissions")
