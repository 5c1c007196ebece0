import datetime
import json
import re

import icalendar
import pytest
from django.test import Client
from pytest_django.asserts import assertContains, assertInHTML, assertNotContains

from documents.tests.library_factories import make_document
from documents.tests.plan_factories import make_field, make_measure, make_plan
from emscher_portal.core.models import OldSlug, Status
from emscher_portal.core.site import ORGANISATION_NAME, SITE_SHORT_NAME
from emscher_portal.core.slugs import slug_change_record
from forums.models import Event
from forums.tests.factories import make_event, make_photo, make_programme_item, make_workshop
from networks.tests.factories import make_municipality, make_network

pytestmark = pytest.mark.django_db

INLINE_SCRIPT = re.compile(r"<script(?![^>]*\bsrc=)(?![^>]*\btype=\"application/ld\+json\")[^>]*>")


def _titles(response):
    return [event.title for event in response.context["events"]]


@pytest.fixture
def archive():
    """Events in two cities, two kinds and three years, plus a draft that must never leak."""
    bochum = make_municipality(name="Bochum", slug="bochum")
    herten = make_municipality(name="Herten", slug="herten")
    make_event(title="Forum Bochum 2015", start_date=datetime.date(2015, 12, 11), host_city=bochum, edition=1)
    make_event(
        title="Treffen Herten 2016",
        kind=Event.Kind.DEPARTMENT_HEADS,
        start_date=datetime.date(2016, 6, 1),
        date_precision="month",
        host_city=herten,
    )
    make_event(title="Forum Bochum 2016", start_date=datetime.date(2016, 1, 1), date_precision="year", host_city=bochum)
    make_event(title="Geheimes Forum 2016", start_date=datetime.date(2016, 3, 3), host_city=herten, status=Status.DRAFT)
    return {"bochum": bochum, "herten": herten}


# /foren/ ------------------------------------------------------------------------------------------------------------


def test_list_shows_published_events_newest_first_grouped_by_year(client, archive):
    response = client.get("/foren/")

    assert response.status_code == 200
    assert _titles(response) == ["Treffen Herten 2016", "Forum Bochum 2016", "Forum Bochum 2015"]
    assertInHTML('<h2 class="event-year__title" id="jahr-2016">2016</h2>', response.text)
    assertInHTML('<h2 class="event-year__title" id="jahr-2015">2015</h2>', response.text)
    assertContains(response, "3 Veranstaltungen")
    assertContains(response, "Juni 2016")
    assertNotContains(response, "Geheimes Forum")


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("jahr=2016", ["Treffen Herten 2016", "Forum Bochum 2016"]),
        ("art=dezernententreffen", ["Treffen Herten 2016"]),
        ("art=experten-forum", ["Forum Bochum 2016", "Forum Bochum 2015"]),
        ("stadt=bochum", ["Forum Bochum 2016", "Forum Bochum 2015"]),
        ("jahr=2016&stadt=bochum", ["Forum Bochum 2016"]),
        ("jahr=2016&art=experten-forum&stadt=bochum", ["Forum Bochum 2016"]),
        ("jahr=2015&art=dezernententreffen", []),
        ("jahr=&art=&stadt=", ["Treffen Herten 2016", "Forum Bochum 2016", "Forum Bochum 2015"]),
    ],
)
def test_list_filters_and_their_combinations(client, archive, query, expected):
    response = client.get(f"/foren/?{query}")

    assert response.status_code == 200
    assert _titles(response) == expected


def test_list_combination_without_matches_says_so(client, archive):
    response = client.get("/foren/?jahr=2015&art=dezernententreffen")

    assertContains(response, "Für diese Auswahl gibt es keine Veranstaltungen.")
    assertContains(response, "0 Veranstaltungen")


def test_list_shows_current_filters_with_links_that_remove_them(client, archive):
    response = client.get("/foren/?jahr=2016&stadt=bochum")

    assertContains(response, "Gefiltert nach:")
    assertContains(response, 'href="?stadt=bochum"')
    assertContains(response, 'href="?jahr=2016"')
    assertInHTML('<option value="bochum" selected>Bochum</option>', response.text)
    assertInHTML('<option value="2016" selected>2016</option>', response.text)


ALL_PUBLISHED = ["Treffen Herten 2016", "Forum Bochum 2016", "Forum Bochum 2015"]


