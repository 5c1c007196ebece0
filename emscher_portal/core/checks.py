"""System checks of the shared machinery: `manage.py check --deploy` warns while the Impressum lacks a required
operator detail (core.site), so nobody goes live with an incomplete Impressum unnoticed."""

from django.core import checks
from django.db import DatabaseError

from emscher_portal.core.site import site_operator_missing


@checks.register("impressum", deploy=True)
def operator_details_check(app_configs=None, **kwargs):
    """Warn about every required operator detail that is still empty. Reads the database, which a deploy check
    may: it runs against the production database before going live."""
    if app_configs is not None and not any(config.name == "emscher_portal" for config in app_configs):
        return []
    try:
        missing = site_operator_missing()
    except DatabaseError as error:
        return [
            checks.Warning(
                "Die Betreiberangaben für das Impressum ließen sich nicht lesen "
                f"({type(error).__name__}); ist die Datenbank erreichbar und migriert?",
                id="emscher_portal.W002",
            )
        ]
    if not missing:
        return []
    return [
        checks.Warning(
            "Im Impressum fehlen Betreiberangaben: " + ", ".join(f"„{label}“" for _name, label in missing) + ".",
            hint="Im Admin unter „Portal → Betreiberangaben“ ergänzen.",
            id="emscher_portal.W001",
        )
    ]
