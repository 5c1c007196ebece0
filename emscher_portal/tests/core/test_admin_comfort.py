"""The Redaktion's admin: German throughout, the task queue out of the Redaktion's sight, slugs made from their
sources in the existing pattern, inlines whose help texts are visible, Markdown help and a safe preview, and a
German 403 page in the admin's look. What needs a browser (live slugs, positions, the preview button, 1280 px) is
in emscher_portal/tests/browser/test_admin_comfort.py."""

import gettext
import re
from pathlib import Path

import pytest
from django.conf import settings as django_settings
from django.contrib import admin
from django.contrib.auth.models import Group, Permission
from django.test import Client, RequestFactory
from django.urls import reverse
from pytest_django.asserts import assertContains, assertInHTML, assertNotContains

from documents.tests.library_factories import make_document
from emscher_portal.core.models import ContentVersion, MarkdownField
from emscher_portal.core.permissions import REDAKTION_GROUP
from emscher_portal.core.text import german_slugify
from emscher_portal.security import permission_denied
from forums.models import Event
from forums.tests.factories import event_admin_data, make_event
from networks.models import Municipality, Network

pytestmark = pytest.mark.django_db

LOCALE = Path(django_settings.BASE_DIR) / "locale" / "de" / "LC_MESSAGES"


@pytest.fixture
def redakteurin(django_user_model):
    """A member of the Redaktion: staff with the group's permissions, no superuser."""
    user = django_user_model.objects.create_user(username="redakteurin", password="x" * 16, is_staff=True)
    user.groups.add(Group.objects.get(name=REDAKTION_GROUP))
    return user


@pytest.fixture
def redaktion_client(client, redakteurin):
    client.force_login(redakteurin)
    return client


# German everywhere ---------------------------------------------------------------------------------------------


def _po_entries(path):
    """{msgid: [msgstr, …]} of a .po file (enough of the format for our own catalogues)."""
    entries, text = {}, path.read_text(encoding="utf-8")
    for block in text.split("\n\n"):
        strings = {}
        for key, value in re.findall(r'^(msgid|msgid_plural|msgstr(?:\[\d\])?) ((?:".*"\n?)+)', block, re.M):
            strings[key] = "".join(
                bytes(part, "utf-8").decode("unicode_escape").encode("latin-1").decode("utf-8")
                for part in re.findall(r'"(.*)"', value)
            )
        if strings.get("msgid"):
            entries[strings["msgid"]] = [strings[key] for key in sorted(strings) if key.startswith("msgstr")]
    return entries


@pytest.mark.parametrize("domain", ["django", "djangojs"])
def test_compiled_catalogues_match_their_sources(domain):
    """The .mo files are committed (no build step): they must say what the .po files say."""
    with (LOCALE / f"{domain}.mo").open("rb") as handle:
        compiled = gettext.GNUTranslations(handle)

    for msgid, msgstrs in _po_entries(LOCALE / f"{domain}.po").items():
        assert all(msgstrs), msgid
        assert compiled.gettext(msgid) == msgstrs[0], msgid


def test_admin_javascript_speaks_german_about_time_zones(staff_client):
    response = staff_client.get("/admin/jsi18n/")

    # The catalogue is JSON: umlauts come \u-escaped.
    assertContains(response, "Hinweis: Zeiten bitte in der Zeitzone %(timezone)s eingeben.")
    assertContains(response, '"Choose all %s": "Alle %s ausw\\u00e4hlen"')


def test_change_list_and_forms_have_no_english_django_strings(staff_client):
    make_event()

    change_list = staff_client.get("/admin/forums/event/")
    form = staff_client.get("/admin/forums/event/add/")

    assertContains(change_list, ">Ausführen</button>")
    assertNotContains(change_list, ">Run</button>")
    assertInHTML('<option value="" selected>– bitte auswählen –</option>', form.text)
    assertNotContains(form, "Select an option")


def test_third_party_apps_have_german_names_in_the_admin(staff_client):
    response = staff_client.get("/admin/")

    assertContains(response, "Anmeldeschutz")
    assertContains(response, "Hintergrundaufgaben (intern)")
    assertNotContains(response, "Tasks Database Backend")


# The 403 page --------------------------------------------------------------------------------------------------


def test_autocomplete_without_permission_is_a_german_403_in_the_admins_look(client, django_user_model):
    # Staff who may edit measures but not read the document library: the measure form's document autocomplete.
    user = django_user_model.objects.create_user(username="ohne-bibliothek", password="x" * 16, is_staff=True)
    user.user_permissions.add(*Permission.objects.filter(codename__in=["change_measure", "view_measure"]))
    client.force_login(user)
    make_document(title="Dokumentation 2024")

    response = client.get(
        "/admin/autocomplete/",
        {"app_label": "documents", "model_name": "measure", "field_name": "documents", "term": "Dok"},
    )

    assert response.status_code == 403
    assertContains(response, "<h1>Keine Berechtigung</h1>", status_code=403, html=True)
    assertContains(response, "Emscher-Portal – Redaktion", status_code=403)  # the admin's header
    assertContains(response, 'lang="de"', status_code=403)
    assertNotContains(response, "Forbidden", status_code=403)


