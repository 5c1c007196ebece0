import io

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command

from networks.models import Discipline, Municipality, Network

pytestmark = pytest.mark.django_db


def _snapshot():
    rows = []
    for model in (Municipality, Discipline, Network):
        rows.extend(
            model.objects.order_by("pk").values_list(
                *[f.attname for f in model._meta.concrete_fields if f.attname != "updated_at"]
            )
        )
    return rows


def test_load_demo_content_is_idempotent(demo):
    first = _snapshot()

    call_command("load_demo_content", stdout=io.StringIO())

    assert _snapshot() == first
    assert Municipality.objects.count() == 17
    assert Network.objects.published().count() == 4


def test_load_demo_content_if_empty_leaves_existing_content_alone():
    Municipality.objects.create(name="Bochum", slug="bochum")
    out = io.StringIO()

    call_command("load_demo_content", "--if-empty", stdout=out)

    assert list(Municipality.objects.values_list("name", flat=True)) == ["Bochum"]
    assert "nichts geladen" in out.getvalue()


def test_demo_networks_mark_their_invented_purpose_as_example_text(demo):
    assert all("Beispieltext" in purpose for purpose in Network.objects.values_list("purpose", flat=True))


def test_create_demo_admin_prints_a_random_password_once():
    first, second = io.StringIO(), io.StringIO()

    call_command("create_demo_admin", stdout=first)
    call_command("create_demo_admin", stdout=second)

    password = first.getvalue().split("Passwort „")[1].split("“")[0]
    assert len(password) >= 12
    assert get_user_model().objects.get(username="admin").check_password(password)
    assert second.getvalue() == ""
