"""What an index adapter is, and the registry of them.

An adapter tells the index, for one content model:
- `queryset()`: the objects the public may find, with whatever `units()` reads already joined (drafts,
  withdrawn objects and members without consent are simply not in it — that is the only place visibility is decided,
  and it reuses the models' own `published()`/`public()` query sets);
- `units(obj)`: the searchable units of one object: one for the object itself (page 0), and for an uploaded PDF one
  more per page;
- `kind`: what the search page calls these hits (a facet), e.g. `Kind("veranstaltung", _("Veranstaltungen"))`.

A unit that is part of another object (a programme item of its event) names that parent (`parent`, `parent_title`):
it never ranks above its parent when both match. Units of one kind with the same `group_key` (the
same programme item at six forums) are shown as one hit that lists where each of them is.

When an object must be indexed again — it changed, or something its units show changed — is the change map's
business (`emscher_portal.core.changes`), not the adapter's.
"""

import datetime
import html
from dataclasses import dataclass

from django.contrib.contenttypes.models import ContentType
from django.utils.formats import date_format
from django.utils.html import strip_tags

from emscher_portal.core.markup import markdown_to_html

# Private-use characters that mark highlights in ts_headline's output; they are removed from indexed text so that
# they can only come from the highlighter.
MARK_START = "\ue000"
MARK_STOP = "\ue001"
_STRIP = str.maketrans({"\x00": None, MARK_START: None, MARK_STOP: None})

TITLE_MAX = 300
SUMMARY_MAX = 2_000
# to_tsvector refuses more than 1 MB of lexemes; a few hundred thousand characters of text stay well below it.
BODY_MAX = 300_000


def plain(markdown_text):
    """Editor Markdown as the plain words a reader sees."""
    return html.unescape(strip_tags(markdown_to_html(markdown_text or "")))


def joined(*parts, sep=" · "):
    """The parts that have a value, joined: „Vortrag · Ina Muster · 3. Experten-Forum“."""
    return sep.join(str(part) for part in parts if part)


def group_key(title):
    """The same title, whatever its case and spacing: „Kaffeepause  und Ausstellung“ = „kaffeepause und ausstellung“."""
    return " ".join(str(title or "").casefold().split())


def clean_text(value, limit):
    """Index text: no NUL bytes (Postgres text cannot hold them), no highlight markers, whitespace folded."""
    return " ".join(str(value or "").translate(_STRIP).split())[:limit]


@dataclass(frozen=True)
class Unit:
    """One searchable unit: the object itself (page 0) or one page of its PDF."""

    title: str
    url: str
    summary: str = ""
    body: str = ""
    date: datetime.date | None = None
    year: int | None = None
    date_text: str = ""  # how the date reads, e.g. „Oktober 2017“ when only the month is known
    page: int = 0
    group_key: str = ""  # units of one kind with the same key are one hit
    parent: object = None  # the object (model instance) this unit is a part of …
    parent_title: str = ""  # … and how a grouped hit names it

    def _date_text(self):
        if self.date_text:
            return str(self.date_text)
        if self.date:
            return date_format(self.date, "j. F Y")
        return str(self.year) if self.year else ""

    def cleaned(self):
        return {
            "title": clean_text(self.title, TITLE_MAX),
            "url": self.url[:500],
            "summary": clean_text(self.summary, SUMMARY_MAX),
            "body": clean_text(self.body, BODY_MAX),
            "date": self.date,
            "year": self.year if self.year is not None else (self.date.year if self.date else None),
            "date_text": self._date_text()[:100],
            "page": self.page,
            "group_key": clean_text(self.group_key, TITLE_MAX),
            "parent_type": ContentType.objects.get_for_model(self.parent) if self.parent is not None else None,
            "parent_id": self.parent.pk if self.parent is not None else None,
            "parent_title": clean_text(self.parent_title, TITLE_MAX),
        }


@dataclass(frozen=True)
class Kind:
    """A kind of hit: the value stored in `SearchEntry.kind` and in `?art=`, and its German plural for the facets."""

    value: str
    label: str
    # How a grouped hit introduces the places it was found, e.g. „Im Programm von“.
    places_label: str = ""


class Adapter:
    """Base class; subclasses set `model` (the model class), `kind` and implement `queryset()` and `units()`."""

    model = None
    kind = None

    def queryset(self):
        raise NotImplementedError

    def units(self, obj):
        raise NotImplementedError


_registry = {}
_kinds = {}
_places_labels = {}


def register(adapter_class):
    """Class decorator: `@register class EventAdapter(Adapter): …` in an app's `search.py`."""
    _registry[adapter_class.model._meta.label] = adapter_class()
    _kinds.setdefault(adapter_class.kind.value, adapter_class.kind.label)
    _places_labels.setdefault(adapter_class.kind.value, adapter_class.kind.places_label)
    return adapter_class


def adapters():
    """The registered adapters, in registration order."""
    return list(_registry.values())


def kinds():
    """{kind value: German label} of every registered kind, in registration order (the facets' order)."""
    return dict(_kinds)


def adapter_for(model):
    """The adapter indexing `model`, or None when the model is not indexed itself."""
    return _registry.get(model._meta.label)


def places_label(kind):
    """How a grouped hit of this kind introduces where it was found („Im Programm von“)."""
    return _places_labels.get(kind) or ""