@pytest.mark.parametrize(
    ("query", "message", "field", "expected"),
    [
        ("jahr=1999", "Für das Jahr „1999“ gibt es keine Veranstaltungen im Archiv.", "jahr", ALL_PUBLISHED),
        ("jahr=abc", "Für das Jahr „abc“ gibt es keine Veranstaltungen im Archiv.", "jahr", ALL_PUBLISHED),
        ("art=konferenz", "Die Art „konferenz“ gibt es nicht.", "art", ALL_PUBLISHED),
        ("stadt=atlantis", "Zur Stadt „atlantis“ gibt es keine Veranstaltungen im Archiv.", "stadt", ALL_PUBLISHED),
        ("jahr=2016&stadt=%00", "Zur Stadt", "stadt", ["Treffen Herten 2016", "Forum Bochum 2016"]),
    ],
)
def test_list_unknown_filter_value_is_a_400_with_the_message_at_the_field(
    client, archive, query, message, field, expected
):
    # One answer on every filtered page (core.filtering): 400, the page, the message at the field; the bad filter
    # is left out and the valid ones still apply.
    response = client.get(f"/foren/?{query}")

    assert response.status_code == 400
    assertContains(response, message, status_code=400)
    assertContains(
        response, f'id="id_{field}" aria-invalid="true" aria-describedby="id_{field}-error"', status_code=400
    )
    assertContains(response, "Alle Veranstaltungen anzeigen", status_code=400)
    assert _titles(response) == expected


def test_list_draft_year_is_no_filter_choice_for_the_public(client, archive):
    make_event(title="Entwurf 2030", start_date=datetime.date(2030, 5, 5), status=Status.DRAFT)

    response = client.get("/foren/?jahr=2030")

    assert response.status_code == 400
    assertNotContains(response, "Entwurf 2030", status_code=400)


def test_list_shows_drafts_to_staff_marked_as_draft(staff_client, archive):
    response = staff_client.get("/foren/?jahr=2016")

    assert "Geheimes Forum 2016" in _titles(response)
    assertInHTML('<strong class="event-card__draft">Entwurf</strong>', response.text)


def test_list_pagination_edges(client):
    for day in range(1, 14):
        make_event(title=f"Forum {day:02d}", start_date=datetime.date(2020, 1, day))

    first = client.get("/foren/")
    last = client.get("/foren/?page=2")
    last_by_name = client.get("/foren/?page=last")
    beyond = client.get("/foren/?page=3")
    zero = client.get("/foren/?page=0")
    nonsense = client.get("/foren/?page=abc")

    assert len(_titles(first)) == 12
    assertContains(first, "13 Veranstaltungen · Seite 1 von 2")
    assertInHTML('<a class="pagination__link" href="?page=2" rel="next">Weiter</a>', first.text)
    assert _titles(last) == ["Forum 01"]
    assertInHTML('<a class="pagination__link" href="?page=1" rel="prev">Zurück</a>', last.text)
    assert _titles(last_by_name) == ["Forum 01"]
    # No bare 404 page any more: past the end the last page (404), no page number the first page (400), with a message.
    assert (beyond.status_code, zero.status_code, nonsense.status_code) == (404, 400, 400)
    assert _titles(beyond) == ["Forum 01"]
    assert len(_titles(zero)) == len(_titles(nonsense)) == 12


def test_list_pagination_keeps_the_filters(client):
    city = make_municipality(name="Essen", slug="essen")
    for day in range(1, 14):
        make_event(start_date=datetime.date(2020, 1, day), host_city=city)

    response = client.get("/foren/?stadt=essen")

    assertContains(response, 'href="?stadt=essen&amp;page=2"')


def test_list_without_events(client):
    response = client.get("/foren/")

    assert response.status_code == 200
    assertContains(response, "0 Veranstaltungen")


