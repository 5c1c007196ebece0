"""An organiser's path through the admin in a real Chromium, as a member of the Redaktion (not a superuser): create a
draft forum → preview link opened in a fresh browser without login → scheduled publish → edit → history → restore.
All under the admin's strict CSP, with no violation reported."""

import datetime
import zoneinfo

import pytest
from django.contrib.auth.models import Group

from emscher_portal.core.permissions import REDAKTION_GROUP
from emscher_portal.tests.browser.pages import watch_for_problems

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PASSWORD = "Redaktion-im-Browser-2026"
TITLE = "Experten-Forum Vorschauprobe"


@pytest.fixture
def organiser(site, django_user_model):
    """A Redaktion member, made before the browser opens (no database access after)."""
    user = django_user_model.objects.create_user(username="organisatorin", password=PASSWORD, is_staff=True)
    user.groups.add(Group.objects.get(name=REDAKTION_GROUP))
    return user


def _log_in(page, site):
    page.goto(site + "/admin/login/")
    page.fill("#id_username", "organisatorin")
    page.fill("#id_password", PASSWORD)
    page.click("input[type=submit]")
    page.wait_for_url(site + "/admin/")


def _save_and_continue(page):
    page.click("input[name=_continue]")
    page.wait_for_selector(".messagelist")


def test_an_organiser_drafts_previews_schedules_edits_and_restores(site, organiser, urls, browser):
    berlin = datetime.datetime.now(zoneinfo.ZoneInfo("Europe/Berlin")) - datetime.timedelta(minutes=1)
    editor = browser.new_context(viewport={"width": 1280, "height": 900}, locale="de-DE").new_page()
    problems = watch_for_problems(editor)
    _log_in(editor, site)

    # A draft forum.
    editor.goto(site + "/admin/forums/event/add/")
    editor.type("#id_title", TITLE)
    editor.fill("#id_start_date", "14.10.2026")
    _save_and_continue(editor)
    change_url = editor.url
    slug = editor.input_value("#id_slug")

    # A preview link, opened in a fresh browser without an account.
    editor.click("text=Vorschau-Link für Externe")
    editor.click("input[value='Vorschau-Link anlegen']")
    preview_url = editor.input_value(".preview-links__url").replace("http://127.0.0.1:8000", site)
    stranger = browser.new_context(viewport={"width": 1280, "height": 900}, locale="de-DE").new_page()
    preview = stranger.goto(preview_url)
    preview_text = stranger.inner_text("body")
    pdf = stranger.request.get(site + stranger.get_attribute("text=PDF dieser Vorschau anzeigen", "href"))
    public_before = stranger.goto(f"{site}/foren/{slug}/").status

    # Scheduled to be published a minute ago: the editor's next page carries it out.
    editor.goto(change_url)
    editor.fill("#id_publish_at_0", berlin.strftime("%d.%m.%Y"))
    editor.fill("#id_publish_at_1", berlin.strftime("%H:%M:%S"))
    _save_and_continue(editor)
    editor.goto(site + "/admin/forums/event/")
    public_after = stranger.goto(f"{site}/foren/{slug}/").status

    # Edit, then restore the version before the edit from the history.
    editor.goto(change_url)
    editor.fill("#id_title", TITLE + " (umbenannt)")
    _save_and_continue(editor)
    editor.goto(change_url.replace("/change/", "/history/"))
    history_text = editor.inner_text("#change-history")
    editor.locator("a:has-text('Diese Version wiederherstellen')").first.click()
    confirm_text = editor.inner_text("#content-main")
    editor.click("input[value='Ja, diese Version wiederherstellen']")
    editor.wait_for_selector(".messagelist")
    restored = stranger.goto(f"{site}/foren/{slug}/")
    restored_title = stranger.inner_text("h1")

    assert preview.status == 200
    assert TITLE in preview_text
    assert "Vorschau eines Entwurfs" in preview_text
    assert preview.headers["x-robots-tag"] == "noindex, nofollow, noarchive"
    assert pdf.status == 200
    assert pdf.headers["content-type"] == "application/pdf"
    assert public_before == 404
    assert public_after == 200
    assert f"{TITLE} → {TITLE} (umbenannt)" in history_text
    assert "organisatorin" in history_text
    assert f"{TITLE} (umbenannt) → {TITLE}" in confirm_text
    assert restored.status == 200
    assert restored_title == TITLE
    assert problems == []
