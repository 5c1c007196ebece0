from django.apps import AppConfig


class EmscherPortalConfig(AppConfig):
    name = "emscher_portal"
    verbose_name = "Portal"