def test_cover_is_the_flagged_photo_else_the_first_in_order_on_card_page_and_pdf(client):
    from forums.pdf import EventPdfView  # noqa: PLC0415 -- only this test renders the PDF context

    unflagged = make_event(slug="ohne-titelbild", start_date=datetime.date(2020, 1, 1))
    second = make_photo(unflagged, position=2, alt_text="Zweites Foto", size=(600, 400))
    first = make_photo(unflagged, position=1, alt_text="Erstes Foto", size=(600, 400))
    flagged = make_event(slug="mit-titelbild", start_date=datetime.date(2021, 1, 1))
    make_photo(flagged, position=1, alt_text="Vorne", size=(600, 400))
    cover = make_photo(flagged, position=2, alt_text="Titelbild", is_cover=True, size=(600, 400))

    cards = client.get("/foren/").text
    view = EventPdfView()
    view.setup(None, slug="ohne-titelbild")
    view.content_user = None

    assert f'src="{first.small["url"]}"' in cards
    assert f'src="{second.small["url"]}"' not in cards
    assert f'src="{cover.small["url"]}"' in cards
    assert client.get("/foren/ohne-titelbild/").context["cover"] == first
    assert client.get("/foren/mit-titelbild/").context["cover"] == cover
    for event, expected in ((unflagged, first), (flagged, cover)):
        loaded = view.get_queryset().get(pk=event.pk)
        assert view.get_pdf_context(loaded)["cover"]["photo"] == expected


def _list_with(count):
    cities = [make_municipality() for _ in range(3)]
    for number in range(count):
        event = make_event(start_date=datetime.date(2000 + number, 10, 1), host_city=cities[number % 3])
        make_photo(event, is_cover=True)


def test_list_query_count_is_constant_with_one_event(client, django_assert_num_queries):
    _list_with(1)

    # content version (page cache), years, cities, count, page of events, their cover photos, operator (footer)
    with django_assert_num_queries(7):
        client.get("/foren/")


def test_list_query_count_is_constant_with_thirty_events(client, django_assert_num_queries):
    _list_with(30)

    with django_assert_num_queries(7):
        response = client.get("/foren/?page=2")

    assert len(_titles(response)) == 12


# /foren/<slug>/ -----------------------------------------------------------------------------------------------------


@pytest.fixture
def full_event():
    city = make_municipality(name="Oberhausen", slug="oberhausen")
    network = make_network(name="Kompetenzentwicklung")
    hidden_network = make_network(name="Geheimes Netzwerk", status=Status.DRAFT)
    event = make_event(
        title="5. Experten-Forum in Oberhausen",
        slug="experten-forum-2019",
        edition=5,
        motto="Klimaresiliente Region mit internationaler Strahlkraft",
        start_date=datetime.date(2019, 10, 30),
        start_time=datetime.time(9, 30),
        end_time=datetime.time(16, 0),
        host_city=city,
        venue="Luise-Albertz-Halle",
        address="Düppelstraße 1, 46045 Oberhausen",
        teaser="Rund 300 Teilnehmende.",
        body="## Rückblick\n\nEin Tag mit <b>vielen</b> Gesprächen.",
        networks=[network, hidden_network],
    )
    make_programme_item(event, position=1, title="Begrüßung durch die Stadt", speakers="Oberbürgermeister")
    make_programme_item(event, position=2, title="Impuls", kind="impuls", start_time=datetime.time(10, 0))
    make_workshop(
        event, title="Kühlung von Innenstädten", results="- Bäume pflanzen\n- Flächen entsiegeln", networks=[network]
    )
    make_photo(
        event,
        alt_text="Das Plenum im Saal",
        caption="Plenum",
        credit="Stadt Oberhausen",
        is_cover=True,
        size=(1000, 600),
    )
    make_photo(event, alt_text="Ein Workshop", position=2)
    return event


