"""The „Redaktion“ group: editors manage content, never users. Each app grants its own models' permissions.

An app's data migration adds its content models to the group:

    operations = [redaktion_grant_operation("forums", ["event", "photo"])]

so the group always holds exactly the editing permissions of the content models that exist.
"""

from django.db import migrations

REDAKTION_GROUP = "Redaktion"
EDITOR_ACTIONS = ("add", "change", "delete", "view")


def _permissions(apps, app_label, model_names, actions):
    from django.apps import apps as global_apps  # noqa: PLC0415 -- only needed inside a migration
    from django.contrib.auth.management import create_permissions  # noqa: PLC0415 -- see above

    # Permissions are normally created after all migrations ran; make sure they exist now.
    create_permissions(global_apps.get_app_config(app_label), apps=apps, verbosity=0)
    permission_model = apps.get_model("auth", "Permission")
    codenames = [f"{action}_{model}" for model in model_names for action in actions]
    permissions = list(permission_model.objects.filter(content_type__app_label=app_label, codename__in=codenames))
    missing = set(codenames) - {permission.codename for permission in permissions}
    if missing:
        raise LookupError(f"Unknown permissions for {app_label}: {sorted(missing)}")
    return permissions


def redaktion_grant(apps, *, app_label, model_names, actions=EDITOR_ACTIONS):
    """Give the Redaktion group (created if needed) the editing permissions of these models of `app_label`."""
    group, _created = apps.get_model("auth", "Group").objects.get_or_create(name=REDAKTION_GROUP)
    group.permissions.add(*_permissions(apps, app_label, model_names, actions))


def redaktion_revoke(apps, *, app_label, model_names, actions=EDITOR_ACTIONS):
    group = apps.get_model("auth", "Group").objects.filter(name=REDAKTION_GROUP).first()
    if group is not None:
        group.permissions.remove(*_permissions(apps, app_label, model_names, actions))


def redaktion_grant_operation(app_label, model_names, actions=EDITOR_ACTIONS):
    """A reversible RunPython operation for an app's data migration."""

    def forwards(apps, schema_editor):
        redaktion_grant(apps, app_label=app_label, model_names=model_names, actions=actions)

    def backwards(apps, schema_editor):
        redaktion_revoke(apps, app_label=app_label, model_names=model_names, actions=actions)

    return migrations.RunPython(forwards, backwards)
