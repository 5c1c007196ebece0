"""The operator's details as one record: the Impressum, the Datenschutzerklärung, the footer and the imprint page of
every generated PDF show it; what is still missing is said plainly, never papered over with „[bitte ergänzen]“."""

import re

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from pytest_django.asserts import assertContains, assertInHTML, assertNotContains

from emscher_portal import demo as legal_demo
from emscher_portal.core.checks import operator_details_check
from emscher_portal.core.models import SiteOperator
from emscher_portal.core.site import ORGANISATION_NAME, site_operator, site_operator_missing
from emscher_portal.models import LegalPage
from emscher_portal.tests.factories import FILLED_OPERATOR, fill_site_operator
from emscher_portal.tests.pdfs import read_pdf
from forums.tests.factories import make_event, make_photo
from networks.tests.factories import make_network

pytestmark = pytest.mark.django_db


def _missing_labels(response):
    return re.findall(r"<dt>([^<]+)</dt><dd><em class=\"operator-details__missing\">", response.text)


# The record and what is missing ----------------------------------------------------------------------------------


def test_the_one_row_exists_from_the_migration_and_is_empty():
    operator = SiteOperator.objects.get()

    assert operator.pk == SiteOperator.SINGLE_ROW
    assert site_operator_missing() == [
        ("publisher", "Herausgeber"),
        ("legal_entity", "Rechtsträger"),
        ("represented_by", "Vertreten durch"),
        ("address", "Anschrift"),
        ("email", "E-Mail-Adresse"),
        ("content_responsible", "Verantwortlich für den Inhalt (§ 18 Abs. 2 MStV)"),
    ]


def test_missing_names_only_what_is_still_empty_and_optional_details_never():
    fill_site_operator(represented_by="  ", phone="", licence="")

    assert site_operator_missing() == [("represented_by", "Vertreten durch")]


def test_a_second_row_is_refused():
    with pytest.raises(Exception, match="emscher_portal_siteoperator_single_row"):
        SiteOperator.objects.create(pk=2)


def test_without_a_row_the_operator_is_an_empty_one():
    SiteOperator.objects.all().delete()

    assert site_operator().publisher == ""
    assert [name for name, _label in site_operator_missing()] == list(SiteOperator.REQUIRED)


def test_deploy_check_warns_with_the_missing_details_and_is_silent_when_filled():
    fill_site_operator(email="", content_responsible="")

    warnings = operator_details_check()

    assert [warning.id for warning in warnings] == ["emscher_portal.W001"]
    assert warnings[0].msg == (
        "Im Impressum fehlen Betreiberangaben: „E-Mail-Adresse“, „Verantwortlich für den Inhalt (§ 18 Abs. 2 MStV)“."
    )
    fill_site_operator()
    assert operator_details_check() == []


# The Impressum and the Datenschutzerklärung -----------------------------------------------------------------------


def test_impressum_shows_every_detail_from_the_record(client):
    fill_site_operator(supervisory_authority="Beispiel-Aufsichtsbehörde\nBeispielweg 2")

    response = client.get("/impressum/")

    html = response.text
    assertInHTML("<div><dt>Rechtsträger</dt><dd>Beispiel-Körperschaft des öffentlichen Rechts</dd></div>", html)
    assertInHTML("<div><dt>Anschrift</dt><dd>Beispielstraße 1<br>45000 Beispielstadt</dd></div>", html)
    assertInHTML(
        '<div><dt>E-Mail</dt><dd><a href="mailto:redaktion@example.org">redaktion@example.org</a></dd></div>', html
    )
    # The responsible person's address is the operator's unless another one is given.
    assertInHTML(
        "<div><dt>Verantwortlich für den Inhalt nach § 18 Abs. 2 MStV</dt>"
        "<dd>Max Beispiel<br>Beispielstraße 1<br>45000 Beispielstadt</dd></div>",
        html,
    )
    assertInHTML("<div><dt>Aufsichtsbehörde</dt><dd>Beispiel-Aufsichtsbehörde<br>Beispielweg 2</dd></div>", html)
    assertNotContains(response, "noch nicht eingetragen")
    assertNotContains(response, "Noch nicht eingetragen")