def test_admin_page_without_permission_is_the_german_403(redaktion_client):
    response = redaktion_client.get("/admin/auth/user/")

    assert response.status_code == 403
    assertContains(response, "Für diese Seite oder diese Aktion fehlt Ihrem Konto die Berechtigung.", status_code=403)


def test_403_outside_the_admin_is_german_in_the_sites_look():
    request = RequestFactory().get("/dokumente/")

    response = permission_denied(request)

    assert response.status_code == 403
    html = response.content.decode()
    assertInHTML("<h1>Keine Berechtigung</h1>", html)
    assert '<main id="inhalt"' in html


# The task queue --------------------------------------------------------------------------------------------------


def test_task_queue_is_hidden_from_the_redaktion_and_shown_to_superusers(redaktion_client, django_user_model):
    index = redaktion_client.get("/admin/")
    queue = redaktion_client.get("/admin/django_tasks_database/dbtaskresult/")
    superuser = django_user_model.objects.create_superuser(username="technik", password="x" * 16)
    superuser_client = Client()
    superuser_client.force_login(superuser)

    assertNotContains(index, "Hintergrundaufgaben")
    assert queue.status_code == 403
    assertContains(superuser_client.get("/admin/"), "Hintergrundaufgaben")
    assert superuser_client.get("/admin/django_tasks_database/dbtaskresult/").status_code == 200


# Slugs -----------------------------------------------------------------------------------------------------------


def _event_form(**overrides):
    return event_admin_data(
        **({"title": "Zehntes Forum", "edition": "", "slug": "", "start_date": "07.10.2026"} | overrides)
    )


@pytest.mark.parametrize(
    ("kind", "expected"),
    [(Event.Kind.EXPERT_FORUM, "experten-forum-2026"), (Event.Kind.DEPARTMENT_HEADS, "dezernententreffen-2026")],
)
def test_event_slug_left_empty_follows_the_existing_pattern_of_kind_and_year(staff_client, kind, expected):
    response = staff_client.post("/admin/forums/event/add/", _event_form(kind=kind))

    assert response.status_code == 302
    assert Event.objects.get().slug == expected


def test_event_slug_of_a_second_event_in_a_year_stays_unique(staff_client):
    make_event(slug="experten-forum-2026", start_date="2026-03-01")

    staff_client.post("/admin/forums/event/add/", _event_form())

    assert Event.objects.order_by("pk").last().slug == "experten-forum-2026-2"


def test_other_slugs_are_made_from_the_title_or_name_as_the_browser_makes_them(staff_client):
    staff_client.post(
        "/admin/networks/network/add/",
        {"name": "Grüne Straßen & Plätze", "slug": "", "status": "draft", "position": "0", "purpose": "",
         "body": "", "contact_name": "", "contact_role": "", "contact_organisation": "", "contact_email": "",
         "members-TOTAL_FORMS": "0", "members-INITIAL_FORMS": "0"},
    )  # fmt: skip
    staff_client.post("/admin/networks/municipality/add/", {"name": "Mülheim an der Ruhr", "slug": "", "website": ""})

    assert Network.objects.get().slug == german_slugify("Grüne Straßen & Plätze") == "gruene-strassen-plaetze"
    assert Municipality.objects.get(name="Mülheim an der Ruhr").slug == "muelheim-an-der-ruhr"


def test_slug_field_says_where_it_comes_from_and_shows_the_future_address(staff_client, settings):
    settings.SITE_URL = "https://portal.example.org"
    event = make_event(slug="experten-forum-2024")

    add = staff_client.get("/admin/forums/event/add/")
    change = staff_client.get(f"/admin/forums/event/{event.pk}/change/")

    slug_input = re.search(r'<input[^>]*name="slug"[^>]*>', add.text).group(0)
    assert 'data-slug-sources="kind start_date"' in slug_input
    assert 'data-slug-url="https://portal.example.org/foren/__slug__/"' in slug_input
    assert 'aria-describedby="id_slug_helptext id_slug_address"' in slug_input or 'id_slug_address"' in slug_input
    assertContains(add, "wird beim Speichern gebildet, wenn das Feld leer bleibt")
    assertContains(change, "https://portal.example.org/foren/experten-forum-2024/</output>")


