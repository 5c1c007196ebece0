"""Every public page type in a real Chromium: axe-core (WCAG 2.2 A/AA tags), reflow, keyboard, reduced motion."""

import re

import pytest

from emscher_portal.tests.browser.pages import PAGE_TYPES

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

HORIZONTAL_OVERFLOW = """() => {
  const root = document.documentElement;
  const wide = [...document.querySelectorAll('body *')]
    .filter(el => el.getBoundingClientRect().right > root.clientWidth + 1
      && getComputedStyle(el).position !== 'absolute')
    .slice(0, 5)
    .map(el => el.tagName.toLowerCase() + (el.className ? '.' + String(el.className).split(' ').join('.') : ''));
  return {scrollWidth: root.scrollWidth, clientWidth: root.clientWidth, wide};
}"""


def _open(page, site, page_type, urls):
    if page_type == "kontakt":
        # The contact page in the state that matters most: sent with mistakes, errors shown.
        page.goto(site + urls["kontakt"])
        page.get_by_role("button", name="Nachricht senden").click()
        page.wait_for_selector(".form-summary")
        return
    if page_type == "themen-propose":
        # Also in the state with errors shown.
        page.goto(site + urls["themen-propose"])
        page.get_by_role("button", name="Vorschlag absenden").click()
        page.wait_for_selector(".form-summary")
        return
    if page_type == "themen-ballot-errors":
        # The ballot with every mistake at once: over the budget, and no address.
        page.goto(site + urls["themen-ballot-errors"])
        for field in page.locator(".ballot-form__topics input[type=number]").all():
            field.fill("3")
        page.get_by_role("button", name="Gewichtung absenden").click()
        page.wait_for_selector(".form-summary")
        return
    response = page.goto(site + urls[page_type])
    assert response.status == (404 if page_type == "404" else 200), page_type


@pytest.mark.parametrize("page_type", PAGE_TYPES)
def test_page_type_has_no_axe_violations_and_reflows(site, urls, browser, axe, page_type):
    context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="de-DE")
    page = context.new_page()

    _open(page, site, page_type, urls)
    violations = axe(page)
    # Reflow (WCAG 1.4.10): 320 CSS pixels wide, no horizontal scrolling.
    page.set_viewport_size({"width": 320, "height": 640})
    at_320 = page.evaluate(HORIZONTAL_OVERFLOW)
    # 200 % page zoom on a 1280 px window leaves 640 CSS pixels (WCAG 1.4.4).
    page.set_viewport_size({"width": 640, "height": 450})
    at_zoom = page.evaluate(HORIZONTAL_OVERFLOW)
    # 200 % text size alone, as the browser's text zoom does it: double the root font size.
    page.set_viewport_size({"width": 1280, "height": 900})
    page.evaluate("document.documentElement.style.fontSize = '200%'")
    at_text = page.evaluate(HORIZONTAL_OVERFLOW)
    context.close()

    assert violations == []
    for name, overflow in (("320 px", at_320), ("200 % zoom", at_zoom), ("200 % text", at_text)):
        assert overflow["scrollWidth"] <= overflow["clientWidth"], f"horizontal scroll at {name}: {overflow}"


def test_skip_link_is_first_visible_on_focus_and_moves_focus_to_main(site, page):
    page.goto(site + "/")

    page.keyboard.press("Tab")
    focused = page.evaluate(
        "({text: document.activeElement.textContent.trim(), top: document.activeElement.getBoundingClientRect().top})"
    )
    page.keyboard.press("Enter")

    assert focused["text"] == "Zum Inhalt springen"
    assert focused["top"] >= 0
    assert page.evaluate("document.activeElement.id") == "inhalt"
    assert page.url.endswith("#inhalt")


FOCUS_STYLE = """() => {
  const el = document.activeElement;
  const style = getComputedStyle(el);
  return {
    tag: el.tagName.toLowerCase(),
    text: (el.textContent || el.getAttribute('aria-label') || el.name || '').trim().slice(0, 40),
    outline: style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) >= 2,
    shadow: style.boxShadow !== 'none',
    visible: el.getBoundingClientRect().width > 0 && el.getBoundingClientRect().height > 0,
  };
}"""


