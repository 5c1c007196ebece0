import datetime
import pathlib
import re

import pytest
from django.contrib.staticfiles import finders
from django.test import Client
from pytest_django.asserts import assertContains, assertInHTML, assertNotContains

from documents.models import Measure
from documents.plan_services import measure_set_status
from documents.tests.library_factories import make_document
from documents.tests.plan_factories import make_field, make_measure, make_plan
from emscher_portal.core.models import Status
from emscher_portal.core.slugs import slug_change_record
from forums.models import Event
from forums.tests.factories import make_event
from networks.tests.factories import make_municipality, make_network

pytestmark = pytest.mark.django_db

S = Measure.ImplementationStatus


def _titles(response):
    """The measure titles on the plan page, in page order."""
    return re.findall(r'<span class="measure-card__number">[^<]*</span> ([^<]+)</a>', response.text)


@pytest.fixture
def plan_with_measures():
    plan = make_plan(introduction="Der Plan **verbindet** Stadt und Wasser.", adoption_note="2018 in Castrop-Rauxel")
    water = make_field(plan, number=1, title="Regenwasser")
    green = make_field(plan, number=2, title="Grün")
    standards = make_network(name="Leitbilder und Standards", slug="leitbilder")
    economy = make_network(name="Wirtschaftlichkeit", slug="wirtschaftlichkeit")
    essen = make_municipality(name="Essen", slug="essen")
    herne = make_municipality(name="Herne", slug="herne")
    make_measure(water, number="1.1", title="Abkoppeln", networks=[standards], municipalities=[essen])
    make_measure(
        water,
        number="1.2",
        title="Versickern",
        implementation_status=S.DONE,
        networks=[economy],
        municipalities=[herne],
    )
    make_measure(
        green, number="2.1", title="Gründächer", implementation_status=S.IN_PROGRESS, networks=[standards, economy]
    )
    make_measure(green, number="2.2", title="Bachöffnung", implementation_status=S.DEFERRED, municipalities=[essen])
    make_measure(green, number="2.3", title="Geheimer Entwurf", status=Status.DRAFT, networks=[standards])
    return plan


def test_plan_page_shows_introduction_fields_and_measures(client, plan_with_measures):
    response = client.get("/massnahmenplan/")

    assertInHTML("<h1>Maßnahmenplan 2020+</h1>", response.text)
    assertInHTML("<p>Der Plan <strong>verbindet</strong> Stadt und Wasser.</p>", response.text)
    assertContains(response, "2018 in Castrop-Rauxel")
    assertInHTML('<h3 id="feld-1" class="action-field__title">1. Regenwasser</h3>', response.text)
    assert _titles(response) == ["Abkoppeln", "Versickern", "Gründächer", "Bachöffnung"]


def test_plan_page_hides_draft_measures_from_the_public_and_shows_them_to_staff(staff_client, plan_with_measures):
    public = Client().get("/massnahmenplan/")
    staff = staff_client.get("/massnahmenplan/")

    assertNotContains(public, "Geheimer Entwurf")
    assertContains(staff, "Geheimer Entwurf")


def test_plan_page_without_published_plan_says_so(staff_client):
    make_plan(title="Plan im Entwurf", status=Status.DRAFT)

    public = Client().get("/massnahmenplan/")
    staff = staff_client.get("/massnahmenplan/")

    assert public.status_code == 200
    assertContains(public, "Der Maßnahmenplan ist noch nicht veröffentlicht.")
    assertNotContains(public, "Plan im Entwurf")
    assertContains(staff, "Plan im Entwurf")
    assertContains(staff, "Diese Seite ist noch nicht veröffentlicht")


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("feld=1", ["Abkoppeln", "Versickern"]),
        ("status=done", ["Versickern"]),
        ("netzwerk=leitbilder", ["Abkoppeln", "Gründächer"]),
        ("kommune=essen", ["Abkoppeln", "Bachöffnung"]),
        ("feld=2&netzwerk=wirtschaftlichkeit", ["Gründächer"]),
        ("feld=2&kommune=essen&status=deferred", ["Bachöffnung"]),
        ("netzwerk=leitbilder&kommune=essen", ["Abkoppeln"]),
        ("feld=1&status=in_progress", []),
        ("feld=&status=&netzwerk=&kommune=", ["Abkoppeln", "Versickern", "Gründächer", "Bachöffnung"]),
    ],
)
def test_plan_filters_and_their_combinations(client, plan_with_measures, query, expected):
    response = client.get(f"/massnahmenplan/?{query}")

    assert response.status_code == 200
    assert _titles(response) == expected


