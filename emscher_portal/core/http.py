"""Small helpers about the request that several apps need."""

from django.conf import settings


def client_ip(request):
    """The reader's IP: REMOTE_ADDR, or behind our reverse proxy the address it appended to X-Forwarded-For."""
    if settings.SECURE_PROXY_SSL_HEADER and request.headers.get("x-forwarded-for"):
        return request.headers["x-forwarded-for"].split(",")[-1].strip()
    return request.META.get("REMOTE_ADDR", "")
