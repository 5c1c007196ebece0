"""The whole path of a topic, walked like the people involved — through real SMTP: propose → confirm → moderate →
weigh (budget errors, a changed ballot, a second voter) → close → results → merge → decide → link to workshop and
measure → „Was wurde daraus?“."""

import re

import pytest
from django.contrib.auth.models import Group
from django.test import Client
from pytest_django.asserts import assertContains, assertNotContains

from documents.tests.plan_factories import make_field, make_measure, make_plan
from emscher_portal.core.confirmation import email_hash
from emscher_portal.core.permissions import REDAKTION_GROUP
from forums.tests.factories import make_event, make_workshop
from participation.models import Ballot, ModerationLogEntry, Topic
from participation.tests.factories import make_round, round_move_to

pytestmark = pytest.mark.django_db


def _link(message):
    match = re.search(r"https?://[^/\s]+(/bestaetigen/[^\s]+/)", message.get_content())
    assert match, message.get_content()
    return match.group(1)


class Inbox:
    """The mails the in-process SMTP server accepted, read one after the other."""

    def __init__(self, server):
        self.server = server
        self.read = 0

    def next(self):
        self.read += 1
        return self.server.wait_for(self.read)[self.read - 1]


@pytest.fixture
def redaktion(django_user_model):
    user = django_user_model.objects.create_user(username="ag", password="geheim-und-lang-genug", is_staff=True)
    user.groups.add(Group.objects.get(name=REDAKTION_GROUP))
    browser = Client()
    browser.force_login(user)
    return browser


def _propose(reader, round_, inbox, *, title, email, name=""):
    response = reader.post(
        f"/themen/{round_.slug}/vorschlagen/",
        {
            "title": title,
            "description": f"Warum „{title}“ wichtig ist.",
            "email": email,
            "public_name": name,
            "name_consent": "on" if name else "",
            "website": "",
        },
    )
    assert response.status_code == 302, response.content.decode()
    mail = inbox.next()
    assert mail["To"] == email
    link = _link(mail)
    assertContains(reader.get(link), "Themenvorschlag bestätigen")
    assertContains(reader.post(link, {"action": "confirm"}), "ist eingereicht")
    return Topic.objects.get(title=title)


def _weigh(voter, round_, inbox, *, email, points):
    page = voter.get(f"/themen/{round_.slug}/gewichten/")
    seed = page.context["form"]["seed"].value()
    data = {"email": email, "seed": seed, "website": ""}
    data.update({f"thema-{topic.pk}": value for topic, value in points.items()})
    response = voter.post(f"/themen/{round_.slug}/gewichten/", data)
    assert response.status_code == 302, response.content.decode()
    link = _link(inbox.next())
    assertContains(voter.get(link), "Gewichtung bestätigen")
    return voter.post(link, {"action": "confirm"})


