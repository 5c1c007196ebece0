"""What the top app contributes to the site search: the text pages (Impressum, Datenschutz, Barrierefreiheit,
Leichte Sprache) and the home page's text about the initiative."""

import html
import re

from django.conf import settings
from django.template.loader import render_to_string
from django.utils import translation
from django.utils.html import strip_tags
from django.utils.translation import gettext_lazy as _

from emscher_portal.core.models import SiteOperator
from emscher_portal.core.search.registry import Adapter, Kind, Unit, plain, register
from emscher_portal.models import LegalPage

PAGE_KIND = Kind("seite", _("Seiten"))


@register
class LegalPageAdapter(Adapter):
    """A text page is found while it is published (a draft's address shows the „wird erstellt“ note)."""

    model = LegalPage
    kind = PAGE_KIND

    def queryset(self):
        return LegalPage.objects.published()

    def units(self, page):
        yield Unit(
            title=page.title,
            url=page.get_absolute_url(),
            summary=page.summary or page.get_kind_display(),
            body=plain(page.body),
        )


def home_text():
    """The words of the home page about the initiative, read from its own template (rendered without the lists of
    events, documents and networks, which are found as themselves), so the index and the page never disagree."""
    with translation.override(settings.LANGUAGE_CODE):
        rendered = render_to_string("emscher_portal/home.html", {})
    main = re.search(r"<main\b[^>]*>(.*?)</main>", rendered, flags=re.DOTALL)
    return html.unescape(strip_tags(main.group(1) if main else ""))


@register
class HomePageAdapter(Adapter):
    """The home page, indexed through the one row of the site's identity (`SiteOperator`): it exists once the
    Redaktion has filled in the operator's details, and a change of them indexes the page again. Its fixed text
    changes only with a release, after which `rebuild_search_index` runs."""

    model = SiteOperator
    kind = PAGE_KIND

    def queryset(self):
        return SiteOperator.objects.filter(pk=SiteOperator.SINGLE_ROW)

    def units(self, operator):
        with translation.override(settings.LANGUAGE_CODE):
            title = str(_("Startseite: Wasser in der Stadt von morgen"))
        yield Unit(title=title, url="/", body=home_text())