def test_plan_filter_with_nothing_found_offers_the_way_back(client, plan_with_measures):
    response = client.get("/massnahmenplan/?feld=1&status=in_progress")

    assertContains(response, "Keine Maßnahme passt zu dieser Auswahl.")
    assertContains(response, "0 Maßnahmen")


def test_plan_filter_keeps_the_chosen_values_selected(client, plan_with_measures):
    response = client.get("/massnahmenplan/?feld=2&netzwerk=wirtschaftlichkeit")

    assertInHTML('<option value="2" selected>2. Grün</option>', response.text)
    assertInHTML('<option value="wirtschaftlichkeit" selected>Wirtschaftlichkeit</option>', response.text)


@pytest.mark.parametrize(
    "query",
    ["feld=abc", "feld=99", "status=fertig", "netzwerk=gibt-es-nicht", "kommune=%00", "feld=1e9999&status[]=x"],
)
def test_plan_filter_bad_values_answer_400_with_a_german_error(client, plan_with_measures, query):
    response = client.get(f"/massnahmenplan/?{query}")

    assert response.status_code == 400
    assertContains(response, "Diese Auswahl gibt es nicht; der Filter wurde nicht angewendet.", status_code=400)
    assertContains(response, 'aria-invalid="true"', status_code=400)


def test_plan_filter_ignores_only_the_bad_value(client, plan_with_measures):
    response = client.get("/massnahmenplan/?feld=1&status=fertig")

    assert response.status_code == 400
    assert _titles(response) == ["Abkoppeln", "Versickern"]


def test_plan_filter_does_not_offer_or_apply_a_draft_network(client, plan_with_measures):
    draft = make_network(name="Netzwerk im Entwurf", slug="entwurf", status=Status.DRAFT)
    Measure.objects.get(number="1.1").networks.add(draft)

    listing = client.get("/massnahmenplan/")
    filtered = client.get("/massnahmenplan/?netzwerk=entwurf")

    assertNotContains(listing, "Netzwerk im Entwurf")
    assert filtered.status_code == 400


# The column heads with their soft hyphens; each number carries its head as data-label (a phone stacks the table).
STATUS_HEADS = [
    "ge\u00adplant",
    "in Um\u00adset\u00adzung",
    "um\u00adge\u00adsetzt",
    "zu\u00adrück\u00adge\u00adstellt",
    "ge\u00adsamt",
]


def _status_row(title, counts):
    cells = "".join(f'<td data-label="{head}">{count}</td>' for head, count in zip(STATUS_HEADS, counts, strict=True))
    return f'<tr><th scope="row">{title}</th>{cells}</tr>'


def test_status_overview_counts_per_field(client, plan_with_measures):
    response = client.get("/massnahmenplan/")

    # geplant, in Umsetzung, umgesetzt, zurückgestellt, gesamt — the draft measure is not counted for the public
    assertInHTML(_status_row("1. Regenwasser", [1, 0, 1, 0, 2]), response.text)
    assertInHTML(_status_row("2. Grün", [0, 1, 0, 1, 2]), response.text)
    assertInHTML(_status_row("Alle Handlungsfelder", [1, 1, 1, 1, 4]), response.text)
    assertContains(response, "<caption")
    assertInHTML(
        '<desc id="chart-desc-2">geplant: 0, in Umsetzung: 1, umgesetzt: 0, zurückgestellt: 1</desc>', response.text
    )


