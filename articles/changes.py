"""What a change of an articles model affects (read by the change map, `emscher_portal.core.changes`).

Articles declares both sides of its links to the apps below: an article's page and PDF name its related events,
networks, measures and documents, its printed issue and its author, so their changes affect it. The event, network
and measure pages that list an article's title are pages only (their PDFs and search entries do not show it), and
the page cache follows every committed change anyway: an article affects no object but itself.
"""

from articles.models import Article, ArticleImage, Rubric
from documents.models import Document, Measure
from emscher_portal.core.changes import affects, content
from forums.models import Event
from networks.models import Member, Network

content(Article)


@affects(ArticleImage)
def image_affects(image):
    # The cover, the figures and the photo credits of the page and the PDF.
    yield image.article


@affects(Rubric)
def rubric_affects(rubric):
    # Pages, PDFs, search entries and feed entries of its articles name the rubric.
    yield from rubric.articles.all()


@affects(Event, Network, Measure)
def related_affects(related):
    # An article's page and PDF link to the published events, networks and measures it is about.
    yield from related.articles.all()


@affects(Document)
def document_affects(document):
    # Related documents are listed; the printed issue is linked at the article's page and named in its JSON-LD.
    yield from document.articles.all()
    yield from document.printed_articles.all()


@affects(Member)
def author_affects(member):
    # The author line shows a member's name only with their consent: a change of name or consent changes it.
    yield from member.articles.all()
