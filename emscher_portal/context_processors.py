from django.conf import settings

from emscher_portal.core.site import ORGANISATION_NAME, SITE_SHORT_NAME


def site(request):
    return {
        "SITE_NAME": ORGANISATION_NAME,
        "SITE_SHORT_NAME": SITE_SHORT_NAME,
        "SITE_URL": settings.SITE_URL,
    }
