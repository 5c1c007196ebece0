import datetime

import pytest
from django.contrib.auth.models import Group, Permission
from django.core.files.uploadedfile import SimpleUploadedFile
from pytest_django.asserts import assertContains

from emscher_portal.core.models import OldSlug, Status
from forums.models import Event, Photo
from forums.tests.factories import event_admin_data, image_bytes, make_event, make_photo, make_programme_item
from networks.tests.factories import make_municipality

pytestmark = pytest.mark.django_db


def _with_photo(data, *, upload, alt_text="Das Plenum"):
    return data | {
        "photos-TOTAL_FORMS": "1",
        "photos-0-image": upload,
        "photos-0-alt_text": alt_text,
        "photos-0-caption": "",
        "photos-0-credit": "",
        "photos-0-position": "1",
    }


def test_admin_creates_an_event_with_a_photo_and_makes_its_renditions(staff_client, django_capture_on_commit_callbacks):
    upload = SimpleUploadedFile("plenum.jpg", image_bytes(size=(1200, 800)), content_type="image/jpeg")

    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        response = staff_client.post("/admin/forums/event/add/", _with_photo(event_admin_data(), upload=upload))

    assert response.status_code == 302
    event = Event.objects.get(slug="experten-forum-2017")
    assert event.start_date == datetime.date(2017, 10, 12)
    photo = event.photos.get()
    assert photo.alt_text == "Das Plenum"
    assert len(callbacks) >= 1
    assert sorted(photo.renditions, key=int) == ["480", "960", "1200"]


def test_admin_makes_a_unique_slug_of_kind_and_year_when_the_editor_leaves_it_empty(staff_client):
    # Without JavaScript the slug stays empty; the server makes it in the archive's pattern, as the browser would.
    make_event(title="Ein anderes Forum", slug="experten-forum-2017", start_date=datetime.date(2017, 3, 1))
    data = event_admin_data(title="Experten-Forum in Mülheim an der Ruhr", slug="")

    response = staff_client.post("/admin/forums/event/add/", data)

    assert response.status_code == 302
    event = Event.objects.get(title="Experten-Forum in Mülheim an der Ruhr")
    assert event.slug == "experten-forum-2017-2"


def test_admin_refuses_a_photo_without_alt_text(staff_client):
    upload = SimpleUploadedFile("plenum.jpg", image_bytes(), content_type="image/jpeg")

    response = staff_client.post(
        "/admin/forums/event/add/", _with_photo(event_admin_data(), upload=upload, alt_text="")
    )

    assert response.status_code == 200
    assertContains(response, "Dieses Feld ist zwingend erforderlich.")
    assert Event.objects.count() == 0
    assert Photo.objects.count() == 0


def test_admin_refuses_an_end_date_before_the_start(staff_client):
    response = staff_client.post("/admin/forums/event/add/", event_admin_data(end_date="11.10.2017"))

    assert response.status_code == 200
    assertContains(response, "Das Enddatum darf nicht vor dem Beginn liegen.")
    assert Event.objects.count() == 0


def _with_programme_item(data, *, day):
    return data | {
        "programme_items-TOTAL_FORMS": "1",
        "programme_items-0-position": "1",
        "programme_items-0-day": day,
        "programme_items-0-start_time": "09:30",
        "programme_items-0-end_time": "",
        "programme_items-0-kind": "begruessung",
        "programme_items-0-title": "Begrüßung",
        "programme_items-0-speakers": "",
        "programme_items-0-description": "",
    }


def test_admin_stores_the_day_of_a_programme_item_at_a_two_day_event(staff_client):
    data = _with_programme_item(event_admin_data(start_date="09.10.2024", end_date="10.10.2024"), day="10.10.2024")

    response = staff_client.post("/admin/forums/event/add/", data)

    assert response.status_code == 302
    item = Event.objects.get().programme_items.get()
    assert item.day == datetime.date(2024, 10, 10)


def test_admin_refuses_a_programme_day_outside_the_event_in_german(staff_client):
    data = _with_programme_item(event_admin_data(start_date="09.10.2024", end_date="10.10.2024"), day="11.10.2024")

    response = staff_client.post("/admin/forums/event/add/", data)

    assert response.status_code == 200
    assertContains(response, "Der Tag muss im Zeitraum der Veranstaltung liegen: 9.–10. Oktober 2024.")
    assert Event.objects.count() == 0


def test_admin_refuses_moving_an_event_away_from_its_programme_days(staff_client):
    event = make_event(
        slug="experten-forum-2024", start_date=datetime.date(2024, 10, 9), end_date=datetime.date(2024, 10, 10)
    )
    item = make_programme_item(event, day=datetime.date(2024, 10, 10))
    data = _with_programme_item(
        event_admin_data(slug="experten-forum-2024", start_date="09.10.2024", end_date=""), day="10.10.2024"
    ) | {
        "programme_items-INITIAL_FORMS": "1",
        "programme_items-0-id": str(item.pk),
        "programme_items-0-event": str(event.pk),
    }

    response = staff_client.post(f"/admin/forums/event/{event.pk}/change/", data)

    assert response.status_code == 200
    assertContains(response, "Der Tag muss im Zeitraum der Veranstaltung liegen: 9. Oktober 2024.")
    event.refresh_from_db()
    assert event.end_date == datetime.date(2024, 10, 10)


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"%PDF-1.7\n1 0 obj <<>> endobj", "Bitte ein gültiges Bild hochladen."),
        (image_bytes(fmt="GIF"), "Nur JPEG, PNG oder WebP sind erlaubt (erkannt: GIF)."),
        (image_bytes(fmt="BMP"), "Nur JPEG, PNG oder WebP sind erlaubt (erkannt: BMP)."),
    ],
)
def test_admin_refuses_a_file_that_is_not_a_jpeg_png_or_webp(staff_client, content, message):
    upload = SimpleUploadedFile("plenum.jpg", content, content_type="image/jpeg")

    response = staff_client.post("/admin/forums/event/add/", _with_photo(event_admin_data(), upload=upload))

    assert response.status_code == 200
    assertContains(response, message)
    assert Photo.objects.count() == 0