def test_detail_shows_everything_about_the_event(client, full_event):
    response = client.get("/foren/experten-forum-2019/")

    assert response.status_code == 200
    html = response.text
    assertInHTML('<h1 class="event__title">5. Experten-Forum in Oberhausen</h1>', html)
    assertContains(response, "„Klimaresiliente Region mit internationaler Strahlkraft“")
    assertInHTML("<div><dt>Datum</dt><dd>30. Oktober 2019</dd></div>", html)
    assertInHTML("<div><dt>Uhrzeit</dt><dd>09:30–16:00 Uhr</dd></div>", html)
    assertInHTML("<div><dt>Veranstaltungsort</dt><dd>Luise-Albertz-Halle</dd></div>", html)
    assertInHTML('<h2 id="rueckblick">Rückblick</h2>', html, count=0)  # markdown headings carry no ids
    assertInHTML("<h2>Rückblick</h2>", html)
    assertContains(response, "Ein Tag mit &lt;b&gt;vielen&lt;/b&gt; Gesprächen.")
    assertInHTML("<caption>Programm: 5. Experten-Forum, 30. Oktober 2019</caption>", html)
    assertInHTML('<th scope="col">Zeit</th>', html)
    assertContains(response, "Begrüßung durch die Stadt")
    assertInHTML(
        f'<h3 class="workshop__title" id="workshop-{full_event.workshops.get().pk}">Kühlung von Innenstädten</h3>',
        html,
    )
    assertInHTML("<ul><li>Bäume pflanzen</li><li>Flächen entsiegeln</li></ul>", html)
    assertContains(response, 'alt="Das Plenum im Saal"')
    assertContains(response, 'loading="lazy"')
    assertContains(response, "Foto: Stadt Oberhausen")
    assertContains(response, "Kompetenzentwicklung")
    assertNotContains(response, "Geheimes Netzwerk")
    assertContains(response, 'href="/foren/experten-forum-2019.ics"')


def _programme_sections(html):
    """[(day heading or None, [item titles])] in the order the programme section shows them."""
    section = html[html.index('<h2 id="programm">') : html.index("</section>", html.index('<h2 id="programm">'))]
    parts = re.split(r'<h3 class="programme__day" id="[^"]+">([^<]+)</h3>', section)
    headed = [None, *parts[1::2]] if len(parts) > 1 else [None]
    tables = [parts[0], *parts[2::2]]
    result = [
        (heading, re.findall(r'<span class="programme__title">([^<]+)</span>', table))
        for heading, table in zip(headed, tables, strict=True)
    ]
    return [(heading, titles) for heading, titles in result if titles or heading]


def _two_day_forum(**overrides):
    defaults = {"title": "9. Experten-Forum in Bottrop", "slug": "experten-forum-2024", "edition": 9}
    return make_event(
        start_date=datetime.date(2024, 10, 9), end_date=datetime.date(2024, 10, 10), **(defaults | overrides)
    )


def test_detail_programme_of_two_days_is_divided_by_day_with_german_headings(client):
    event = _two_day_forum()
    second, first = datetime.date(2024, 10, 10), datetime.date(2024, 10, 9)
    make_programme_item(event, position=1, day=second, title="Rückblick auf den ersten Tag")
    make_programme_item(event, position=2, day=first, title="Begrüßung")
    make_programme_item(event, position=3, day=first, title="Exkursion")
    make_programme_item(event, position=4, day=second, title="Abschluss")

    response = client.get("/foren/experten-forum-2024/")

    assert _programme_sections(response.text) == [
        ("Mittwoch, 9. Oktober 2024", ["Begrüßung", "Exkursion"]),
        ("Donnerstag, 10. Oktober 2024", ["Rückblick auf den ersten Tag", "Abschluss"]),
    ]
    assertInHTML('<h3 class="programme__day" id="programm-2024-10-09">Mittwoch, 9. Oktober 2024</h3>', response.text)
    assertInHTML("<caption>Programm: 9. Experten-Forum, Donnerstag, 10. Oktober 2024</caption>", response.text)


def test_detail_programme_items_without_a_day_come_last_at_a_two_day_event(client):
    event = _two_day_forum()
    make_programme_item(event, position=1, title="Ausstellung der Städte")
    make_programme_item(event, position=2, day=datetime.date(2024, 10, 10), title="Abschluss")

    response = client.get("/foren/experten-forum-2024/")

    assert _programme_sections(response.text) == [
        ("Donnerstag, 10. Oktober 2024", ["Abschluss"]),
        ("Ohne Tagesangabe", ["Ausstellung der Städte"]),
    ]


@pytest.mark.parametrize("days", ["one-day event", "two days, no item has a day"])
def test_detail_programme_without_days_looks_as_a_one_day_programme(client, days):
    event = (
        make_event(slug="experten-forum-2019", edition=5, start_date=datetime.date(2019, 10, 30))
        if days == "one-day event"
        else _two_day_forum(slug="experten-forum-2019", edition=5)
    )
    make_programme_item(event, position=2, title="Impuls", day=event.start_date if days == "one-day event" else None)
    make_programme_item(event, position=1, title="Begrüßung")

    response = client.get("/foren/experten-forum-2019/")

    assert _programme_sections(response.text) == [(None, ["Begrüßung", "Impuls"])]
    assertInHTML(f"<caption>Programm: 5. Experten-Forum, {event.date_display}</caption>", response.text)
    assertNotContains(response, "programme__day")


