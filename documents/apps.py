from django.apps import AppConfig


class DocumentsConfig(AppConfig):
    name = "documents"
    verbose_name = "Dokumente und Maßnahmenplan"

    def ready(self):
        # Generated PDFs follow content edits (documents.signals); imported here, once the models are loaded.
        from documents import signals  # noqa: PLC0415 -- needs the app registry

        signals.connect()
