"""An organiser's path through the admin in a real Chromium, as a member of the Redaktion (not a superuser): create a
draft two-day forum with its programme and a photo → preview link opened in a fresh browser without login →
scheduled publish → edit → history → restore. All under the admin's strict CSP, with no violation reported."""

import datetime
import zoneinfo

import pytest
from django.contrib.auth.models import Group
from PIL import Image

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


@pytest.fixture
def photo_file(tmp_path):
    path = tmp_path / "podium.jpg"
    Image.new("RGB", (1200, 800), (40, 110, 160)).save(path, "JPEG")
    return path


def _log_in(page, site):
    page.goto(site + "/admin/login/")
    page.fill("#id_username", "organisatorin")
    page.fill("#id_password", PASSWORD)
    page.click("input[type=submit]")
    page.wait_for_url(site + "/admin/")


def _save_and_continue(page):
    page.click("input[name=_continue]")
    page.wait_for_selector(".messagelist")


def _add_programme_item(page, index, *, day, start, title):
    page.locator("#programme_items-group .add-row a").click()
    page.fill(f"#id_programme_items-{index}-day", day)
    page.fill(f"#id_programme_items-{index}-start_time", start)
    page.fill(f"#id_programme_items-{index}-title", title)


def _create_draft_two_day_forum(editor, site, photo_file):
    """Returns the change form's address and the slug the admin gave the forum."""
    editor.goto(site + "/admin/forums/event/add/")
    editor.type("#id_title", TITLE)
    editor.fill("#id_start_date", "14.10.2026")
    editor.fill("#id_end_date", "15.10.2026")
    _add_programme_item(editor, 0, day="14.10.2026", start="10:00", title="Begrüßung am ersten Tag")
    _add_programme_item(editor, 1, day="15.10.2026", start="09:30", title="Exkursion am zweiten Tag")
    editor.locator("#photos-group .add-row a").click()
    editor.set_input_files("#id_photos-0-image", photo_file)
    editor.fill("#id_photos-0-alt_text", "Podium mit vier Fachleuten vor einer Stellwand")
    _save_and_continue(editor)
    return editor.url, editor.input_value("#id_slug")


def _schedule_publication_a_minute_ago(editor, change_url):
    berlin = datetime.datetime.now(zoneinfo.ZoneInfo("Europe/Berlin")) - datetime.timedelta(minutes=1)
    editor.goto(change_url)
    editor.fill("#id_publish_at_0", berlin.strftime("%d.%m.%Y"))
    editor.fill("#id_publish_at_1", berlin.strftime("%H:%M:%S"))
    _save_and_continue(editor)


def _rename_and_restore(editor, change_url):
    """Returns the history's text after the edit and the restore confirmation's text."""
    editor.goto(change_url)
    editor.fill("#id_title", TITLE + " (umbenannt)")
    _save_and_continue(editor)
    editor.goto(change_url.replace("/change/", "/history/"))
    history_text = editor.inner_text("#change-history")
    editor.locator("a:has-text('Diese Version wiederherstellen')").first.click()
    confirm_text = editor.inner_text("#content-main")
    editor.click("input[value='Ja, diese Version wiederherstellen']")
    editor.wait_for_selector(".messagelist")
    return history_text, confirm_text


def test_an_organiser_drafts_previews_schedules_edits_and_restores(site, organiser, urls, browser, photo_file):
    editor = browser.new_context(viewport={"width": 1280, "height": 900}, locale="de-DE").new_page()
    problems = watch_for_problems(editor)
    _log_in(editor, site)
    change_url, slug = _create_draft_two_day_forum(editor, site, photo_file)

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
    _schedule_publication_a_minute_ago(editor, change_url)
    editor.goto(site + "/admin/forums/event/")
    public_after = stranger.goto(f"{site}/foren/{slug}/").status
    public_text = stranger.inner_text("main")
    public_photo_alt = stranger.get_attribute("main img[alt^='Podium']", "alt")

    # Edit, then restore the version before the edit from the history.
    history_text, confirm_text = _rename_and_restore(editor, change_url)
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
    assert "Mittwoch, 14. Oktober 2026" in public_text
    assert "Donnerstag, 15. Oktober 2026" in public_text
    assert public_text.index("Begrüßung am ersten Tag") < public_text.index("Donnerstag, 15. Oktober 2026")
    assert public_text.index("Donnerstag, 15. Oktober 2026") < public_text.index("Exkursion am zweiten Tag")
    assert public_photo_alt == "Podium mit vier Fachleuten vor einer Stellwand"
    assert f"{TITLE} → {TITLE} (umbenannt)" in history_text
    assert "organisatorin" in history_text
    assert f"{TITLE} (umbenannt) → {TITLE}" in confirm_text
    assert restored.status == 200
    assert restored_title == TITLE
    assert problems == []
