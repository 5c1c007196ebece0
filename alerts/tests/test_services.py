"""The alerts' services: what a digest holds, that it goes out once, the purge of unconfirmed requests, the limit
of subscriptions per address."""

from datetime import timedelta

import pytest
from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils import timezone
from pytest_django.asserts import assertContains

from alerts.digests import digest_send, publications_record
from alerts.models import Publication, Subscription
from alerts.services import SUBSCRIPTION_PURPOSE, subscription_confirm, subscription_request, topic_resolve
from documents.tests.library_factories import make_document
from emscher_portal.core.confirmation import confirmation_purge
from emscher_portal.core.models import Confirmation, Status
from emscher_portal.core.worker.periodic import periodic_jobs
from networks.tests.factories import make_network

pytestmark = pytest.mark.django_db


def _subscribe(value, email="eva@example.org", frequency="daily"):
    subscription, _created = subscription_confirm(
        payload={**topic_resolve(value), "frequency": frequency, "topic": str(topic_resolve(value)["topic"])},
        email=email,
    )
    return subscription


def _due(subscription):
    Subscription.objects.filter(pk=subscription.pk).update(next_digest_at=timezone.now() - timedelta(minutes=1))


def test_a_digest_goes_out_once_even_if_its_task_runs_twice(mailoutbox):
    subscription = _subscribe("dokumente")
    make_document(title="Neu im Archiv")
    _due(subscription)
    until = timezone.now()
    publications_record(now=until)

    first = digest_send(subscription_id=subscription.pk, until=until)
    again = digest_send(subscription_id=subscription.pk, until=until)

    assert (first, again) == (True, False)
    assert len(mailoutbox) == 1
    subscription.refresh_from_db()
    assert subscription.covered_until == until
    assert subscription.last_sent_at is not None


def test_withdrawn_content_and_withdrawn_networks_are_left_out(mailoutbox):
    network = make_network(name="Netzwerk Boden")
    documents = _subscribe("dokumente")
    of_network = _subscribe(f"netzwerk:{network.slug}")
    withdrawn = make_document(title="Zurückgezogen", networks=[network])
    make_document(title="Bleibt", networks=[network])
    publications_record()
    withdrawn.status = Status.DRAFT
    withdrawn.save()
    network.status = Status.DRAFT
    network.save()
    _due(documents)
    _due(of_network)

    digest_send(subscription_id=documents.pk, until=timezone.now())
    digest_send(subscription_id=of_network.pk, until=timezone.now())

    assert len(mailoutbox) == 1
    assert "Bleibt" in mailoutbox[0].body
    assert "Zurückgezogen" not in mailoutbox[0].body


def test_a_document_published_long_after_its_upload_counts_from_its_publication(mailoutbox):
    draft = make_document(title="Lange ein Entwurf", status=Status.DRAFT)
    subscription = _subscribe("dokumente")
    draft.status = Status.PUBLISHED
    draft.save()
    _due(subscription)
    until = timezone.now()
    publications_record(now=until)

    digest_send(subscription_id=subscription.pk, until=until)

    assert "Lange ein Entwurf" in mailoutbox[0].body
    assert Publication.objects.get(object_id=draft.pk, kind="document").seen_at == until


def test_confirming_the_same_topic_again_changes_only_the_frequency():
    _subscribe("foren", frequency="daily")
    _subscribe("foren", email="EVA@example.org", frequency="weekly")

    assert list(Subscription.objects.values_list("frequency", flat=True)) == ["weekly"]


def test_subscriptions_per_address_are_limited_when_the_owner_confirms(settings):
    # The request itself answers as always: a stranger must not learn how many alerts an address has.
    settings.ALERTS_MAX_PER_ADDRESS = 1
    _subscribe("foren")

    subscription_request(topic=topic_resolve("dokumente"), email="eva@example.org", frequency="daily")
    with pytest.raises(ValidationError, match="schon zu viele Benachrichtigungen"):
        _subscribe("dokumente")
    assert Subscription.objects.count() == 1


def test_an_unconfirmed_request_is_purged_with_its_address():
    subscription_request(topic=topic_resolve("dokumente"), email="eva@example.org", frequency="daily")
    later = timezone.now() + timedelta(
        hours=settings.CONFIRMATION_VALID_HOURS, days=settings.CONFIRMATION_KEEP_DAYS + 1
    )

    deleted = confirmation_purge(now=later)

    assert deleted == 1
    assert Confirmation.objects.filter(purpose=SUBSCRIPTION_PURPOSE).count() == 0
    assert Subscription.objects.count() == 0


def test_the_privacy_page_explains_alerts(client):
    page = client.get("/datenschutz/")

    assertContains(page, '<h2 id="benachrichtigungen">Benachrichtigungen per E-Mail</h2>', html=True)
    assertContains(page, "Mit dem Abbestellen löschen wir die Benachrichtigung")


def test_the_digest_job_is_registered_with_the_task_worker():
    jobs = {job.name: job.every for job in periodic_jobs()}

    assert jobs["alerts.periodic.alert_digests_send"] == timedelta(minutes=15)


def test_a_saved_search_with_a_long_query_that_grows_in_lower_case_can_be_confirmed():
    subscription = _subscribe_search("İ" * 200 + " Regen" * 40)

    assert subscription.topic == Subscription.Topic.SEARCH
    assert len(subscription.topic_key) <= 300


def _subscribe_search(q):
    topic = topic_resolve("suche", q=q)
    subscription, _created = subscription_confirm(
        payload={**topic, "frequency": "daily", "topic": str(topic["topic"]), "label": str(topic["label"])},
        email="eva@example.org",
    )
    return subscription
