"""Editors write Markdown; readers get sanitised HTML. No raw HTML from editors ever reaches a page."""

import html as html_module
import math
import re
import threading
from dataclasses import dataclass
from functools import lru_cache

import markdown
import nh3
from django.utils.html import escape, format_html, strip_tags
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _

from emscher_portal.core.parsing import whole_number
from emscher_portal.core.text import german_slugify

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


# ---------------------------------------------------------------------------------------------------------------
# Long texts: boxes without HTML, headings with stable anchors, a table of contents and a word count
# ---------------------------------------------------------------------------------------------------------------

# German silent reading speed of adults for running text (Trauzettel-Klosinski et al. 2012, IReST: 179 words per
# minute for German, slower than English because German words are longer).
WORDS_PER_MINUTE = 179

_BOX_OPEN = re.compile(r"^:::[ \t]*([A-Za-zÄÖÜäöüß]+)[ \t]*(.*?)[ \t]*$")
_BOX_CLOSE = re.compile(r"^:::[ \t]*$")
_HEADING = re.compile(r"<h([234])>(.*?)</h\1>", re.DOTALL)


class BoxKind:
    KNOWLEDGE = "wissenswertes"
    QUOTE = "zitat"
    FIGURE = "abbildung"
    ALL = (KNOWLEDGE, QUOTE, FIGURE)


@dataclass(frozen=True)
class Heading:
    level: int
    text: str
    anchor: str


@dataclass(frozen=True)
class Box:
    kind: str
    argument: str
    text: str


@dataclass(frozen=True)
class RenderedText:
    """A long text rendered for a page or a print: `html` (safe), its H2/H3 `headings` with their anchors, the
    `toc` (H2 entries with their H3 `children`), the number of `words` a reader reads and the `boxes` it contains."""

    html: str
    headings: tuple
    words: int
    boxes: tuple

    @property
    def toc(self):
        entries = []
        for heading in self.headings:
            if heading.level == 3 and entries:
                entries[-1]["children"].append(heading)
            else:
                entries.append({"heading": heading, "children": []})
        return entries

    @property
    def sections(self):
        return sum(1 for heading in self.headings if heading.level == 2)

    @property
    def reading_minutes(self):
        return max(1, math.ceil(self.words / WORDS_PER_MINUTE))


def text_blocks(text):
    """The text split into plain Markdown (`str`) and boxes (`Box`), in order.

    A box starts with a line `::: wissenswertes Titel`, `::: zitat Quelle` or `::: abbildung 2` and ends with a line
    `:::` (or at the end of the text). A line `::: something-else` is no box and stays text; boxes do not nest.
    """
    blocks, plain_lines, box, box_lines = [], [], None, []
    for line in (text or "").replace("\r\n", "\n").split("\n"):
        if box is None:
            match = _BOX_OPEN.match(line)
            if match and match[1].lower() in BoxKind.ALL:
                if plain_lines:
                    blocks.append("\n".join(plain_lines))
                plain_lines = []
                box, box_lines = (match[1].lower(), match[2]), []
            else:
                plain_lines.append(line)
        elif _BOX_CLOSE.match(line):
            blocks.append(Box(kind=box[0], argument=box[1], text="\n".join(box_lines).strip()))
            box = None
        else:
            box_lines.append(line)
    if box is not None:
        blocks.append(Box(kind=box[0], argument=box[1], text="\n".join(box_lines).strip()))
    if plain_lines:
        blocks.append("\n".join(plain_lines))
    return blocks


def heading_anchor(text, used):
    """A stable anchor for a heading: German transliteration („Übergänge und Maße“ → „uebergaenge-und-masse“), made
    unique against `used` (which it extends) by „-2“, „-3“ … It depends only on the heading's own text and on the
    earlier headings with the same text, so editing other text never moves it."""
    base = german_slugify(text) or "abschnitt"
    anchor, number = base, 2
    while anchor in used:
        anchor = f"{base}-{number}"
        number += 1
    used.add(anchor)
    return anchor


def _plain_text(fragment):
    return html_module.unescape(strip_tags(fragment)).strip()


