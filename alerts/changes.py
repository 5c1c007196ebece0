"""The alerts' models in the change map: no page, search entry or PDF shows them."""

from alerts.models import Publication, Subscription
from emscher_portal.core.changes import ignore

ignore(Subscription, reason="Readers' subscriptions to e-mail alerts; no page shows them.")
ignore(Publication, reason="When the alerts first saw content published; read only by the digests.")