def test_status_overview_chart_bars_scale_to_the_largest_field(client):
    plan = make_plan()
    big = make_field(plan, number=1, title="Groß")
    small = make_field(plan, number=2, title="Klein")
    for _ in range(3):
        make_measure(big)
    make_measure(big, implementation_status=S.DONE)
    make_measure(small, implementation_status=S.DONE)

    response = client.get("/massnahmenplan/")

    assertContains(
        response, 'class="status-chart__segment status-chart__segment--planned" x="0.00" y="0" width="75.00"'
    )
    assertContains(response, 'class="status-chart__segment status-chart__segment--done" x="75.00" y="0" width="25.00"')
    assertContains(response, 'class="status-chart__segment status-chart__segment--done" x="0.00" y="0" width="25.00"')


def test_status_overview_follows_a_status_change(client, plan_with_measures):
    measure_set_status(measure=Measure.objects.get(number="1.1"), status=S.DONE)

    response = client.get("/massnahmenplan/")

    assertInHTML(_status_row("1. Regenwasser", [0, 0, 2, 0, 2]), response.text)


def test_plan_page_markup_is_accessible_and_csp_clean(client, plan_with_measures):
    response = client.get("/massnahmenplan/?status=bogus")
    html = response.text

    assert "style=" not in html
    assert not re.search(r"<script(?![^>]*\bsrc=)", html)
    assert not re.search(r"\son[a-z]+=", html)
    assert html.count("<h1") == 1
    for select_id in re.findall(r'<select name="[^"]+" id="([^"]+)"', html):
        assert f'<label for="{select_id}">' in html
    assert 'scope="col"' in html
    assert 'scope="row"' in html


@pytest.mark.parametrize("items", [1, 3])
def test_plan_page_query_count_is_constant(client, django_assert_num_queries, items):
    plan = make_plan()
    for number in range(1, items + 1):
        field = make_field(plan, number=number)
        for _ in range(items):
            make_measure(field, networks=[make_network()], municipalities=[make_municipality()])

    # content version, plan, fields with counts, network choices, municipality choices, measures,
    # their networks, their municipalities, operator (footer)
    with django_assert_num_queries(9):
        response = client.get("/massnahmenplan/?status=planned&netzwerk=netzwerk-x")

    assert response.status_code == 400
    with django_assert_num_queries(9):
        response = client.get("/massnahmenplan/")
    assert len(_titles(response)) == items * items


def _measure_with_everything(items):
    field = make_field(make_plan(), number=1, title="Regenwasser")
    event = make_event(title="3. Dezernententreffen", kind=Event.Kind.DEPARTMENT_HEADS, host_city=make_municipality())
    measure = make_measure(
        field,
        title="Abkoppeln",
        origin_event=event,
        networks=[make_network() for _ in range(items)],
        municipalities=[make_municipality() for _ in range(items)],
        documents=[make_document() for _ in range(items)],
    )
    for day in range(items):
        measure_set_status(
            measure=measure,
            status=[S.IN_PROGRESS, S.DONE][day % 2],
            changed_on=datetime.date(2019, 1, day + 1),
        )
    return measure


@pytest.mark.parametrize("items", [1, 3])
def test_measure_detail_query_count_is_constant(client, django_assert_num_queries, items):
    measure = _measure_with_everything(items)

    # content version, measure with field, plan and origin event, networks, municipalities, history, documents,
    # articles about it, the topics it came from, operator (footer)
    with django_assert_num_queries(9):
        response = client.get(measure.get_absolute_url())

    assert response.status_code == 200


def test_measure_detail_shows_everything_that_relates_to_it(client):
    plan = make_plan()
    field = make_field(plan, number=2, title="Grün")
    network = make_network(name="Kompetenzentwicklung")
    hidden_network = make_network(name="Netzwerk im Entwurf", status=Status.DRAFT)
    event = make_event(title="5. Experten-Forum in Oberhausen")
    document = make_document(title="Leitfaden Gründach")
    hidden_document = make_document(title="Unveröffentlichter Leitfaden", status=Status.DRAFT)
    measure = make_measure(
        field,
        number="2.3",
        title="Gründächer fördern",
        goal="Mehr grüne Dächer.",
        description="Ein *Beispiel*.",
        time_frame="2019–2030",
        origin_event=event,
        networks=[network, hidden_network],
        municipalities=[make_municipality(name="Essen")],
        documents=[document, hidden_document],
    )

    response = client.get(measure.get_absolute_url())

    assertInHTML("<h1>Gründächer fördern</h1>", response.text)
    assertContains(response, "Maßnahme 2.3")
    assertInHTML(f'<a href="{network.get_absolute_url()}">Kompetenzentwicklung</a>', response.text)
    assertNotContains(response, "Netzwerk im Entwurf")
    assertContains(response, "Essen")
    assertContains(response, "2019–2030")
    assertInHTML(f'<a href="{event.get_absolute_url()}">5. Experten-Forum in Oberhausen</a>', response.text)
    assertInHTML(f'<a href="{document.get_absolute_url()}">Leitfaden Gründach</a> (2019)', response.text)
    assertNotContains(response, "Unveröffentlichter Leitfaden")
    assertInHTML("<p>Ein <em>Beispiel</em>.</p>", response.text)
    assertContains(response, "aufgenommen als „geplant“")


