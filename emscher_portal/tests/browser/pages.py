"""The public page types the browser tests visit, with their URLs taken from the demo content."""

from articles.models import Article
from documents.models import Document, Measure
from forums.models import Event
from networks.models import Network


def page_type_urls():
    """{page type: path}. Queried before the browser opens a page, from the restored demo content."""
    forum = Event.objects.published().filter(kind=Event.Kind.EXPERT_FORUM).order_by("-start_date").first()
    event_with_photos = Event.objects.published().filter(photos__isnull=False).distinct().first() or forum
    measure = Measure.objects.published().order_by("pk").first()
    document = Document.objects.published().order_by("-year", "pk").first()
    network = Network.objects.published().order_by("position", "pk").first()
    article = Article.objects.published().order_by("-date", "pk").first()
    return {
        "home": "/",
        "archive-filtered": f"/foren/?art=experten-forum&jahr={forum.start_date.year}",
        "event": event_with_photos.get_absolute_url(),
        "network-list": "/netzwerke/",
        "network-detail": network.get_absolute_url(),
        "plan-filtered": f"/massnahmenplan/?status={measure.implementation_status}",
        "measure": measure.get_absolute_url(),
        "document-list": "/dokumente/",
        "document-detail": document.get_absolute_url(),
        "article-list": "/aktuelles/",
        "article": article.get_absolute_url(),
        "search-results": "/suche/?q=Emscher",
        "search-empty": "/suche/?q=Xylophonzauberwort",
        "impressum": "/impressum/",
        "datenschutz": "/datenschutz/",
        "barrierefreiheit": "/barrierefreiheit/",
        "leichte-sprache": "/leichte-sprache/",
        "gebaerdensprache": "/gebaerdensprache/",
        "kontakt": "/kontakt/",
        "404": "/gibt-es-nicht/",
    }


PAGE_TYPES = [
    "home",
    "archive-filtered",
    "event",
    "network-list",
    "network-detail",
    "plan-filtered",
    "measure",
    "document-list",
    "document-detail",
    "article-list",
    "article",
    "search-results",
    "search-empty",
    "impressum",
    "datenschutz",
    "barrierefreiheit",
    "leichte-sprache",
    "gebaerdensprache",
    "kontakt",
    "404",
]


def watch_for_problems(page):
    """A list that fills with the CSP violations the page reports on its console and its uncaught script errors."""
    problems = []
    page.on(
        "console",
        lambda message: problems.append(message.text) if "Content Security Policy" in message.text else None,
    )
    page.on("pageerror", lambda error: problems.append(str(error)))
    return problems
