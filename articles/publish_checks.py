"""What must be right before an article is published (see `emscher_portal.core.publish_checks`)."""

from django.utils.translation import gettext as _

from articles.models import Article
from emscher_portal.core.markup import BoxKind, text_blocks
from emscher_portal.core.parsing import whole_number
from emscher_portal.core.publish_checks import alt_text_findings, error, markdown_findings, publish_check, warning


@publish_check(Article)
def article_checks(article):
    yield from markdown_findings(article.body, label=_("Text"))
    pictures = list(article.images.order_by("position", "pk")) if article.pk else []
    for number, picture in enumerate(pictures, start=1):
        yield from alt_text_findings(picture.alt_text, label=_("Bild %(number)d") % {"number": number})
    for block in text_blocks(article.body):
        if getattr(block, "kind", None) != BoxKind.FIGURE:
            continue
        number = whole_number(block.argument.split(" ", 1)[0])
        if number is None or not 1 <= number <= len(pictures):
            yield error(
                _("Text: „::: abbildung %(number)s“ nennt kein Bild; der Artikel hat %(count)d Bild(er).")
                % {"number": block.argument or "…", "count": len(pictures)}
            )
    if article.author_member_id and not article.author_member.has_consented:
        yield warning(
            _("Die Autorin oder der Autor „%(name)s“ hat der Nennung nicht zugestimmt: dort steht „%(shown)s“.")
            % {"name": article.author_member.name, "shown": article.author_display}
        )
