"""The public page types the browser tests visit, with their URLs taken from the demo content."""

from articles.models import Article
from documents.models import Document, Measure
from forums.models import Event
from networks.models import Network
from participation.models import Round, Topic
from participation.tests.factories import make_round, make_topic

WEIGHING_TOPICS = [
    "Regenwasser im Bestand: Entsiegelung von Schulhöfen und Plätzen",
    "Hitzevorsorge in dicht bebauten Quartieren",
    "Gründächer auf kommunalen Gebäuden",
    "Starkregengefahrenkarten im Alltag der Bauaufsicht",
]


def weighing_round_prepare():
    """A published round in its weighing phase with four approved topics, made by the test: the demo has none (its
    rounds are closed or taking proposals), and the demo's facts stay as they are."""
    round_ = make_round("weighing", title="Themen gewichten (Browsertest)", slug="browsertest-gewichten")
    for number, title in enumerate(WEIGHING_TOPICS):
        make_topic(round_, title=title, slug=f"browsertest-{number}")
    return round_


def page_type_urls():
    """{page type: path}. Queried before the browser opens a page, from the restored demo content, plus a round in
    its weighing phase that the test adds (`weighing_round_prepare`)."""
    forum = Event.objects.published().filter(kind=Event.Kind.EXPERT_FORUM).order_by("-start_date").first()
    event_with_photos = Event.objects.published().filter(photos__isnull=False).distinct().first() or forum
    measure = Measure.objects.published().order_by("pk").first()
    document = Document.objects.published().order_by("-year", "pk").first()
    network = Network.objects.published().order_by("position", "pk").first()
    article = Article.objects.published().order_by("-date", "pk").first()
    closed_round = next(round_ for round_ in Round.objects.published() if round_.is_closed)
    open_round = next(round_ for round_ in Round.objects.published() if round_.accepts_proposals)
    topic = Topic.objects.filter(round=closed_round).weighable().exclude(decision="").order_by("pk").first()
    weighing_round = weighing_round_prepare()
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
        "themen": "/themen/",
        "themen-round-results": closed_round.get_absolute_url(),
        "themen-topic": topic.get_absolute_url(),
        "themen-ledger": "/themen/was-wurde-daraus/",
        "themen-log": f"{closed_round.get_absolute_url()}protokoll/",
        "themen-propose": f"{open_round.get_absolute_url()}vorschlagen/",
        "themen-ballot": f"{weighing_round.get_absolute_url()}gewichten/",
        "themen-ballot-errors": f"{weighing_round.get_absolute_url()}gewichten/",
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
    "themen",
    "themen-round-results",
    "themen-topic",
    "themen-ledger",
    "themen-log",
    "themen-propose",
    "themen-ballot",
    "themen-ballot-errors",
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
