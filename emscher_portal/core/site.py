"""Who runs the portal: the names written on pages, feeds, calendars, PDFs and as the issuer of documents, and the
operator's details the law asks for (one `SiteOperator` row, edited in the admin)."""

from emscher_portal.core.models import PartnerLogo, SiteOperator

# The initiative's full name (page titles, footer, the issuer of documents, the organiser in calendars).
ORGANISATION_NAME = "Zukunftsinitiative „Wasser in der Stadt von morgen“"
# The portal's short name (calendar names, compact headers).
SITE_SHORT_NAME = "Emscher-Portal"


def site_operator():
    """The operator's details: the one stored row, or an empty unsaved one before it exists. One query."""
    return SiteOperator.objects.filter(pk=SiteOperator.SINGLE_ROW).first() or SiteOperator()


def site_operator_missing(operator=None):
    """(field name, German label) of every required operator detail that is still empty — what the Impressum lacks.

    The deploy check (`manage.py check --deploy`) warns with it; a publish check of the Impressum can use it too.
    Reads the stored row unless `operator` is given.
    """
    return (operator or site_operator()).missing


def partner_logos():
    """The partners' logos the Redaktion uploaded and shows on PDF covers, in their order. One query."""
    return list(PartnerLogo.objects.filter(is_shown=True).order_by("position", "name"))
