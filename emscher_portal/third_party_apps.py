"""Two third-party apps under German names: the admin names each app by its verbose name, and these have an English
one (django-tasks-db) or none (django-axes). settings.INSTALLED_APPS lists these configs instead of the apps.

Kept out of apps.py: a second AppConfig there would stop Django from picking the portal's own config by itself."""

from axes.apps import AppConfig as AxesAppConfig
from django_tasks_db.apps import TasksAppConfig


class AxesConfig(AxesAppConfig):
    verbose_name = "Anmeldeschutz"


class TasksConfig(TasksAppConfig):
    verbose_name = "Hintergrundaufgaben (intern)"