def test_measure_detail_hides_a_draft_origin_event(client):
    field = make_field(make_plan(), number=1)
    measure = make_measure(field, origin_event=make_event(title="Forum im Entwurf", status=Status.DRAFT))

    response = client.get(measure.get_absolute_url())

    assertNotContains(response, "Forum im Entwurf")


def test_measure_history_lists_every_status_change_with_its_date(client):
    measure = make_measure(make_field(make_plan(), number=1))
    measure.status_changes.update(changed_on=datetime.date(2018, 3, 1))
    measure_set_status(measure=measure, status=S.IN_PROGRESS, changed_on=datetime.date(2019, 6, 15), note="Start")
    measure_set_status(measure=measure, status=S.DONE, changed_on=datetime.date(2022, 6, 1))

    response = client.get(measure.get_absolute_url())

    items = re.findall(r'<li class="history__item">(.*?)</li>', response.text, flags=re.S)
    texts = [" ".join(re.sub(r"<[^>]+>", " ", item).split()) for item in items]
    assert texts == [
        "1. März 2018 : aufgenommen als „geplant“",
        "15. Juni 2019 : von „geplant“ zu „in Umsetzung“ – Start",
        "1. Juni 2022 : von „in Umsetzung“ zu „umgesetzt“",
    ]


def test_measure_history_is_not_numbered(client):
    measure = make_measure(make_field(make_plan(), number=1))
    measure.status_changes.update(changed_on=datetime.date(2018, 3, 1))

    response = client.get(measure.get_absolute_url())

    # An <ol> in its order, but shown without list numbers: „1. 1. März 2018“ read as a number plus a date.
    assertContains(response, '<ol class="history">')
    css = pathlib.Path(finders.find("css/components/plan.css")).read_text(encoding="utf-8")
    rule = css.split(".history {")[1].split("}")[0]
    assert "list-style: none;" in rule


def test_status_table_stacks_on_a_phone_instead_of_breaking_words(client, plan_with_measures):
    response = client.get("/massnahmenplan/")

    assert response.text.count('data-label="ge&shy;samt"') == 3  # two fields and the total row
    css = pathlib.Path(finders.find("css/components/plan.css")).read_text(encoding="utf-8")
    table = css.split(".status-table {")[1]
    assert "overflow-wrap: anywhere" not in table  # the cause of „Überflutungssc|hutz“
    assert "hyphens: auto;" in table
    assert "content: attr(data-label);" in table


def test_measure_of_a_draft_or_in_a_draft_plan_is_404_for_the_public(staff_client):
    draft_measure = make_measure(make_field(make_plan(), number=1), status=Status.DRAFT)
    in_draft_plan = make_measure(make_field(make_plan(status=Status.DRAFT), number=1))
    public = Client()

    assert public.get(draft_measure.get_absolute_url()).status_code == 404
    assert public.get(in_draft_plan.get_absolute_url()).status_code == 404
    assertContains(staff_client.get(draft_measure.get_absolute_url()), "Diese Seite ist noch nicht veröffentlicht")


def test_measure_old_slug_redirects(client):
    measure = make_measure(make_field(make_plan(), number=1), slug="alt")
    measure.slug = "neu"
    measure.save()
    slug_change_record(instance=measure, old_slug="alt")

    response = client.get("/massnahmenplan/alt/")

    assert response.status_code == 301
    assert response["Location"] == "/massnahmenplan/neu/"
