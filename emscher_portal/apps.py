from django.apps import AppConfig


class EmscherPortalConfig(AppConfig):
    name = "emscher_portal"
    verbose_name = "Portal"

    def ready(self):
        # Every app's changes.py, search.py and pdf.py register themselves with the shared machinery; then one
        # receiver follows every committed content change (page cache, search index, PDF prerenders).
        from emscher_portal.core import changes  # noqa: PLC0415 -- it imports models, which load after app configs

        changes.connect()
