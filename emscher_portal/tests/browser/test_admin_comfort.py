"""The admin's live helpers in a real Chromium under the strict CSP (static/js/admin.js): slugs filled in from their
sources exactly as the server makes them, the future address shown while typing, new inline rows ordered after the
last one, the Markdown preview through the sanitising renderer, German time-zone notes, and forms and change lists
that fit 1280 px without sideways scrolling. No CSP violation and no JavaScript error on any of it."""

import pytest
from django.conf import settings
from django.contrib import admin
from django.test import RequestFactory

from emscher_portal.core.slugs import slug_unique_for
from forums.models import Event
from networks.models import Network

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PASSWORD = "Redaktion-im-Browser-2026"
NETWORK_NAME = "Grüne Straßen & Plätze – Köln/Süd „2026“"
# Third-party lists for superusers only (the login log); not part of the Redaktion's work.
LAYOUT_EXCEPTIONS = {"/admin/axes/accessattempt/", "/admin/axes/accesslog/", "/admin/axes/accessfailurelog/"}

OVERFLOW = """() => {
  const found = [];
  for (const element of document.querySelectorAll('#content *')) {
    const overflowX = getComputedStyle(element).overflowX;
    if (['auto', 'scroll'].includes(overflowX) && element.scrollWidth > element.clientWidth + 1
        && !element.matches('select, textarea')) {
      const name = `${element.tagName.toLowerCase()}.${element.className}`;
      found.push(`${name}: ${element.scrollWidth} > ${element.clientWidth}`);
    }
  }
  const page = document.documentElement;
  if (page.scrollWidth > page.clientWidth) found.push(`page: ${page.scrollWidth} > ${page.clientWidth}`);
  return found;
}"""


@pytest.fixture
def prepared(site, django_user_model):
    """Everything read from the database before the browser opens (no DB access after)."""
    user = django_user_model.objects.create_user(
        username="redaktion-browser", password=PASSWORD, is_staff=True, is_superuser=True
    )
    request = RequestFactory().get("/admin/")
    request.user = user
    event = Event.objects.get(slug="experten-forum-2024")
    paths = []
    for model, model_admin in admin.site._registry.items():
        base = f"/admin/{model._meta.app_label}/{model._meta.model_name}/"
        if base in LAYOUT_EXCEPTIONS:
            continue
        paths.append(base)
        if model_admin.has_add_permission(request):
            paths.append(f"{base}add/")
        first = model._default_manager.order_by("pk").first()
        if first is not None:
            paths.append(f"{base}{first.pk}/change/")
    return {
        "event_pk": event.pk,
        "programme_positions": sorted(event.programme_items.values_list("position", flat=True)),
        "site_url": settings.SITE_URL.rstrip("/"),
        "network_slug": slug_unique_for(Network, NETWORK_NAME),
        "layout_paths": sorted(set(paths)),
    }


def _open(browser, site, *, timezone="Europe/Berlin"):
    context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="de-DE", timezone_id=timezone)
    page = context.new_page()
    problems = []
    page.on("console", lambda message: problems.append(message.text) if message.type == "error" else None)
    page.on("pageerror", lambda error: problems.append(str(error)))
    page.goto(site + "/admin/login/")
    page.fill("#id_username", "redaktion-browser")
    page.fill("#id_password", PASSWORD)
    page.click("input[type=submit]")
    page.wait_for_url(site + "/admin/")
    return context, page, problems


def _csp_problems(problems):
    # The login page asks for a favicon that does not exist; everything else counts.
    return [problem for problem in problems if "favicon" not in problem and "status of 404" not in problem]