def test_impressum_says_plainly_which_details_are_not_filled_in(client):
    SiteOperator.objects.filter(pk=1).update(publisher="Zukunftsinitiative", phone="")

    response = client.get("/impressum/")

    assert _missing_labels(response) == [
        "Rechtsträger",
        "Vertreten durch",
        "Anschrift",
        "E-Mail",
        "Verantwortlich für den Inhalt nach § 18 Abs. 2 MStV",
    ]
    assertContains(
        response,
        "Noch nicht eingetragen:\n        Rechtsträger, Vertreten durch, Anschrift, E-Mail-Adresse, Verantwortlich für "
        "den Inhalt (§ 18 Abs. 2 MStV).",
    )
    assertInHTML("<div><dt>Herausgeber</dt><dd>Zukunftsinitiative</dd></div>", response.text)
    assertNotContains(response, "<dt>Telefon</dt>")  # optional: left out, not „missing“


def test_impressum_shows_the_operator_even_before_the_redaktion_wrote_its_text(client):
    fill_site_operator()

    response = client.get("/impressum/")

    assertContains(response, "Dieser Text wird gerade von der Redaktion geschrieben.")
    assertContains(response, "Beispiel-Körperschaft des öffentlichen Rechts")


def test_datenschutz_names_the_responsible_body_and_its_data_protection_officer_from_the_record(client):
    fill_site_operator(data_protection_officer="datenschutz@example.org")
    LegalPage.objects.create(kind=LegalPage.Kind.PRIVACY, title="Datenschutzerklärung", body="## Cookies\n\nKeine.")

    response = client.get("/datenschutz/")

    assertInHTML('<h2 id="anbieter">Verantwortliche Stelle</h2>', response.text)
    assertContains(response, "Beispiel-Körperschaft des öffentlichen Rechts")
    assertContains(response, "datenschutz@example.org")


def test_demo_fills_only_the_known_publisher_and_its_operator_sections_have_no_placeholders(client):
    legal_demo.load()

    operator = site_operator()
    imprint = client.get("/impressum/")
    privacy = client.get("/datenschutz/")

    assert operator.publisher == ORGANISATION_NAME
    assert [name for name, _label in operator.missing] == [
        "legal_entity",
        "represented_by",
        "address",
        "email",
        "content_responsible",
    ]
    assertNotContains(imprint, "bitte ergänzen")
    section = privacy.text[privacy.text.index('<h2 id="anbieter">') : privacy.text.index("</section>")]
    assert "bitte ergänzen" not in section
    assert "noch nicht eingetragen" in section


# The footer ------------------------------------------------------------------------------------------------------


def test_footer_of_every_page_names_the_publisher_and_its_contact(client):
    fill_site_operator()

    response = client.get("/foren/")

    footer = response.text[response.text.index('<footer class="site-footer">') : response.text.index("</footer>") + 9]
    assertInHTML(
        '<p class="site-footer__operator">Herausgeber: Zukunftsinitiative „Wasser in der Stadt von morgen“ '
        "(Beispiel-Körperschaft des öffentlichen Rechts)"
        '<br>E-Mail: <a href="mailto:redaktion@example.org">redaktion@example.org</a>'
        "<br>Telefon: 0201 000000</p>",
        footer,
    )


def test_footer_without_operator_details_shows_no_empty_line(client):
    response = client.get("/foren/")

    assertNotContains(response, "site-footer__operator")


def test_an_operator_change_reaches_a_cached_page_at_once(client, django_capture_on_commit_callbacks):
    fill_site_operator()
    assertContains(client.get("/"), "redaktion@example.org")
    assert client.get("/")["X-Page-Cache"] == "hit"

    with django_capture_on_commit_callbacks(execute=True):
        fill_site_operator(email="kontakt@example.org")
    after = client.get("/")

    assertContains(after, "kontakt@example.org")
    assertNotContains(after, "redaktion@example.org")