def test_detail_photos_have_srcset_and_fixed_size(client, full_event):
    response = client.get("/foren/experten-forum-2019/")

    images = re.findall(r'<img class="gallery__image"[^>]*>', response.text)
    assert len(images) == 2
    assert re.search(
        r'srcset="/media/forums/renditions/\S+-480\.webp 480w, /media/\S+-960\.webp 960w, '
        r'/media/\S+-1000\.webp 1000w"',
        images[0],
    )
    assert 'width="480" height="288"' in images[0]
    assert 'loading="lazy"' in images[0]


def test_detail_partial_date_is_shown_honestly_and_has_no_calendar_entry(client):
    event = make_event(slug="experten-forum-2016", start_date=datetime.date(2016, 1, 1), date_precision="year")

    response = client.get(event.get_absolute_url())
    ics = client.get("/foren/experten-forum-2016.ics")

    assertContains(response, '2016 <span class="event__hint">(genauer Tag nicht bekannt)</span>', html=True)
    assertNotContains(response, '.ics"')
    assert ics.status_code == 404


def test_detail_json_ld_is_a_safe_data_block(client, full_event):
    full_event.title = "Forum </script><script>alert(1)</script>"
    full_event.save()

    response = client.get("/foren/experten-forum-2019/")

    blocks = re.findall(r'<script type="application/ld\+json">(.*?)</script>', response.text, re.S)
    assert len(blocks) == 1
    data = json.loads(blocks[0])
    assert data["@type"] == "Event"
    assert data["name"] == "Forum </script><script>alert(1)</script>"
    assert data["startDate"] == "2019-10-30T09:30:00"
    assert data["location"]["name"] == "Luise-Albertz-Halle"
    assert data["location"]["address"]["addressLocality"] == "Oberhausen"
    assert data["url"] == "https://portal.example/foren/experten-forum-2019/"
    assert data["image"][0].startswith("https://portal.example/media/forums/renditions/")
    assert "<script>alert" not in response.text
    assert INLINE_SCRIPT.findall(response.text) == []


def test_detail_has_opengraph_tags(client, full_event):
    response = client.get("/foren/experten-forum-2019/")

    assertContains(response, '<meta property="og:title" content="5. Experten-Forum in Oberhausen">', html=True)
    assertContains(response, '<meta property="og:description" content="Rund 300 Teilnehmende.">', html=True)
    assertContains(
        response, '<meta property="og:url" content="https://portal.example/foren/experten-forum-2019/">', html=True
    )
    assert re.search(r'<meta property="og:image" content="https://portal.example/media/\S+\.webp">', response.text)


def test_detail_markup_is_clean(client, full_event):
    html = client.get("/foren/experten-forum-2019/").text

    assert ' style="' not in html
    assert re.findall(r"\son[a-z]+=", html) == []
    assert html.count("<h1") == 1
    levels = [int(level) for level in re.findall(r"<h([1-6])", html)]
    assert all(b - a <= 1 for a, b in zip(levels, levels[1:], strict=False))


def test_list_markup_is_clean_and_every_select_is_labelled(client, archive):
    html = client.get("/foren/").text

    assert ' style="' not in html
    assert INLINE_SCRIPT.findall(html) == []
    for select_id in re.findall(r'<select[^>]*\bid="([^"]+)"', html):
        assert f'for="{select_id}"' in html
    assert html.count("<h1") == 1


def test_detail_draft_is_404_for_the_public_and_shown_to_staff_with_a_banner(staff_client):
    make_event(title="Entwurfsforum", slug="entwurfsforum", status=Status.DRAFT)

    public = Client().get("/foren/entwurfsforum/")
    staff = staff_client.get("/foren/entwurfsforum/")

    assert public.status_code == 404
    assertContains(staff, "Diese Seite ist noch nicht veröffentlicht")
    assertInHTML('<h1 class="event__title">Entwurfsforum</h1>', staff.text)


