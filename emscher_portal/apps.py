from django.apps import AppConfig


class EmscherPortalConfig(AppConfig):
    name = "emscher_portal"
    verbose_name = "Portal"

    def ready(self):
        # Every app's changes.py, search.py and pdf.py register themselves with the shared machinery; then one
        # receiver follows every committed content change (page cache, search index, PDF prerenders).
        from emscher_portal.core import (  # noqa: PLC0415 -- they import models, which load after app configs
            changes,
            checks,  # noqa: F401 -- registers the deploy check of the operator's details
        )

        changes.connect()
