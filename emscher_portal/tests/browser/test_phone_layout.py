"""The phone layout in a real Chromium (375 × 667, an iPhone SE): what only a browser can measure."""

import pytest

from emscher_portal.tests.browser.pages import PAGE_TYPES

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PHONE = {"width": 375, "height": 667}

SIDEWAYS_OVERFLOW = """() => {
  const root = document.documentElement;
  const wide = [...document.querySelectorAll('body *')]
    .filter(el => el.getBoundingClientRect().right > root.clientWidth + 1
      && getComputedStyle(el).position !== 'absolute')
    .slice(0, 5)
    .map(el => el.tagName.toLowerCase() + (el.className ? '.' + String(el.className).split(' ').join('.') : ''));
  return {scrollWidth: root.scrollWidth, clientWidth: root.clientWidth, wide};
}"""


def test_phone_header_takes_under_a_third_of_the_first_screen_and_folds_the_navigation(site, browser):
    context = browser.new_context(viewport=PHONE, locale="de-DE", java_script_enabled=False)
    page = context.new_page()
    page.goto(site + "/foren/")

    header_height = page.evaluate("document.querySelector('.site-header').getBoundingClientRect().height")
    search_field = page.get_by_role("searchbox", name="Suchbegriff")
    networks_link = page.get_by_role("link", name="Netzwerke", exact=True)
    folded = networks_link.is_visible()
    page.get_by_text("Menü", exact=True).click()  # a <details> disclosure: no JavaScript needed
    unfolded = networks_link.is_visible()
    networks_link.click()
    context.close()

    assert header_height < PHONE["height"] / 3, header_height
    assert folded is False
    assert unfolded is True
    assert page.url == site + "/netzwerke/"
    assert search_field.count() == 1


def test_phone_search_field_is_on_the_first_screen(site, browser):
    context = browser.new_context(viewport=PHONE, locale="de-DE")
    page = context.new_page()
    page.goto(site + "/")

    box = page.get_by_role("searchbox", name="Suchbegriff").bounding_box()
    page.get_by_role("searchbox", name="Suchbegriff").fill("Bottrop")
    page.keyboard.press("Enter")
    page.wait_for_url("**/suche/?q=Bottrop")
    context.close()

    assert box["y"] + box["height"] < PHONE["height"] / 3
    assert box["width"] > PHONE["width"] / 2


def test_desktop_navigation_is_shown_without_the_menu_button(site, page):
    page.goto(site + "/")

    toggle_visible = page.get_by_text("Menü", exact=True).is_visible()
    links_visible = [
        page.get_by_role("link", name=name, exact=True).is_visible()
        for name in ("Foren", "Netzwerke", "Maßnahmenplan", "Dokumente", "Suche")
    ]
    header_height = page.evaluate("document.querySelector('.site-header').getBoundingClientRect().height")

    assert toggle_visible is False
    assert links_visible == [True] * 5
    assert header_height < 160  # brand, links and search on one line, navigation on the next, as before


@pytest.mark.parametrize("page_type", PAGE_TYPES)
def test_page_type_has_no_sideways_overflow_at_375(site, urls, browser, page_type):
    context = browser.new_context(viewport=PHONE, locale="de-DE")
    page = context.new_page()
    page.goto(site + urls[page_type])

    closed = page.evaluate(SIDEWAYS_OVERFLOW)
    page.get_by_text("Menü", exact=True).click()
    opened = page.evaluate(SIDEWAYS_OVERFLOW)
    context.close()

    assert closed["scrollWidth"] <= closed["clientWidth"], closed
    assert opened["scrollWidth"] <= opened["clientWidth"], opened
