from django.conf import settings
from django.utils.functional import SimpleLazyObject

from emscher_portal.core.site import ORGANISATION_NAME, SITE_SHORT_NAME, site_operator


def site(request):
    return {
        "SITE_NAME": ORGANISATION_NAME,
        "SITE_SHORT_NAME": SITE_SHORT_NAME,
        "SITE_URL": settings.SITE_URL,
        # Read once per rendered page, and only when a template uses it (the footer does).
        "SITE_OPERATOR": SimpleLazyObject(site_operator),
    }
