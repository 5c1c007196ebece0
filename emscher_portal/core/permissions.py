"""The „Redaktion“ group, from one rule: it may add, change, delete and view every content model in the admin.

„Content model“ means a model of the portal's own apps (settings.LOCAL_APPS) that the admin shows — registered
there, or edited inline on a registered model's page. A ModelAdmin or inline narrows what the group may do with
`redaktion_permissions`: ("view",) where the record must not change (contact messages), ("add", "view") where it
only grows (the measures' status history), () where it is machinery for superusers (the task workers, the
periodic jobs). Models of Django and of libraries (users, groups, permissions, the login log, the task queue) are
never granted.

`redaktion_sync()` runs after every `migrate` (post_migrate) and sets the group's permissions to exactly what the
rule gives, so a new model or admin is covered without a hand-written list, and a narrowed one loses the rest.
"""

from django.conf import settings
from django.contrib import admin
from django.contrib.auth.models import Group, Permission
from django.contrib.contenttypes.models import ContentType

REDAKTION_GROUP = "Redaktion"
EDITOR_ACTIONS = ("add", "change", "delete", "view")


def redaktion_models(site=admin.site):
    """{model: actions} the rule gives the Redaktion, from the admin's registry and its inlines."""
    granted = {}
    for model, model_admin in site._registry.items():
        granted[model] = tuple(getattr(model_admin, "redaktion_permissions", EDITOR_ACTIONS))
        for inline in model_admin.inlines:
            granted.setdefault(inline.model, tuple(getattr(inline, "redaktion_permissions", EDITOR_ACTIONS)))
    return {
        model: actions
        for model, actions in granted.items()
        if model._meta.app_config.name in settings.LOCAL_APPS and not model._meta.auto_created and actions
    }


def redaktion_permissions(site=admin.site):
    """The Permission rows the rule gives (only those that exist already)."""
    codenames_by_type = {}
    for model, actions in redaktion_models(site).items():
        content_type = ContentType.objects.get_for_model(model, for_concrete_model=False)
        codenames_by_type[content_type.pk] = {f"{action}_{model._meta.model_name}" for action in actions}
    candidates = Permission.objects.filter(content_type__in=codenames_by_type)
    return [
        permission for permission in candidates if permission.codename in codenames_by_type[permission.content_type_id]
    ]


def redaktion_sync(site=admin.site):
    """Create the group if needed and give it exactly the permissions of the rule."""
    group, _created = Group.objects.get_or_create(name=REDAKTION_GROUP)
    group.permissions.set(redaktion_permissions(site))
    return group


def redaktion_sync_after_migrate(sender, using=None, **kwargs):
    """post_migrate receiver: Django sends it once per app after creating that app's permissions; the last call
    sees them all."""
    if using not in (None, "default"):
        return
    redaktion_sync()
