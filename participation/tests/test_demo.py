"""The demo's rounds: a closed example round for the 9th forum, linked to its demo workshops and a measure, and an
open one."""

import pytest
from pytest_django.asserts import assertContains

from participation.models import Round

pytestmark = pytest.mark.django_db


def test_the_closed_demo_round_is_marked_as_example_and_leads_to_the_9th_forum(client, demo):
    round_ = Round.objects.get(slug="experten-forum-2024")

    page = client.get(round_.get_absolute_url())
    topic = client.get("/themen/experten-forum-2024/freiraeume-doppelt-nutzen/")
    forum = client.get("/foren/experten-forum-2024/")

    assert round_.is_closed
    assert round_.event.slug == "experten-forum-2024"
    assertContains(page, "Beispiel")
    assertContains(page, "<caption>Ergebnis des Gewichtens</caption>", html=True)
    assertContains(topic, "ins Programm aufgenommen")
    assertContains(topic, "Multifunktionale Freiräume (Beispiel)")  # the 9th forum's demo workshop
    assertContains(topic, "Multifunktionale Freiräume planen")  # measure 2.2
    assertContains(topic, "Parks als Retentionsraum (Beispiel)")  # merged into it
    assertContains(forum, "/themen/experten-forum-2024/freiraeume-doppelt-nutzen/")


def test_the_open_demo_round_takes_proposals_and_the_home_page_says_so(client, demo):
    response = client.get("/")

    assertContains(response, "Themen für das nächste Experten-Forum (Beispiel)")
    assertContains(response, "Jetzt Themen vorschlagen")
    assertContains(client.get("/themen/naechstes-experten-forum/vorschlagen/"), "Vorschlag absenden")