def test_admin_refuses_an_image_over_the_pixel_limit(staff_client, settings):
    settings.PHOTO_MAX_PIXELS = 200 * 200
    upload = SimpleUploadedFile("riesig.png", image_bytes(fmt="PNG", size=(201, 200)), content_type="image/png")

    response = staff_client.post("/admin/forums/event/add/", _with_photo(event_admin_data(), upload=upload))

    assert response.status_code == 200
    assertContains(response, "Das Bild ist zu groß: 201 × 200 Pixel, erlaubt sind höchstens 0,04 Megapixel.")
    assert Photo.objects.count() == 0


def test_admin_event_list_has_filters_search_and_photo_counts(staff_client):
    city = make_municipality(name="Essen", slug="essen")
    event = make_event(title="3. Experten-Forum in Essen", host_city=city, start_date=datetime.date(2017, 10, 12))
    make_photo(event)
    make_event(title="Anderes Forum", start_date=datetime.date(2018, 1, 1))

    listing = staff_client.get("/admin/forums/event/?jahr=2017")
    search = staff_client.get("/admin/forums/event/?q=Essen")

    assertContains(listing, "3. Experten-Forum in Essen")
    assert "Anderes Forum" not in listing.text
    assertContains(listing, "12. Oktober 2017")
    assertContains(search, "1 Veranstaltung")


def test_admin_change_form_shows_photo_thumbnails_and_view_on_site_for_drafts(staff_client):
    event = make_event(slug="entwurf", status=Status.DRAFT)
    photo = make_photo(event, alt_text="Blick in den Saal", size=(800, 600))

    response = staff_client.get(f"/admin/forums/event/{event.pk}/change/")

    small_url = photo.small["url"]
    assertContains(response, f'<img src="{small_url}" width="160" height="120" alt="Blick in den Saal"', html=False)
    assertContains(response, 'href="/admin/r/')
    assertContains(response, "Auf der Website anzeigen")
    assert staff_client.get(event.get_absolute_url()).status_code == 200


def test_admin_publish_action_and_slug_change_redirect(staff_client, client):
    event = make_event(slug="alter-name", status=Status.DRAFT)

    staff_client.post("/admin/forums/event/", {"action": "publish_selected", "_selected_action": [event.pk]})
    data = event_admin_data(slug="neuer-name", title=event.title, status=Status.PUBLISHED, start_date="30.10.2019")
    staff_client.post(f"/admin/forums/event/{event.pk}/change/", data)

    event.refresh_from_db()
    assert event.status == Status.PUBLISHED
    assert event.slug == "neuer-name"
    assert OldSlug.objects.get().slug == "alter-name"


def test_redaktion_group_edits_content_but_never_users():
    group = Group.objects.get(name="Redaktion")
    codenames = set(group.permissions.values_list("content_type__app_label", "codename"))

    for model in ("event", "programmeitem", "workshop", "photo"):
        for action in ("add", "change", "delete", "view"):
            assert ("forums", f"{action}_{model}") in codenames
    for model in ("municipality", "discipline", "network", "member"):
        assert ("networks", f"change_{model}") in codenames
    assert not group.permissions.filter(content_type__app_label__in=["auth", "admin", "sessions", "contenttypes"])
    assert not Permission.objects.filter(group=group, codename__in=["add_user", "change_user", "change_group"])


def test_redaktion_editor_can_open_the_event_admin(client, django_user_model):
    editor = django_user_model.objects.create_user(username="editor", password="x" * 16, is_staff=True)
    editor.groups.add(Group.objects.get(name="Redaktion"))
    client.force_login(editor)

    assert client.get("/admin/forums/event/add/").status_code == 200
    assert client.get("/admin/auth/user/").status_code == 403


def test_admin_deleting_a_photo_removes_its_files(staff_client, django_capture_on_commit_callbacks):
    event = make_event()
    photo = make_photo(event, size=(1000, 500))
    storage = photo.image.storage
    names = [photo.image.name, *(data["name"] for data in photo.renditions.values())]
    data = event_admin_data(title=event.title, slug=event.slug, start_date="30.10.2019", status=Status.PUBLISHED) | {
        "photos-TOTAL_FORMS": "1",
        "photos-INITIAL_FORMS": "1",
        "photos-0-id": str(photo.pk),
        "photos-0-event": str(event.pk),
        "photos-0-alt_text": photo.alt_text,
        "photos-0-position": "0",
        "photos-0-DELETE": "on",
    }

    with django_capture_on_commit_callbacks(execute=True):
        response = staff_client.post(f"/admin/forums/event/{event.pk}/change/", data)

    assert response.status_code == 302
    assert not Photo.objects.filter(pk=photo.pk).exists()
    assert [name for name in names if storage.exists(name)] == []
