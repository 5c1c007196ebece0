"""Checks that run before content is published: errors block, warnings inform.

Each app declares, in its `publish_checks.py`, the checks that know its fields:

    @publish_check(Event)
    def event_checks(event):
        yield from markdown_findings(event.body, label=_("Text"))
        for photo in event.photos.all():
            yield from alt_text_findings(photo.alt_text, label=...)

A check yields `Finding`s (`error(message)` or `warning(message)`, in German). The admin runs them when an editor
saves with the status „Veröffentlicht“ and in the bulk action „veröffentlichen“, and shows them before anything is
published; the publication schedule (`core.scheduling`) skips an object with errors. The helpers below know
Markdown and alternative texts, never a content app's fields.
"""

from collections import defaultdict
from dataclasses import dataclass
from html.parser import HTMLParser

from django.utils.translation import gettext as _

from emscher_portal.core.markup import markdown_to_html

ERROR = "error"
WARNING = "warning"

# Longer alternative texts are read out in full by screen readers; a caption or the page text is the better place.
ALT_TEXT_LONG = 150
# Link texts that say nothing about where the link leads (WCAG 2.4.4).
VAGUE_LINK_TEXTS = frozenset({"hier", "mehr", "weiter", "link", "klicken", "hier klicken", "mehr lesen", "weiterlesen"})
PLACEHOLDER = "[bitte ergänzen]"

_checks = defaultdict(list)  # model → [function(obj) → iterable of Finding]


@dataclass(frozen=True)
class Finding:
    level: str
    message: str

    @property
    def is_error(self):
        return self.level == ERROR


def error(message):
    return Finding(ERROR, str(message))


def warning(message):
    return Finding(WARNING, str(message))


def publish_check(*models):
    """Decorator: `function(obj)` yields the findings for `obj` (of one of `models`) before it is published."""

    def decorator(function):
        for model in models:
            _checks[model].append(function)
        return function

    return decorator


def publish_findings(obj):
    """Every finding of every check declared for `obj`'s model: errors first, then warnings."""
    findings = [finding for check in _checks.get(type(obj), ()) for finding in check(obj)]
    return sorted(findings, key=lambda finding: not finding.is_error)


def has_checks(model):
    return bool(_checks.get(model))


# ---------------------------------------------------------------------------
# Helpers for the apps' checks
# ---------------------------------------------------------------------------


class _Outline(HTMLParser):
    """The heading levels and link texts of rendered Markdown."""

    def __init__(self):
        super().__init__()
        self.headings = []  # (level, text)
        self.links = []  # text
        self._heading = None
        self._link = None

    def handle_starttag(self, tag, attrs):
        if tag in {"h2", "h3", "h4", "h5", "h6"}:
            self._heading = [int(tag[1]), ""]
        elif tag == "a":
            self._link = ""

    def handle_endtag(self, tag):
        if tag in {"h2", "h3", "h4", "h5", "h6"} and self._heading is not None:
            self.headings.append((self._heading[0], self._heading[1].strip()))
            self._heading = None
        elif tag == "a" and self._link is not None:
            self.links.append(self._link.strip())
            self._link = None

    def handle_data(self, data):
        if self._heading is not None:
            self._heading[1] += data
        if self._link is not None:
            self._link += data


def markdown_findings(text, *, label):
    """Warnings for editor Markdown: a heading that skips a level (the page title is the h1, so the text starts at
    „##“), and links whose text says nothing („hier“, „mehr“)."""
    if not text:
        return
    outline = _Outline()
    outline.feed(markdown_to_html(text))
    previous = 1
    for level, heading in outline.headings:
        if level > previous + 1:
            yield warning(
                _("%(label)s: Die Überschrift „%(heading)s“ überspringt eine Ebene (%(found)s nach %(before)s).")
                % {
                    "label": label,
                    "heading": heading,
                    "found": "#" * level,
                    "before": "#" * previous if previous > 1 else _("dem Seitentitel"),
                }
            )
        previous = level
    for link_text in outline.links:
        if link_text.lower().strip(" .:!…»›→") in VAGUE_LINK_TEXTS:
            yield warning(
                _("%(label)s: Der Linktext „%(text)s“ sagt nicht, wohin der Link führt. Besser: das Ziel nennen.")
                % {"label": label, "text": link_text}
            )


def alt_text_findings(alt_text, *, label):
    """An error for a missing alternative text, a warning for a very long one."""
    alt_text = (alt_text or "").strip()
    if not alt_text:
        yield error(_("%(label)s hat keinen Alternativtext.") % {"label": label})
    elif len(alt_text) > ALT_TEXT_LONG:
        yield warning(
            _("%(label)s: Der Alternativtext ist sehr lang (%(count)d Zeichen, empfohlen höchstens %(limit)d).")
            % {"label": label, "count": len(alt_text), "limit": ALT_TEXT_LONG}
        )


def placeholder_findings(text, *, label):
    """An error while a text still contains the gap marker „[bitte ergänzen]“."""
    count = (text or "").count(PLACEHOLDER)
    if count:
        yield error(
            _("%(label)s enthält noch %(count)d× „%(marker)s“.")
            % {"label": label, "count": count, "marker": PLACEHOLDER}
        )