def test_detail_links_previous_and_next_event_of_the_same_kind(client):
    first = make_event(title="Forum A", start_date=datetime.date(2015, 12, 11))
    make_event(title="Treffen dazwischen", kind=Event.Kind.DEPARTMENT_HEADS, start_date=datetime.date(2016, 6, 1))
    middle = make_event(title="Forum B", start_date=datetime.date(2017, 10, 12))
    make_event(title="Forum Entwurf", start_date=datetime.date(2018, 1, 1), status=Status.DRAFT)
    last = make_event(title="Forum C", start_date=datetime.date(2019, 10, 30))

    response = client.get(middle.get_absolute_url())
    at_start = client.get(first.get_absolute_url())

    assertContains(response, f'href="{first.get_absolute_url()}" rel="prev"')
    assertContains(response, f'href="{last.get_absolute_url()}" rel="next"')
    assertNotContains(response, "Treffen dazwischen")
    assertNotContains(response, "Forum Entwurf")
    assertNotContains(at_start, 'rel="prev"')


def test_detail_old_slug_redirects_to_the_current_one(client):
    event = make_event(slug="neuer-name")
    event_old_slug = "alter-name"
    slug_change_record(instance=event, old_slug=event_old_slug)

    response = client.get("/foren/alter-name/")

    assert response.status_code == 301
    assert response["Location"] == "/foren/neuer-name/"
    assert OldSlug.objects.count() == 1


def test_calendar_and_pdf_under_a_former_slug_redirect_to_the_current_one(client):
    event = make_event(slug="neuer-name", start_date=datetime.date(2030, 5, 1))
    slug_change_record(instance=event, old_slug="alter-name")

    ics = client.get("/foren/alter-name.ics")
    pdf = client.get("/foren/alter-name/dokumentation.pdf")

    assert (ics.status_code, ics["Location"]) == (301, "/foren/neuer-name.ics")
    assert (pdf.status_code, pdf["Location"]) == (301, "/foren/neuer-name/dokumentation.pdf")
    assert client.get("/foren/nie-vergeben.ics").status_code == 404


def test_detail_unknown_slug_is_404(client):
    assert client.get("/foren/gibt-es-nicht/").status_code == 404


def _detail_with(programme_items, photos):
    event = make_event(slug="gross", host_city=make_municipality(), networks=[make_network(), make_network()])
    for number in range(programme_items):
        make_programme_item(event, position=number)
    for number in range(3 if programme_items > 1 else 1):
        make_workshop(event, title=f"Workshop {number}", networks=[make_network()])
    for number in range(photos):
        make_photo(event, position=number, is_cover=number == 0)
    make_event(start_date=datetime.date(2010, 1, 1))
    make_event(start_date=datetime.date(2030, 1, 1))


def test_detail_query_count_is_constant_with_few_items(client, django_assert_num_queries):
    _detail_with(programme_items=1, photos=1)

    # content version (page cache), event, programme, workshops, their networks, the topics they took up, photos,
    # networks, documents, articles about it, measures that arose at the event, rounds of topics, previous, next,
    # operator (footer)
    with django_assert_num_queries(15):
        client.get("/foren/gross/")


def test_detail_query_count_is_constant_with_forty_photos(client, django_assert_num_queries):
    _detail_with(programme_items=12, photos=40)

    with django_assert_num_queries(15):
        response = client.get("/foren/gross/")

    assert response.text.count('class="gallery__image"') == 40


def test_detail_query_count_is_constant_with_a_programme_over_two_days(client, django_assert_num_queries):
    _detail_with(programme_items=12, photos=3)
    event = Event.objects.get(slug="gross")
    Event.objects.filter(pk=event.pk).update(end_date=event.start_date + datetime.timedelta(days=1))
    for number, item in enumerate(event.programme_items.all()):
        item.day = event.start_date + datetime.timedelta(days=number % 2)
        item.save()

    with django_assert_num_queries(15):
        response = client.get("/foren/gross/")

    assert response.text.count('class="programme__day"') == 2


def test_detail_query_count_does_not_grow_with_the_archive(client, django_assert_num_queries):
    _detail_with(programme_items=3, photos=3)
    for year in range(1990, 2020):
        make_event(start_date=datetime.date(year, 5, 5))

    with django_assert_num_queries(15):
        client.get("/foren/gross/")


# iCalendar ----------------------------------------------------------------------------------------------------------


