import pytest

from emscher_portal.core.models import OldSlug
from emscher_portal.core.slugs import slug_change_record, slug_unique_for
from networks.models import Network

pytestmark = pytest.mark.django_db


def test_slug_unique_for_transliterates_umlauts():
    assert slug_unique_for(Network, "Kühlung von Innenstädten") == "kuehlung-von-innenstaedten"


def test_slug_unique_for_avoids_taken_and_former_slugs():
    network = Network.objects.create(name="Wirtschaftlichkeit", slug="wirtschaftlichkeit")
    network.slug = "wirtschaft"
    network.save()
    slug_change_record(instance=network, old_slug="wirtschaftlichkeit")
    Network.objects.create(name="Wirtschaftlichkeit II", slug="wirtschaftlichkeit-2")

    assert slug_unique_for(Network, "Wirtschaftlichkeit") == "wirtschaftlichkeit-3"


def test_slug_change_record_forgets_a_slug_that_becomes_live_again():
    network = Network.objects.create(name="Netz", slug="neu")
    slug_change_record(instance=network, old_slug="alt")
    network.slug = "alt"
    network.save()

    slug_change_record(instance=network, old_slug="neu")

    assert list(OldSlug.objects.values_list("slug", flat=True)) == ["neu"]
