"""The Django admin works in a real Chromium under the portal's strict CSP: no violation reported, its JavaScript
runs (static/js/admin.js fills the slug in while the name is typed), and public pages report no violation either."""

import pytest

from emscher_portal.tests.browser.pages import watch_for_problems
from networks.models import Network

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PASSWORD = "Redaktion-im-Browser-2026"


@pytest.fixture
def admin_paths(site, django_user_model):
    """A staff login and the admin pages to visit, prepared before the browser opens (no DB access after)."""

    django_user_model.objects.create_user(username="csp-pruefung", password=PASSWORD, is_staff=True, is_superuser=True)
    network = Network.objects.order_by("pk").first()
    return [
        "/admin/",
        "/admin/networks/network/",
        f"/admin/networks/network/{network.pk}/change/",
        "/admin/networks/network/add/",
        "/admin/auth/user/",
    ]


def test_admin_runs_under_the_strict_csp(site, admin_paths, urls, browser):
    context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="de-DE")
    page = context.new_page()
    problems = watch_for_problems(page)

    page.goto(site + "/admin/login/")
    page.fill("#id_username", "csp-pruefung")
    page.fill("#id_password", PASSWORD)
    page.click("input[type=submit]")
    page.wait_for_url(site + "/admin/")
    for path in admin_paths:
        response = page.goto(site + path)
        assert response.status == 200, path
        assert "nonce-" in response.headers["content-security-policy"], path
    # static/js/admin.js fills the slug in while the name is typed: the admin's own module really runs.
    page.goto(site + "/admin/networks/network/add/")
    page.type("#id_name", "Blaue Infrastruktur")
    slug = page.input_value("#id_slug")
    context.close()

    assert slug == "blaue-infrastruktur"
    assert problems == []


def test_public_pages_report_no_csp_violation(site, urls, browser):
    context = browser.new_context(viewport={"width": 390, "height": 844}, locale="de-DE")
    page = context.new_page()
    problems = watch_for_problems(page)

    for path in sorted(set(urls.values())):
        page.goto(site + path)
    context.close()

    assert [problem for problem in problems if "Content Security Policy" in problem] == []