def test_event_ics_is_valid_icalendar(client, full_event):
    response = client.get("/foren/experten-forum-2019.ics")

    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    assert 'filename="experten-forum-2019.ics"' in response["Content-Disposition"]
    calendar = icalendar.Calendar.from_ical(response.content)
    (entry,) = calendar.walk("VEVENT")
    assert str(entry["SUMMARY"]) == "5. Experten-Forum in Oberhausen"
    assert entry.decoded("DTSTART") == datetime.datetime(2019, 10, 30, 9, 30, tzinfo=entry.decoded("DTSTART").tzinfo)
    assert str(entry.decoded("DTSTART").tzinfo) == "Europe/Berlin"
    assert entry.decoded("DTEND").hour == 16
    assert str(entry["LOCATION"]) == "Luise-Albertz-Halle, Düppelstraße 1, 46045 Oberhausen, Oberhausen"
    assert str(entry["URL"]) == "https://portal.example/foren/experten-forum-2019/"
    assert calendar.walk("VTIMEZONE")


def test_event_ics_for_a_two_day_event_without_times_is_all_day(client):
    make_event(slug="zwei-tage", start_date=datetime.date(2024, 10, 9), end_date=datetime.date(2024, 10, 10))

    calendar = icalendar.Calendar.from_ical(client.get("/foren/zwei-tage.ics").content)

    (entry,) = calendar.walk("VEVENT")
    assert entry.decoded("DTSTART") == datetime.date(2024, 10, 9)
    assert entry.decoded("DTEND") == datetime.date(2024, 10, 11)


def test_event_ics_of_a_draft_is_404_for_the_public(client):
    make_event(slug="entwurf", status=Status.DRAFT)

    assert client.get("/foren/entwurf.ics").status_code == 404


def test_upcoming_ics_lists_only_published_future_events_with_a_known_day(client):
    today = datetime.date.today()
    make_event(title="Kommt bald", start_date=today + datetime.timedelta(days=30))
    make_event(title="Läuft noch", start_date=today - datetime.timedelta(days=1), end_date=today)
    make_event(title="Vorbei", start_date=today - datetime.timedelta(days=30))
    make_event(title="Entwurf", start_date=today + datetime.timedelta(days=10), status=Status.DRAFT)
    make_event(title="Nur das Jahr", start_date=datetime.date(today.year + 1, 1, 1), date_precision="year")

    response = client.get("/foren/termine.ics")

    calendar = icalendar.Calendar.from_ical(response.content)
    assert [str(entry["SUMMARY"]) for entry in calendar.walk("VEVENT")] == ["Läuft noch", "Kommt bald"]
    assert str(calendar["X-WR-CALNAME"]) == "Emscher-Portal: Termine"


def test_upcoming_ics_counts_today_in_the_portals_time_zone_not_the_servers(client, settings, monkeypatch):
    # 23:30 UTC on 1 March is already 2 March in Germany: an event on 1 March is over there.
    settings.TIME_ZONE = "Europe/Berlin"
    late_evening = datetime.datetime(2030, 3, 1, 23, 30, tzinfo=datetime.UTC)
    monkeypatch.setattr("django.utils.timezone.now", lambda: late_evening)
    make_event(title="Gestern", start_date=datetime.date(2030, 3, 1))
    make_event(title="Heute", start_date=datetime.date(2030, 3, 2))

    calendar = icalendar.Calendar.from_ical(client.get("/foren/termine.ics").content)

    assert [str(entry["SUMMARY"]) for entry in calendar.walk("VEVENT")] == ["Heute"]
    assert [event.title for event in Event.objects.upcoming()] == ["Heute"]


def test_the_organisation_is_named_from_one_place(client):
    from documents.models import Document  # noqa: PLC0415 -- only this test needs the documents app

    make_event(slug="benannt", start_date=datetime.date(2030, 5, 1))
    page = client.get("/foren/benannt/")

    assert page.context["json_ld"]["organizer"]["name"] == ORGANISATION_NAME
    assert page.context["SITE_NAME"] == ORGANISATION_NAME
    assert Document._meta.get_field("issuer").default == ORGANISATION_NAME
    calendar = icalendar.Calendar.from_ical(client.get("/foren/termine.ics").content)
    assert str(calendar["X-WR-CALNAME"]) == f"{SITE_SHORT_NAME}: Termine"


