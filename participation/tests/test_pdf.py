"""The forum's programme PDF names the address of its round of topics, so people in the room can bring theirs in."""

import pytest

from emscher_portal.tests.pdfs import read_pdf
from forums.tests.factories import make_event, make_programme_item
from participation.tests.factories import make_round

pytestmark = pytest.mark.django_db


def test_the_programme_in_the_forum_pdf_prints_the_rounds_address(client, settings):
    settings.SITE_URL = "https://portal.example"
    event = make_event(title="10. Experten-Forum", slug="experten-forum-2025")
    make_programme_item(event, title="Begrüßung")
    make_round("proposing", event=event, slug="forum-2025")

    _reader, text = read_pdf(client.get(f"/foren/{event.slug}/dokumentation.pdf"))

    assert "https://portal.example/themen/forum-2025/" in "".join(text.split())  # the line may break in it
