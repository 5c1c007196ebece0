import datetime

import pytest
from django.core.exceptions import ValidationError
from django.utils.formats import date_format

from forums.models import Event, ProgrammeItem
from forums.tests.factories import make_event

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("start", "end", "precision", "expected"),
    [
        (datetime.date(2015, 12, 11), None, "day", "11. Dezember 2015"),
        (datetime.date(2017, 2, 1), None, "month", "Februar 2017"),
        (datetime.date(2016, 1, 1), None, "year", "2016"),
        (datetime.date(2024, 10, 9), datetime.date(2024, 10, 10), "day", "9.–10. Oktober 2024"),
        (datetime.date(2024, 9, 30), datetime.date(2024, 10, 1), "day", "30. September – 1. Oktober 2024"),
        (datetime.date(2024, 12, 31), datetime.date(2025, 1, 1), "day", "31. Dezember 2024 – 1. Januar 2025"),
    ],
)
def test_event_date_display_is_never_more_precise_than_known(start, end, precision, expected):
    event = make_event(start_date=start, end_date=end, date_precision=precision)

    assert event.date_display == expected


def test_event_with_year_precision_is_normalised_to_the_first_of_january():
    event = make_event(start_date=datetime.date(2016, 7, 14), date_precision=Event.DatePrecision.YEAR)

    assert event.start_date == datetime.date(2016, 1, 1)
    assert event.iso_start == "2016"


def test_event_edition_label_names_number_and_kind():
    forum = make_event(edition=3)
    meeting = make_event(edition=5, kind=Event.Kind.DEPARTMENT_HEADS)
    unnumbered = make_event()

    assert forum.edition_label == "3. Experten-Forum"
    assert meeting.edition_label == "5. Dezernententreffen"
    assert unnumbered.edition_label == "Experten-Forum"


def test_event_end_before_start_is_refused():
    with pytest.raises(ValidationError) as error:
        make_event(start_date=datetime.date(2024, 10, 10), end_date=datetime.date(2024, 10, 9))

    assert "Das Enddatum darf nicht vor dem Beginn liegen." in str(error.value)


def test_event_end_date_needs_a_known_day():
    with pytest.raises(ValidationError):
        make_event(start_date=datetime.date(2023, 1, 1), end_date=datetime.date(2023, 1, 2), date_precision="year")


def test_event_absolute_url_uses_the_slug():
    event = make_event(slug="experten-forum-2017")

    assert event.get_absolute_url() == "/foren/experten-forum-2017/"


# Programme days -------------------------------------------------------------------------------------------------


def _two_day_forum():
    return make_event(start_date=datetime.date(2024, 10, 9), end_date=datetime.date(2024, 10, 10))


@pytest.mark.parametrize("day", [datetime.date(2024, 10, 9), datetime.date(2024, 10, 10), None])
def test_programme_item_day_within_the_event_is_accepted(day):
    item = ProgrammeItem(event=_two_day_forum(), title="Begrüßung", day=day)

    item.full_clean()

    assert item.day_display == ("" if day is None else date_format(day, "l, j. F Y"))


@pytest.mark.parametrize("day", [datetime.date(2024, 10, 8), datetime.date(2024, 10, 11)])
def test_programme_item_day_outside_the_event_is_refused_in_german(day):
    item = ProgrammeItem(event=_two_day_forum(), title="Begrüßung", day=day)

    with pytest.raises(ValidationError) as error:
        item.full_clean()

    assert error.value.message_dict == {
        "day": ["Der Tag muss im Zeitraum der Veranstaltung liegen: 9.–10. Oktober 2024."]
    }


def test_programme_item_of_a_one_day_event_may_only_have_that_day():
    event = make_event(start_date=datetime.date(2019, 10, 30))

    with pytest.raises(ValidationError) as error:
        ProgrammeItem(event=event, title="Exkursion", day=datetime.date(2019, 10, 31)).full_clean()

    assert error.value.message_dict["day"] == ["Der Tag muss im Zeitraum der Veranstaltung liegen: 30. Oktober 2019."]


def test_programme_item_needs_an_event_whose_day_is_known():
    event = make_event(start_date=datetime.date(2023, 1, 1), date_precision=Event.DatePrecision.YEAR)

    with pytest.raises(ValidationError) as error:
        ProgrammeItem(event=event, title="Plenum", day=datetime.date(2023, 1, 1)).full_clean()

    assert error.value.message_dict["day"] == [
        "Ein Tag geht nur, wenn der Tag der Veranstaltung bekannt ist (Genauigkeit „Tag bekannt“)."
    ]


def test_programme_item_day_is_shown_the_german_way():
    item = ProgrammeItem(day=datetime.date(2024, 10, 9))

    assert item.day_display == "Mittwoch, 9. Oktober 2024"
