"""Editors write Markdown; readers get sanitised HTML. No raw HTML from editors ever reaches a page."""

import re
import threading
from functools import lru_cache

import markdown
import nh3

ALLOWED_TAGS = {
    "p", "br", "strong", "em", "ul", "ol", "li", "a", "h2", "h3", "h4", "h5", "h6", "blockquote", "code", "pre", "hr",
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


_HEADING_TAG = re.compile(r"<(/?)h([1-6])>")


@lru_cache(maxsize=512)
def markdown_to_html(text, top_level=2):
    """Render editor Markdown to safe HTML: raw HTML is escaped, links limited to http(s)/mailto/relative.

    Headings start at h2 (`top_level`) because the page's own title is the h1; text that stands below a section's
    own heading starts lower (`top_level=3` below an h2), so its headings nest in the outline and in a PDF's
    bookmarks. The result depends on the arguments alone, so the last few hundred texts are remembered: an event
    page re-rendered after an unrelated edit converts nothing.
    """
    if not text:
        return ""
    # Escape raw HTML before Markdown sees it, so that editors' tags appear as text, not as markup.
    escaped = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    html = _converter().convert(escaped)
    # „#“ and „##“ are both the text's top level; deeper levels follow, h6 at most.
    html = _HEADING_TAG.sub(
        lambda m: f"<{m.group(1)}h{min(6, max(int(m.group(2)), 2) - 2 + top_level)}>",
        html,
    )
    return nh3.clean(
        html,
        tags=ALLOWED_TAGS,
        attributes=ALLOWED_ATTRIBUTES,
        url_schemes={"http", "https", "mailto"},
        link_rel="noopener noreferrer",
    )