# The imprint page of every generated PDF -------------------------------------------------------------------------


def _imprint(reader, text):
    """The text of the imprint page, whitespace made single spaces; it must be the last bookmark and page."""
    last = reader.outline
    while isinstance(last, list):
        last = last[-1]
    assert last.title == "Impressum"
    assert reader.get_destination_page_number(last) == len(reader.pages) - 1
    return " ".join(text[text.rindex("Impressum") :].split())


def test_pdf_ends_with_an_imprint_page_with_operator_date_credits_licence_and_address(client, settings):
    settings.SITE_URL = "https://portal.example.org"
    fill_site_operator()
    event = make_event(slug="experten-forum-2024", title="9. Experten-Forum in Bottrop")
    make_photo(event, size=(1200, 800), credit="Stadt Bottrop", is_cover=True)
    make_photo(event, size=(1200, 800), credit="Emschergenossenschaft", position=2)

    reader, text = read_pdf(client.get(reverse("forums:event-pdf", args=[event.slug])))

    imprint = _imprint(reader, text)
    assert "Herausgeber Zukunftsinitiative „Wasser in der Stadt von morgen“" in imprint
    assert "Beispiel-Körperschaft des öffentlichen Rechts" in imprint
    assert "redaktion@example.org" in imprint
    assert f"Stand {date_format(timezone.localdate(), 'j. F Y')}" in imprint
    assert "Fotonachweis Emschergenossenschaft; Stadt Bottrop" in imprint
    assert "Lizenz CC BY 4.0" in imprint
    assert "https://portal.example.org/foren/experten-forum-2024/" in imprint


def test_pdf_without_photos_names_no_photo_credits_and_says_what_is_missing(client):
    network = make_network(name="Kühlung von Innenstädten", slug="kuehlung")

    reader, text = read_pdf(client.get(reverse("networks:network-pdf", args=[network.slug])))

    imprint = _imprint(reader, text)
    assert "Fotonachweis" not in imprint
    assert "Rechtsträger noch nicht eingetragen" in imprint
    assert "Lizenz Alle Rechte vorbehalten." in imprint


def test_pdf_is_rendered_afresh_when_the_operator_changes(render_spy):
    network = make_network(name="Kühlung von Innenstädten", slug="kuehlung")
    url = reverse("networks:network-pdf", args=[network.slug])
    read_pdf(Client().get(url))

    fill_site_operator(email="neu@example.org")
    reader, text = read_pdf(Client().get(url))

    assert "neu@example.org" in _imprint(reader, text)
    assert render_spy == ["networks/print/network.html", "networks/print/network.html"]


# The admin -------------------------------------------------------------------------------------------------------


def test_admin_list_leads_to_the_one_record_which_cannot_be_added_or_deleted(staff_client):
    response = staff_client.get("/admin/emscher_portal/siteoperator/")

    assert response.status_code == 302
    assert response["Location"] == "/admin/emscher_portal/siteoperator/1/change/"
    assert staff_client.get("/admin/emscher_portal/siteoperator/add/").status_code == 403
    assert staff_client.get("/admin/emscher_portal/siteoperator/1/delete/").status_code == 403


def test_admin_form_lists_what_is_missing_and_saves_the_details(staff_client):
    form = staff_client.get("/admin/emscher_portal/siteoperator/1/change/")

    assertContains(form, "Diese Pflichtangaben fehlen noch")
    assertInHTML("<li>Rechtsträger</li>", form.text)
    data = {field: "" for field in ["data_protection_officer", "supervisory_authority", "content_responsible_address"]}
    response = staff_client.post("/admin/emscher_portal/siteoperator/1/change/", data | FILLED_OPERATOR)

    assert response.status_code == 302
    assert site_operator_missing() == []
    assert site_operator().legal_entity == "Beispiel-Körperschaft des öffentlichen Rechts"
