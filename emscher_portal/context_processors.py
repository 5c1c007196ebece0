from django.conf import settings


def site(request):
    return {
        "SITE_NAME": "Zukunftsinitiative „Wasser in der Stadt von morgen“",
        "SITE_SHORT_NAME": "Emscher-Portal",
        "SITE_URL": settings.SITE_URL,
    }
