from django.apps import AppConfig


class EmscherPortalConfig(AppConfig):
    name = "emscher_portal"
    verbose_name = "Portal"

    def ready(self):
        # Page cache: any change of a content model (forums, networks, documents, portal) invalidates every page.
        from emscher_portal import pagecache  # noqa: PLC0415 -- signal wiring belongs in ready()

        pagecache.connect_signals()

        # Site search: keep the index current on save and delete of every indexed model.
        from emscher_portal.search import adapters, indexing  # noqa: F401, PLC0415 -- adapters register themselves

        indexing.connect_signals()
