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
    search_fields = page.get_by_role("searchbox", name="Suchbegriff").count()
    networks_link = page.get_by_role("navigation", name="Hauptnavigation").get_by_role("link", name="Netzwerke")
    folded = networks_link.is_visible()
    page.get_by_text("Menü", exact=True).click()  # a <details> disclosure: no JavaScript needed
    unfolded = networks_link.is_visible()
    networks_link.click()
    url = page.url
    context.close()

    assert header_height < PHONE["height"] / 3, header_height
    assert folded is False
    assert unfolded is True
    assert url == site + "/netzwerke/"
    assert search_fields == 1


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
    navigation = page.get_by_role("navigation", name="Hauptnavigation")
    links_visible = [
        navigation.get_by_role("link", name=name, exact=True).is_visible()
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


WORDS_BROKEN_ACROSS_LINES = """selector => {
  const broken = [];
  for (const cell of document.querySelectorAll(selector)) {
    const walker = document.createTreeWalker(cell, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      for (const match of node.textContent.matchAll(/\\S+/g)) {
        const range = document.createRange();
        range.setStart(node, match.index);
        range.setEnd(node, match.index + match[0].length);
        const lines = new Set([...range.getClientRects()].map(rect => Math.round(rect.top)));
        if (lines.size > 1) broken.push(match[0]);
      }
    }
  }
  return broken;
}"""


def test_plan_status_table_breaks_no_word_at_375(site, browser):
    context = browser.new_context(viewport=PHONE, locale="de-DE")
    page = context.new_page()
    page.goto(site + "/massnahmenplan/")

    broken = page.evaluate(WORDS_BROKEN_ACROSS_LINES, ".status-table tbody th, .status-table tfoot th")
    table = page.evaluate(
        "(() => { const t = document.querySelector('.status-table');"
        " return {width: t.getBoundingClientRect().width, scroll: t.parentElement.scrollWidth,"
        " client: t.parentElement.clientWidth}; })()"
    )
    context.close()

    assert broken == []
    assert table["scroll"] <= table["client"], table


def test_portrait_cover_is_cropped_to_the_hero_ratio(site, urls, browser):
    context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="de-DE")
    page = context.new_page()
    # A portrait picture of the site itself: the first-page preview of a library document (A4, upright).
    page.goto(site + urls["document-detail"])
    portrait = page.locator(".document__preview img").get_attribute("src")
    page.goto(site + urls["event"])
    page.evaluate(
        """src => new Promise(resolve => {
          const img = document.querySelector('.event__cover img');
          img.removeAttribute('srcset');
          img.onload = resolve;
          img.src = src;
        })""",
        portrait,
    )

    shape = page.evaluate(
        "(() => { const img = document.querySelector('.event__cover img'); const box = img.getBoundingClientRect();"
        " return {width: box.width, height: box.height, naturalWidth: img.naturalWidth,"
        " naturalHeight: img.naturalHeight, fit: getComputedStyle(img).objectFit}; })()"
    )
    context.close()

    assert shape["naturalHeight"] > shape["naturalWidth"]  # it really is a portrait picture
    assert shape["fit"] == "cover"
    assert abs(shape["height"] - shape["width"] * 9 / 16) <= 1, shape


ROWS_OF = """selector => {
  const rows = {};
  for (const item of document.querySelectorAll(selector)) {
    const top = Math.round(item.getBoundingClientRect().top);
    rows[top] = (rows[top] || 0) + 1;
  }
  return Object.keys(rows).sort((a, b) => a - b).map(top => rows[top]);
}"""


@pytest.mark.parametrize(
    ("width", "selector", "rows"),
    [
        (1280, "#documents-title + .card-grid > li", [2, 2]),  # 4 documents in a 3-column grid: 2 + 2, not 3 + 1
        (1280, "#exchange-title ~ .card-grid > li", [4]),  # the four boxes as before on a desktop
        (1000, "#exchange-title ~ .card-grid > li", [2, 2]),  # … and 2 + 2 where only three fit
        (375, "#documents-title + .card-grid > li", [1, 1, 1, 1]),
    ],
)
def test_home_grids_leave_no_card_alone_on_a_row(site, browser, width, selector, rows):
    context = browser.new_context(viewport={"width": width, "height": 900}, locale="de-DE")
    page = context.new_page()
    page.goto(site + "/")

    found = page.evaluate(ROWS_OF, selector)
    context.close()

    assert found == rows


def test_network_list_of_four_is_two_rows_of_two(site, browser):
    context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="de-DE")
    page = context.new_page()
    page.goto(site + "/netzwerke/")

    found = page.evaluate(ROWS_OF, ".card-grid > li")
    context.close()

    assert found == [2, 2]


def test_home_networks_and_measure_history_show_no_list_markers(site, urls, browser):
    context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="de-DE")
    page = context.new_page()
    page.goto(site + "/")
    networks = page.evaluate("getComputedStyle(document.querySelector('.home-networks li')).listStyleType")
    page.goto(site + urls["measure"])
    history = page.evaluate("getComputedStyle(document.querySelector('.history li')).listStyleType")
    context.close()

    assert (networks, history) == ("none", "none")
