"""Test data for the portal's own records."""

from emscher_portal.core.models import SiteOperator

# Every detail the Impressum needs, invented: the Impressum can be published with these.
FILLED_OPERATOR = {
    "publisher": "Zukunftsinitiative „Wasser in der Stadt von morgen“",
    "legal_entity": "Beispiel-Körperschaft des öffentlichen Rechts",
    "represented_by": "Erika Beispiel, Vorstand",
    "address": "Beispielstraße 1\n45000 Beispielstadt",
    "email": "redaktion@example.org",
    "phone": "0201 000000",
    "content_responsible": "Max Beispiel",
    "licence": "CC BY 4.0",
}


def fill_site_operator(**fields):
    """The one operator record with every detail filled in, `fields` overriding single ones."""
    return SiteOperator.objects.update_or_create(pk=SiteOperator.SINGLE_ROW, defaults=FILLED_OPERATOR | fields)[0]