def test_a_topic_from_proposal_to_what_came_of_it(client, smtp_server, redaktion):  # noqa: PLR0915 -- one walk
    inbox = Inbox(smtp_server)
    forum = make_event(title="10. Experten-Forum", slug="experten-forum-2025")
    round_ = make_round("proposing", event=forum, slug="forum-2025")
    reader = Client()

    # Propose: three readers, one of them named with consent.
    hitze = _propose(reader, round_, inbox, title="Hitzeaktionspläne", email="ina@example.org", name="Ina Muster")
    schwamm = _propose(reader, round_, inbox, title="Schwammstadt im Bestand", email="ole@example.org")
    regen = _propose(reader, round_, inbox, title="Regenwasser im Bestand", email="pia@example.org")

    assert hitze.moderation == Topic.Moderation.SUBMITTED
    assert hitze.contact_email == "ina@example.org"
    assertNotContains(client.get(round_.get_absolute_url()), "Hitzeaktionspläne")

    # Moderate: the working group approves in the admin; each proposer is told.
    response = redaktion.post(
        "/admin/participation/topic/",
        {"action": "approve_selected", "_selected_action": [hitze.pk, schwamm.pk, regen.pk]},
    )
    assert response.status_code == 302
    approved = [inbox.next() for _ in range(3)]

    assert sorted(mail["To"] for mail in approved) == ["ina@example.org", "ole@example.org", "pia@example.org"]
    assert all(mail["Subject"] == "[Emscher-Portal] Ihr Thema ist freigegeben" for mail in approved)
    page = client.get(round_.get_absolute_url())
    assertContains(page, "Hitzeaktionspläne")
    assertContains(page, "Schwammstadt im Bestand")
    assertNotContains(page, "ina@example.org")
    assertContains(client.get(hitze.get_absolute_url()), "Vorgeschlagen von Ina Muster")

    # Weigh: errors in German, then two voters, one of whom changes the ballot.
    round_move_to(round_, "weighing")
    voter = Client()
    url = f"/themen/{round_.slug}/gewichten/"
    seed = voter.get(url).context["form"]["seed"].value()
    too_many = voter.post(
        url,
        {"email": "v1@example.org", "seed": seed, f"thema-{hitze.pk}": 3, f"thema-{schwamm.pk}": 3,
         f"thema-{regen.pk}": 3, "website": ""},
    )  # fmt: skip
    round_.points_budget = 8
    round_.save()
    over_budget = voter.post(
        url,
        {"email": "v1@example.org", "seed": seed, f"thema-{hitze.pk}": 3, f"thema-{schwamm.pk}": 3,
         f"thema-{regen.pk}": 3, "website": ""},
    )  # fmt: skip
    negative = voter.post(url, {"email": "v1@example.org", "seed": seed, f"thema-{hitze.pk}": -1})
    unknown = voter.post(url, {"email": "v1@example.org", "seed": seed, "thema-999999": 2})

    assert too_many.status_code == 302  # 9 of 10 points: fine (its mail is left unconfirmed)
    inbox.next()
    assert over_budget.status_code == 400
    assertContains(over_budget, "Sie haben 9 Punkte verteilt, es sind aber nur 8 möglich.", status_code=400)
    assertContains(negative, "Punkte können nicht negativ sein.", status_code=400)
    assertContains(unknown, "Ein Thema gehört nicht zu dieser Runde.", status_code=400)

    first = _weigh(voter, round_, inbox, email="v1@example.org", points={hitze: 3, schwamm: 1})
    changed = _weigh(voter, round_, inbox, email="V1@example.org", points={hitze: 2, regen: 3})
    _weigh(Client(), round_, inbox, email="v2@example.org", points={regen: 3, schwamm: 3})

    assertContains(first, "Ihre Gewichtung ist gespeichert.")
    assertContains(changed, "Ihre neue Gewichtung ersetzt die frühere.")
    assert Ballot.objects.filter(round=round_).count() == 2
    assert set(Ballot.objects.values_list("voter_hash", flat=True)) == {
        email_hash("v1@example.org"),
        email_hash("v2@example.org"),
    }
    during = client.get(round_.get_absolute_url())
    assertContains(during, "Das Ergebnis zeigen wir, sobald das Gewichten beendet ist.")
    assertNotContains(during, "Ergebnis des Gewichtens")

    # Close the weighing: the results are public.
    round_move_to(round_, "evaluating")
    results = client.get(round_.get_absolute_url())

    assertContains(results, "<caption>Ergebnis des Gewichtens</caption>", html=True)
    assert [(row.topic.title, row.points, row.supporter_count) for row in results.context["results"]] == [
        ("Regenwasser im Bestand", 6, 2),
        ("Schwammstadt im Bestand", 3, 1),
        ("Hitzeaktionspläne", 2, 1),
    ]
    assertContains(results, 'class="results-chart__value"')

    # Merge: „Schwammstadt“ into „Regenwasser“; points add up, each voter counted once.
    response = redaktion.post(
        "/admin/participation/topic/",
        {"action": "merge_selected", "_selected_action": [schwamm.pk], "apply": "yes", "into": regen.pk,
         "reason": "Beide Vorschläge meinen den Umbau bestehender Quartiere."},
    )  # fmt: skip
    assert response.status_code == 302
    merged_mail = inbox.next()
    merged = client.get(round_.get_absolute_url())

    assert merged_mail["To"] == "ole@example.org"
    assert "Beide Vorschläge meinen den Umbau" in merged_mail.get_content()
    assert [(row.topic.title, row.points, row.supporter_count) for row in merged.context["results"]] == [
        ("Regenwasser im Bestand", 9, 2),
        ("Hitzeaktionspläne", 2, 1),
    ]
    assertContains(client.get(Topic.objects.get(pk=schwamm.pk).get_absolute_url()), "Zusammengeführt in")
    assert Topic.objects.get(pk=schwamm.pk).contact_email == ""

    # Decide with a public reason, linked to the workshop and the measure it became.
    workshop = make_workshop(forum, title="Quartiere klimafest umbauen")
    measure = make_measure(make_field(make_plan()), title="Regenwasser im Bestand bewirtschaften")
    response = redaktion.post(
        f"/admin/participation/topic/{regen.pk}/change/",
        {
            "round": round_.pk,
            "title": regen.title,
            "slug": regen.slug,
            "description": regen.description,
            "public_name": "",
            "decision": Topic.Decision.PROGRAMME,
            "decision_reason": "Die meisten Punkte; passt zum Schwerpunkt des Forums.",
            "workshops": [workshop.pk],
            "measures": [measure.pk],
        },
    )
    assert response.status_code == 302, response.content.decode()
    decided_mail = inbox.next()

    assert decided_mail["To"] == "pia@example.org"
    assert "ins Programm aufgenommen" in decided_mail.get_content()
    assert Topic.objects.get(pk=regen.pk).contact_email == ""

    # „Was wurde daraus?“ shows every step; the forum's page links back.
    round_move_to(round_, "closed")
    page = client.get(regen.get_absolute_url())

    assertContains(page, "Was wurde daraus?")
    assertContains(page, "9 Punkte von 2 Unterstützenden, Rang 1")
    assertContains(page, "ins Programm aufgenommen")
    assertContains(page, "Die meisten Punkte; passt zum Schwerpunkt des Forums.")
    assertContains(page, "Quartiere klimafest umbauen")
    assertContains(page, "Regenwasser im Bestand bewirtschaften")
    assertContains(page, "Schwammstadt im Bestand")
    assertContains(client.get(forum.get_absolute_url()), regen.get_absolute_url())
    assertContains(client.get(measure.get_absolute_url()), regen.get_absolute_url())
    log = client.get(f"/themen/{round_.slug}/protokoll/")
    assert [entry.action for entry in log.context["entries"]] == [
        ModerationLogEntry.Action.DECIDED,
        ModerationLogEntry.Action.MERGED,
        ModerationLogEntry.Action.APPROVED,
        ModerationLogEntry.Action.APPROVED,
        ModerationLogEntry.Action.APPROVED,
    ]
    assertNotContains(log, "example.org")
