"""Editors write Markdown; readers get sanitised HTML. No raw HTML from editors ever reaches a page."""

import threading
from functools import lru_cache

import markdown
import nh3

ALLOWED_TAGS = {
    "p", "br", "strong", "em", "ul", "ol", "li", "a", "h2", "h3", "h4", "blockquote", "code", "pre", "hr",
    "table", "thead", "tbody", "tr", "th", "td",
}  # fmt: skip
ALLOWED_ATTRIBUTES = {"a": {"href", "title"}, "th": {"scope"}, "td": set()}


_converters = threading.local()


def _converter():
    # Building a Markdown instance loads its extensions, which costs more than converting a page of text: keep one
    # per thread and reset it between documents.
    converter = getattr(_converters, "markdown", None)
    if converter is None:
        converter = _converters.markdown = markdown.Markdown(extensions=["tables", "sane_lists"], output_format="html")
    return converter.reset()


@lru_cache(maxsize=512)
def markdown_to_html(text):
    """Render editor Markdown to safe HTML: raw HTML is escaped, links limited to http(s)/mailto/relative.

    Headings start at h2 because the page's own title is the h1. The result depends on the text alone, so the
    last few hundred texts are remembered: an event page re-rendered after an unrelated edit converts nothing.
    """
    if not text:
        return ""
    # Escape raw HTML before Markdown sees it, so that editors' tags appear as text, not as markup.
    escaped = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    html = _converter().convert(escaped)
    html = html.replace("<h1>", "<h2>").replace("</h1>", "</h2>")
    return nh3.clean(
        html,
        tags=ALLOWED_TAGS,
        attributes=ALLOWED_ATTRIBUTES,
        url_schemes={"http", "https", "mailto"},
        link_rel="noopener noreferrer",
    )
