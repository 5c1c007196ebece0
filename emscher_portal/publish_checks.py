"""What must be right before a legal or text page is published (see `emscher_portal.core.publish_checks`)."""

from django.utils.translation import gettext as _

from emscher_portal.core.publish_checks import markdown_findings, placeholder_findings, publish_check
from emscher_portal.models import LegalPage


@publish_check(LegalPage)
def legal_page_checks(page):
    yield from placeholder_findings(page.body, label=_("Der Text"))
    yield from placeholder_findings(page.summary, label=_("Die Kurzbeschreibung"))
    yield from markdown_findings(page.body, label=_("Text"))