def test_models_without_a_page_of_their_own_get_no_address_preview(staff_client):
    response = staff_client.get("/admin/networks/municipality/add/")

    assertContains(response, 'data-slug-sources="name"')
    assertNotContains(response, "data-slug-url")


# Inlines and help texts ----------------------------------------------------------------------------------------


def _inlines():
    for model_admin in admin.site._registry.values():
        for inline in model_admin.inlines:
            yield model_admin.model, inline


def _fields(inline):
    for entry in inline.fields or ():
        yield from (entry if isinstance(entry, (list, tuple)) else [entry])


def test_tabular_inlines_only_hold_fields_without_help_texts():
    """A table shows a help text only as an icon's tooltip; an inline whose fields need one is stacked."""
    hidden = [
        f"{inline.__name__}.{name}"
        for _model, inline in _inlines()
        if issubclass(inline, admin.TabularInline)
        for name in _fields(inline)
        if name in {field.name for field in inline.model._meta.fields} and inline.model._meta.get_field(name).help_text
    ]

    assert hidden == []


def test_inline_order_fields_are_in_the_first_line_of_each_row():
    """The order field was pushed off-screen in the wide tables; now it is at the top of every inline row."""
    for _model, inline in _inlines():
        if "position" in _fields(inline):
            first = inline.fields[0]
            assert "position" in (first if isinstance(first, (list, tuple)) else [first]), inline.__name__


def test_alt_text_help_is_written_out_in_the_event_form(staff_client):
    event = make_event()

    response = staff_client.get(f"/admin/forums/event/{event.pk}/change/")

    assertContains(response, "Was ist auf dem Bild zu sehen? Für Menschen, die das Bild nicht sehen können.")
    assertNotContains(response, "help-tooltip")


# Markdown ------------------------------------------------------------------------------------------------------


def test_every_markdown_field_has_the_rules_and_a_preview_button_in_its_form(staff_client):
    event = make_event()

    response = staff_client.get(f"/admin/forums/event/{event.pk}/change/")

    markdown_fields = [field.name for field in Event._meta.fields if isinstance(field, MarkdownField)]
    assert markdown_fields == ["body"]
    assertContains(response, 'aria-describedby="id_body_helptext id_body_markdown"')
    assertContains(response, 'data-markdown-preview="id_body"')
    # The workshops' description and results (an inline's empty form counts too).
    assertContains(response, 'data-markdown-preview="id_workshops-__prefix__-results"')
    assertContains(response, "<code>**fett**</code>")


def _csrf_client(user):
    client = Client(enforce_csrf_checks=True)
    client.force_login(user)
    client.get("/admin/")  # sets the CSRF cookie
    return client, client.cookies["csrftoken"].value


def test_markdown_preview_renders_with_the_sanitising_renderer(admin_user):
    client, token = _csrf_client(admin_user)
    text = "## Rückblick\n\n**fett** <script>alert(1)</script> [x](javascript:alert(1))"

    response = client.post(reverse("admin-markdown-preview"), {"text": text}, HTTP_X_CSRFTOKEN=token)

    assert response.status_code == 200
    assert response["Content-Type"] == "text/html; charset=utf-8"
    assertInHTML("<h2>Rückblick</h2>", response.text)
    assertInHTML("<strong>fett</strong>", response.text)
    assert "<script" not in response.text
    assert "&lt;script&gt;" in response.text
    assert "javascript:" not in response.text


def test_markdown_preview_of_an_empty_field_says_so(admin_user):
    client, token = _csrf_client(admin_user)

    response = client.post(reverse("admin-markdown-preview"), {"text": "  "}, HTTP_X_CSRFTOKEN=token)

    assertContains(response, "<p>Das Feld ist leer.</p>", html=True)


def test_markdown_preview_needs_staff_a_post_and_the_csrf_token(admin_user, client):
    anonymous = client.post(reverse("admin-markdown-preview"), {"text": "**x**"})
    staff, token = _csrf_client(admin_user)
    without_token = staff.post(reverse("admin-markdown-preview"), {"text": "**x**"})
    by_get = staff.get(reverse("admin-markdown-preview"), {"text": "**x**"})

    assert anonymous.status_code == 302
    assert anonymous["Location"].startswith("/admin/login/")
    assert without_token.status_code == 403
    assert by_get.status_code == 405


def test_markdown_preview_leaves_the_page_cache_alone(admin_user):
    client, token = _csrf_client(admin_user)
    before = ContentVersion.objects.filter(pk=1).values_list("value", flat=True).first()

    client.post(reverse("admin-markdown-preview"), {"text": "**x**"}, HTTP_X_CSRFTOKEN=token)

    assert ContentVersion.objects.filter(pk=1).values_list("value", flat=True).first() == before