_TAG = re.compile(r"<[^>]*>")


def html_words(fragment):
    """The words a reader sees in rendered HTML, one space between them (block boundaries separate words)."""
    return " ".join(html_module.unescape(_TAG.sub(" ", fragment)).split())


def _inner_html(text):
    """Markdown inside a box: headings there are no sections of the text, so they become bold lines."""
    return _HEADING.sub(r'<p class="box__heading"><strong>\2</strong></p>', markdown_to_html(text))


def _figure_html(box, figures, *, for_print):
    photo = figures.get(whole_number(box.argument.split(" ", 1)[0]))
    if photo is None:
        return ""  # the publish check names the missing picture; readers see nothing broken
    if for_print and not photo.has_renditions:
        return ""  # no print-size copy yet: better left out than the camera original
    caption = escape(box.text) if box.text else escape(photo.caption or "")
    credit = escape(_("Foto: %(credit)s") % {"credit": photo.credit}) if photo.credit else ""
    url, width, height = photo.rendition(960 if for_print else 1600)
    image = format_html(
        '<img src="{}" width="{}" height="{}" alt="{}"{}>',
        url,
        width,
        height,
        photo.alt_text,
        ""
        if for_print or not photo.has_renditions
        else format_html(' srcset="{}" sizes="(min-width: 48rem) 42rem, 100vw" loading="lazy"', photo.srcset),
    )
    caption_html = ""
    if caption or credit:
        credit_html = format_html(' <span class="figure__credit">{}</span>', credit) if credit else ""
        caption_html = format_html("<figcaption>{}{}</figcaption>", caption, credit_html)
    return format_html('<figure class="figure">{}{}</figure>', image, caption_html)


def _box_html(box, figures, *, for_print):
    if box.kind == BoxKind.FIGURE:
        return _figure_html(box, figures, for_print=for_print)
    if box.kind == BoxKind.QUOTE:
        source = format_html("<figcaption>– {}</figcaption>", box.argument) if box.argument else ""
        return format_html(
            '<figure class="box box--zitat"><blockquote>{}</blockquote>{}</figure>',
            mark_safe(_inner_html(box.text)),  # noqa: S308 -- sanitised by markdown_to_html
            source,
        )
    label = _("Wissenswertes")
    title = format_html('<p class="box__title">{}</p>', box.argument) if box.argument else ""
    return format_html(
        '<aside class="box box--wissenswertes" aria-label="{}"><p class="box__label">{}</p>{}{}</aside>',
        box.argument or label,
        label,
        title,
        mark_safe(_inner_html(box.text)),  # noqa: S308 -- sanitised by markdown_to_html
    )


def long_text_render(text, *, figures=None, reserved=(), for_print=False):
    """Render a long editor text (an article) to a `RenderedText`: Markdown as `markdown_to_html` does it, boxes
    (`text_blocks`) as fixed safe HTML, and every H2/H3 of the text itself (not of its boxes) with an `id` from
    `heading_anchor`, unique also against the page's own ids in `reserved`. `figures` maps the number an editor
    writes after `::: abbildung` to a photo (core.uploads.renditions.RenditionsMixin); `for_print` uses the print-
    size rendition without `srcset`."""
    figures = figures or {}
    used = set(reserved)
    parts, headings, words, boxes = [], [], 0, []

    def anchored(match):
        level, inner = int(match[1]), match[2]
        if level == 4:
            return match[0]
        heading = Heading(level=level, text=_plain_text(inner), anchor=heading_anchor(_plain_text(inner), used))
        headings.append(heading)
        return format_html('<h{} id="{}">{}</h{}>', level, heading.anchor, mark_safe(inner), level)  # noqa: S308

    for block in text_blocks(text):
        if isinstance(block, Box):
            boxes.append(block)
            html = _box_html(block, figures, for_print=for_print)
        else:
            html = _HEADING.sub(anchored, markdown_to_html(block))
        words += len(html_words(html).split())
        parts.append(html)
    return RenderedText(html=mark_safe("\n".join(parts)), headings=tuple(headings), words=words, boxes=tuple(boxes))  # noqa: S308