def test_slugs_are_filled_in_live_as_the_server_makes_them_with_the_future_address(site, prepared, browser):
    context, page, problems = _open(browser, site)

    page.goto(site + "/admin/forums/event/add/")
    page.select_option("#id_kind", "dezernententreffen")
    page.fill("#id_start_date", "09.10.2026")
    page.type("#id_title", "6. Dezernententreffen")
    event_slug = page.input_value("#id_slug")
    event_address = page.text_content("#id_slug_address output")
    pending_shown = page.is_visible("#id_slug_address .slug-address__pending")

    page.goto(site + "/admin/networks/network/add/")
    page.type("#id_name", NETWORK_NAME)
    network_slug = page.input_value("#id_slug")
    page.fill("#id_slug", "eigener-kurzname")
    page.type("#id_name", " (neu)")
    kept_slug = page.input_value("#id_slug")
    kept_address = page.text_content("#id_slug_address output")

    page.goto(f"{site}/admin/forums/event/{prepared['event_pk']}/change/")
    page.type("#id_title", " (geändert)")
    saved_slug = page.input_value("#id_slug")
    context.close()

    assert event_slug == "dezernententreffen-2026"
    assert event_address == f"{prepared['site_url']}/foren/dezernententreffen-2026/"
    assert not pending_shown
    assert network_slug == prepared["network_slug"]
    assert kept_slug == "eigener-kurzname"
    assert kept_address == f"{prepared['site_url']}/netzwerke/eigener-kurzname/"
    assert saved_slug == "experten-forum-2024"  # a saved address never changes by itself
    assert _csp_problems(problems) == []


def test_new_inline_rows_come_after_the_last_one(site, prepared, browser):
    context, page, problems = _open(browser, site)

    page.goto(f"{site}/admin/forums/event/{prepared['event_pk']}/change/")
    add_link = page.locator("#programme_items-group .add-row a")
    add_link.click()
    add_link.click()
    total = len(prepared["programme_positions"])
    new_positions = [page.input_value(f"#id_programme_items-{index}-position") for index in (total, total + 1)]
    context.close()

    last = max(prepared["programme_positions"])
    assert new_positions == [str(last + 1), str(last + 2)]
    assert _csp_problems(problems) == []


def test_markdown_preview_shows_the_rendered_text_safely_also_in_a_new_inline_row(site, prepared, browser):
    context, page, problems = _open(browser, site)

    page.goto(f"{site}/admin/forums/event/{prepared['event_pk']}/change/")
    page.fill("#id_body", "## Rückblick\n\n**Zehn Jahre** <script>window.hacked = 1</script>\n\n- eins\n- zwei")
    page.click('[data-markdown-preview="id_body"]')
    preview = page.locator("#id_body_preview .markdown-field__preview-body")
    preview.locator("h2").wait_for()
    html = preview.inner_html()
    text = preview.inner_text()
    hacked = page.evaluate("window.hacked === 1")

    page.locator("#workshops-group .add-row a").click()
    row = page.locator("#workshops-group .inline-related:not(.empty-form)").last
    row.locator("textarea[name$='-results']").fill("- Ergebnis **eins**")
    row.locator("[data-markdown-preview$='-results']").click()
    row.locator(".markdown-field__preview-body strong").last.wait_for()
    row_preview = (
        row.locator("textarea[name$='-results'] >> xpath=ancestor::div[@class='markdown-field']")
        .locator(".markdown-field__preview-body")
        .inner_html()
    )
    described_by = row.locator("textarea[name$='-results']").get_attribute("aria-describedby")
    context.close()

    assert "<h2>Rückblick</h2>" in html
    assert "<strong>Zehn Jahre</strong>" in html
    assert "<li>eins</li>" in html
    assert "<script" not in html
    assert "<script>window.hacked = 1</script>" in text
    assert not hacked
    assert "<li>Ergebnis <strong>eins</strong></li>" in row_preview
    assert "__prefix__" not in described_by
    assert _csp_problems(problems) == []


def test_time_zone_note_of_date_and_time_fields_is_german(site, prepared, browser):
    context, page, problems = _open(browser, site, timezone="UTC")

    page.goto(site + "/admin/forums/event/add/")
    note = page.locator(".timezonewarning").first.inner_text()
    context.close()

    assert note.startswith("Hinweis: Zeiten bitte in der Zeitzone Europe/Berlin eingeben. (Ihr Gerät geht")
    assert _csp_problems(problems) == []


def test_admin_lists_and_forms_fit_1280_px_without_sideways_scrolling(site, prepared, browser):
    context, page, problems = _open(browser, site)

    overflowing = {}
    for path in prepared["layout_paths"]:
        response = page.goto(site + path)
        assert response.status == 200, path
        found = page.evaluate(OVERFLOW)
        if found:
            overflowing[path] = found
    context.close()

    assert overflowing == {}
    assert _csp_problems(problems) == []
