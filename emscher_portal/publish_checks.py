"""What must be right before a legal or text page is published (see `emscher_portal.core.publish_checks`)."""

from django.utils.translation import gettext as _

from emscher_portal.core.publish_checks import error, markdown_findings, placeholder_findings, publish_check
from emscher_portal.core.site import site_operator_missing
from emscher_portal.models import LegalPage


@publish_check(LegalPage)
def legal_page_checks(page):
    yield from placeholder_findings(page.body, label=_("Der Text"))
    yield from placeholder_findings(page.summary, label=_("Die Kurzbeschreibung"))
    yield from markdown_findings(page.body, label=_("Text"))
    if page.kind == LegalPage.Kind.IMPRINT:
        # The Impressum shows the operator's details (admin → Betreiberangaben); the law asks for all of them.
        for _name, label in site_operator_missing():
            yield error(_("Im Impressum fehlt eine Pflichtangabe der Betreiberangaben: %(label)s.") % {"label": label})
