from django.apps import AppConfig


class EmscherPortalConfig(AppConfig):
    name = "emscher_portal"
    verbose_name = "Portal"

    def ready(self):
        # Site search: keep the index current on save and delete of every indexed model.
        from emscher_portal.search import adapters, indexing  # noqa: F401, PLC0415 -- adapters register themselves

        indexing.connect_signals()