def test_upcoming_ics_without_events_is_still_a_valid_calendar(client):
    calendar = icalendar.Calendar.from_ical(client.get("/foren/termine.ics").content)

    assert calendar.walk("VEVENT") == []
    assert str(calendar["VERSION"]) == "2.0"


# Phone and layout (issue 17) ----------------------------------------------------------------------------------------


def test_event_page_has_a_breadcrumb_to_the_archive(client):
    event = make_event(title="9. Experten-Forum in Bottrop")

    response = client.get(event.get_absolute_url())

    assertContains(
        response,
        '<nav class="breadcrumbs" aria-label="Brotkrumen">'
        '<ol><li><a href="/foren/">Foren und Treffen</a></li></ol></nav>',
        html=True,
    )


def test_event_page_lists_the_published_measures_that_arose_at_it(client):
    event = make_event(title="3. Dezernententreffen", kind=Event.Kind.DEPARTMENT_HEADS)
    other = make_event(title="Anderes Treffen")
    field = make_field(make_plan(), number=2)
    arisen = make_measure(field, number="2.1", title="Gründächer auf Schulen", origin_event=event)
    make_measure(field, number="2.2", title="Entwurf einer Maßnahme", origin_event=event, status=Status.DRAFT)
    make_measure(field, number="2.3", title="Maßnahme von woanders", origin_event=other)

    response = client.get(event.get_absolute_url())

    section = response.text.split('aria-labelledby="massnahmen"')[1].split("</section>")[0]
    assertInHTML('<h2 id="massnahmen">Daraus entstandene Maßnahmen</h2>', response.text)
    assertInHTML(f'<a href="{arisen.get_absolute_url()}">2.1 Gründächer auf Schulen</a>', section)
    assert "Entwurf einer Maßnahme" not in section
    assert "Maßnahme von woanders" not in section


def test_event_page_without_measures_has_no_measures_section(client):
    event = make_event()

    response = client.get(event.get_absolute_url())

    assertNotContains(response, 'id="massnahmen"')


def test_archive_page_past_the_end_shows_the_last_page_with_a_german_message(client):
    for year in range(1990, 2003):  # 13 events: two pages of 12
        make_event(title=f"Forum {year}", start_date=datetime.date(year, 5, 5))

    response = client.get("/foren/", {"page": "9"})

    assert response.status_code == 404
    assertContains(
        response,
        '<div class="notice notice--error" role="alert"><p>Seite 9 gibt es nicht – diese Liste hat nur 2 Seiten. '
        "Hier ist die letzte Seite.</p></div>",
        html=True,
        status_code=404,
    )
    assert _titles(response) == ["Forum 1990"]
    assertContains(response, "Seite 2 von 2", status_code=404)


@pytest.mark.parametrize("page", ["abc", "0", "-3", "1.5"])
def test_archive_page_that_is_no_page_number_shows_the_first_page_with_400(client, page):
    make_event(title="Forum 2019")

    response = client.get("/foren/", {"page": page})

    assert response.status_code == 400
    assert _titles(response) == ["Forum 2019"]
    assertContains(response, "Hier ist die erste Seite.", status_code=400)


def test_archive_last_page_and_existing_pages_answer_200_without_message(client):
    for year in range(1990, 2003):
        make_event(title=f"Forum {year}", start_date=datetime.date(year, 5, 5))

    second = client.get("/foren/", {"page": "2"})
    last = client.get("/foren/", {"page": "last"})

    assert (second.status_code, last.status_code) == (200, 200)
    assert _titles(second) == _titles(last) == ["Forum 1990"]
    assertNotContains(second, "notice--error")


def test_empty_archive_page_past_the_end_is_404_with_the_empty_list(client):
    response = client.get("/foren/", {"page": "2", "jahr": ""})

    assert response.status_code == 404
    assertContains(response, "Seite 2 gibt es nicht – diese Liste hat nur 1 Seite.", status_code=404)
    assertContains(response, "Foren und Treffen", status_code=404)


@pytest.mark.parametrize("url", ["/foren/", "/dokumente/", "/massnahmenplan/"])
def test_every_filter_form_button_says_anzeigen(client, url):
    make_measure(make_field(make_plan()))
    make_document()
    make_event()

    response = client.get(url)

    form = response.text.split('<form class="list-filter"')[1].split("</form>")[0]
    assertInHTML('<button class="button" type="submit">Anzeigen</button>', form)
    assert "Filtern" not in form
