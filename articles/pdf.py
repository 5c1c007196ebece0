"""An article as a PDF („PDF anzeigen“), through the shared pipeline (`emscher_portal.core.pdf`)."""

from articles.exports import article_citation
from articles.models import Article
from articles.selectors import article_get_queryset_for_detail, article_printed_issue
from emscher_portal.core.markup import BoxKind
from emscher_portal.core.parsing import whole_number
from emscher_portal.core.pdf.views import ObjectPdfView, pdf_view


@pdf_view
class ArticlePdfView(ObjectPdfView):
    """/aktuelles/<slug>/pdf/: title, author and date, a table of contents with page numbers, the text with its
    boxes and figures laid out for print (960 px renditions), a citation line and the imprint page."""

    model = Article
    template_name = "articles/print/article.html"

    def get_queryset(self):
        return article_get_queryset_for_detail(user=self.viewer)

    def get_pdf_context(self, article):
        context = super().get_pdf_context(article)
        # Pictures without a print-size copy yet are left out (the figures too, in long_text_render).
        cover = article.cover if article.cover and article.cover.has_renditions else None
        figures = [article.figures[number] for number in self._figure_numbers(article) if number in article.figures]
        shown = ([cover] if cover else []) + [picture for picture in figures if picture.has_renditions]
        issue, issue_url = article_printed_issue(article)
        return {
            **context,
            "article": article,
            "rendered": article.rendered(for_print=True),
            "cover": cover,
            "cover_print": cover.rendition(960) if cover else None,
            "citation": article_citation(article, url=context["page_url"]),
            "issue": issue,
            "issue_url": context["site_url"] + issue_url if issue else "",
            "photo_credits": sorted({picture.credit for picture in shown if picture.credit}) if shown else None,
        }

    @staticmethod
    def _figure_numbers(article):
        numbers = []
        for box in article.rendered(for_print=True).boxes:
            first = whole_number(box.argument.split(" ", 1)[0]) if box.kind == BoxKind.FIGURE else None
            if first is not None:
                numbers.append(first)
        return numbers

    def get_filename(self, article):
        return f"{article.title}.pdf"