@pytest.mark.parametrize(
    "page_type", ["home", "archive-filtered", "event", "kontakt", "themen-propose", "themen-ballot-errors"]
)
def test_every_control_is_reachable_by_tab_and_visibly_focused(site, urls, page, page_type):
    _open(page, site, page_type, urls)
    page.evaluate("document.activeElement.blur()")
    page.evaluate("window.scrollTo(0, 0)")
    # A radio group is one tab stop (its checked button, else its first); the arrow keys move within it.
    expected = page.evaluate(
        """() => {
          const radioStop = el => {
            const group = [...document.querySelectorAll(`input[type=radio][name="${el.name}"]`)];
            return el === (group.find(radio => radio.checked) || group[0]);
          };
          return [...document.querySelectorAll('a[href], button, input, select, textarea, summary, [tabindex]')]
            .filter(el => el.tabIndex >= 0 && !el.disabled && el.getClientRects().length > 0
              && getComputedStyle(el).visibility !== 'hidden' && (el.type !== 'radio' || radioStop(el))).length;
        }"""
    )

    seen = []
    for _ in range(expected + 5):
        page.keyboard.press("Tab")
        state = page.evaluate(FOCUS_STYLE)
        if state["tag"] == "body" or (seen and state == seen[0]):
            break
        seen.append(state)

    unfocusable_look = [state for state in seen if not (state["outline"] or state["shadow"]) or not state["visible"]]
    assert unfocusable_look == []
    assert len(seen) >= expected


def test_archive_filters_work_with_the_keyboard_alone(site, page):
    page.goto(site + "/foren/")

    select = page.locator("form.list-filter select").first
    name = select.get_attribute("name")
    # Tab from the top of the page until the first filter has the focus; then choose an option with the arrow key.
    for _ in range(60):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.name") == name:
            break
    else:
        pytest.fail("the first filter was never reached with Tab")
    page.keyboard.press("ArrowDown")
    chosen = page.evaluate("document.activeElement.value")
    for _ in range(10):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.type") == "submit":
            break
    with page.expect_navigation():
        page.keyboard.press("Enter")

    assert chosen
    assert re.search(rf"[?&]{name}={re.escape(chosen)}", page.url)
    assert page.locator("h1").count() == 1


def test_reduced_motion_turns_off_animation_and_transitions(site, urls, browser):
    context = browser.new_context(reduced_motion="reduce")
    page = context.new_page()
    moving = []
    for page_type in ("home", "event", "document-detail"):
        page.goto(site + urls[page_type])
        moving += page.evaluate("""() => [...document.querySelectorAll('*')].filter(el => {
            const s = getComputedStyle(el);
            const longest = v => Math.max(...v.split(',')
              .map(t => parseFloat(t) * (t.trim().endsWith('ms') ? 1 : 1000)));
            return longest(s.transitionDuration) > 1 || longest(s.animationDuration) > 1;
          }).map(el => el.tagName)""")
        assert page.evaluate("getComputedStyle(document.documentElement).scrollBehavior") == "auto"
    context.close()

    assert moving == []


def test_photo_gallery_opens_a_photo_with_the_keyboard_alone(site, urls, page):
    page.goto(site + urls["event"])
    assert page.locator(".gallery__link").count() > 0

    for _ in range(150):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.classList.contains('gallery__link')"):
            break
    else:
        pytest.fail("no gallery photo was reached with Tab")
    target = page.evaluate("document.activeElement.href")
    with page.expect_navigation() as navigation:
        page.keyboard.press("Enter")

    assert navigation.value.status == 200
    assert page.url == target
    assert navigation.value.headers["content-type"].startswith("image/")


def test_a_ballot_can_be_filled_and_sent_with_the_keyboard_alone(site, urls, page):
    page.goto(site + urls["themen-ballot"])

    # Tab from the top until the first points field has the focus; then type the points and the address.
    for _ in range(80):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.type") == "number":
            break
    else:
        pytest.fail("no points field was reached with Tab")
    for points in ("3", "2", "", "1"):
        assert page.evaluate("document.activeElement.type") == "number"
        page.keyboard.type(points)
        page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.type") == "email"
    page.keyboard.type("browser@example.org")
    with page.expect_navigation() as navigation:
        page.keyboard.press("Enter")

    assert navigation.value.status == 200
    assert page.url.endswith("/gewichten/danke/")
    assert page.locator("h1").count() == 1
