"""Site-wide security pieces that settings.py names: the admin's own CSP and the login cool-off."""

import sys
from datetime import timedelta

from django.conf import settings
from django.contrib import admin
from django.db import InterfaceError, OperationalError
from django.http import HttpResponse
from django.shortcuts import render
from django.template import loader
from django.urls import reverse
from django.utils.csp import CSP
from django.utils.translation import gettext as _
from django.views.defaults import server_error as default_server_error


def admin_csp():
    """The public policy, plus per-response nonces for the admin's own scripts and styles.

    Django 6.1's admin marks its `<script>`/`<link>`/`<style>` tags with `{% csp_nonce_attr %}` (the change list
    without actions has an inline `<style>` block). A nonce keeps the policy strict: still no 'unsafe-inline', no
    'unsafe-eval', no other host; only tags the admin rendered for this very response run.
    """
    policy = {directive: list(values) for directive, values in settings.SECURE_CSP.items()}
    for directive in ("script-src", "style-src"):
        policy.setdefault(directive, [CSP.SELF]).append(CSP.NONCE)
    return policy


class AdminContentSecurityPolicyMiddleware:
    """Give responses under /admin/ the nonce-carrying policy; every other path keeps SECURE_CSP."""

    def __init__(self, get_response):
        self.get_response = get_response
        self.admin_prefix = None

    def __call__(self, request):
        response = self.get_response(request)
        if self.admin_prefix is None:
            self.admin_prefix = reverse("admin:index")
        if request.path.startswith(self.admin_prefix) and not hasattr(response, "_csp_config"):
            response._csp_config = admin_csp()
        return response


def axes_cool_off(request=None):
    """How long a locked-out login stays locked (django-axes calls this), from AXES_COOLOFF_MINUTES."""
    return timedelta(minutes=settings.AXES_COOLOFF_MINUTES)


def axes_lockout_response(request, original_response=None, credentials=None):
    """The German page a locked-out login gets (HTTP 429), saying how long the lock lasts."""
    context = {"failure_limit": settings.AXES_FAILURE_LIMIT, "cooloff_minutes": settings.AXES_COOLOFF_MINUTES}
    return render(request, "emscher_portal/lockout.html", context, status=429)


def server_error(request, template_name="500.html"):
    """handler500: a lost database is an outage, not a bug — answer 503 with Retry-After so that proxies, load
    balancers and crawlers come back later; every other error keeps Django's 500 page."""

    error = sys.exc_info()[1]
    if isinstance(error, (OperationalError, InterfaceError)):
        response = HttpResponse(loader.get_template("503.html").render(), status=503)
        response["Retry-After"] = "30"
        return response
    return default_server_error(request, template_name)


def permission_denied(request, exception=None):
    """handler403: a German page — in the admin's look with its navigation under /admin/ (a Redaktion member
    lacking a permission, an autocomplete the account may not use), in the site's look everywhere else."""
    if request.path.startswith(reverse("admin:index")):
        context = {**admin.site.each_context(request), "title": _("Keine Berechtigung")}
        return render(request, "admin/403.html", context, status=403)
    return render(request, "403.html", status=403)
