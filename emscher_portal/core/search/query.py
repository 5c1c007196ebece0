"""The search itself: `search(q=…, kind=…, year=…)` returns a lazy result list for Django's Paginator.

On Postgres: full-text search in the `german` configuration.
- What matches is decided by the stored, weighted `search_vector` (GIN index, page-0 rows only: one row per object,
  its PDF text included).
- The order is `ts_rank` over the small `head_vector` (title A above summary B), then newest first. Ranking the
  big whole-document vectors of thousands of matches is what made the naive search slow.
- `ts_headline` runs only for the 20 shown hits, over one short stored text (the best matching PDF page, or the
  object's own summary and text — never a whole document).
- Two queries per page of results (facets, hits); with no result, two others (the „Meinten Sie …?“ suggestion from
  pg_trgm, and a check that the suggestion finds something).

On SQLite (the quick-start database): a plain case-insensitive substring match, unranked, same result shape.
"""

import datetime
import re
from dataclasses import dataclass, field
from functools import cached_property

from django.db import connection
from django.db.models import Q
from django.utils.html import escape, format_html, format_html_join
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from emscher_portal.core.models import SearchEntry

from .registry import MARK_START, MARK_STOP, clean_text, kinds, places_label
from .words import REWRITE_SELECT

QUERY_MAX_CHARS = 200
# Results are ranked by title and summary (the small `head_vector`), then newest first; at most this many can be paged
# through (a deep OFFSET costs as much as the rows before it).
MAX_RESULTS = 1000
SNIPPET_SOURCE_CHARS = 3000
PAGE_LINKS_MAX = 8

_HEADLINE_OPTIONS = (
    f"StartSel={MARK_START}, StopSel={MARK_STOP}, MaxWords=28, MinWords=12, ShortWord=3, "
    'MaxFragments=2, FragmentDelimiter=" … "'
)
_TITLE_OPTIONS = f"StartSel={MARK_START}, StopSel={MARK_STOP}, HighlightAll=true"


def normalise_query(raw):
    """What we search for: no NUL bytes or highlight markers, whitespace folded, at most 200 characters."""
    return clean_text(raw, QUERY_MAX_CHARS).strip()


def highlighted(text):
    """Escape everything, then turn only the highlighter's private-use markers into <mark>."""
    escaped = str(escape(" ".join((text or "").split())))
    return mark_safe(escaped.replace(MARK_START, "<mark>").replace(MARK_STOP, "</mark>"))  # noqa: S308 -- escaped above


@dataclass
class Hit:
    kind: str
    title: str
    url: str
    date_text: str
    title_html: str
    snippet_html: str
    page: int = 0  # the best matching PDF page, 0 if the hit is not inside a PDF
    pages: list = field(default_factory=list)  # [(page number, url)] of matching PDF pages
    more_pages: int = 0
    places: list = field(default_factory=list)  # [(title, url, date text)] of a grouped hit's units

    @property
    def kind_label(self):
        return kinds().get(self.kind, self.kind)

    @property
    def page_label(self):
        return _("Seite %(page)s:") % {"page": self.page} if self.page else ""

    @property
    def pages_html(self):
        """„Im PDF auf Seite 2, 5 und 3 weiteren“ as links, built here: a template loop per page link costs more."""
        if not self.pages:
            return ""
        template = '<a class="search-hit__page-link" href="{}" aria-label="{}">{}</a>'
        links = format_html_join(
            ", ", template, ((url, _("Seite %(page)s im PDF öffnen") % {"page": n}, n) for n, url in self.pages)
        )
        more = (
            " "
            + ngettext("und %(count)s weiterer", "und %(count)s weiteren", self.more_pages) % {"count": self.more_pages}
            if self.more_pages
            else ""
        )
        return format_html("{} {}{}", _("Im PDF auf Seite"), links, more)

    @property
    def places_html(self):
        """„Im Programm von 9. Experten-Forum (9. Oktober 2024), …“: where each unit of a grouped hit is."""
        if not self.places:
            return ""
        links = format_html_join(
            ", ",
            '<a href="{}">{}</a>{}',
            ((url, title, f" ({date_text})" if date_text else "") for title, url, date_text in self.places),
        )
        return format_html("{}: {}", places_label(self.kind) or _("Gefunden bei"), links)


def _hit(*, kind, title, url, date_text, marked_title, marked_snippet, page, page_numbers, page_url, places=()):
    """A Hit from a matched unit: title and snippet with their highlight markers turned into <mark>, links to
    the matching PDF pages (the best few, and how many more), and where the units of a grouped hit are."""
    pages, more = _page_links(page_url, page_numbers) if page_numbers else ([], 0)
    return Hit(
        kind=kind,
        title=title,
        url=url,
        date_text=date_text,
        title_html=highlighted(marked_title),
        snippet_html=highlighted(marked_snippet),
        page=page,
        pages=pages,
        more_pages=more,
        places=list(places),
    )


def _page_links(url, numbers):
    base = url.split("#", 1)[0]
    return [(number, f"{base}#page={number}") for number in numbers[:PAGE_LINKS_MAX]], max(
        0, len(numbers) - PAGE_LINKS_MAX
    )


# --- Postgres ----------------------------------------------------------------------------------------------------

_FILTERS = {"kind": " AND e.kind = %(kind)s", "year": " AND e.year = %(year)s"}

# What a reader's query means: umlaut transcriptions folded as in the index, then parsed like a web search
# („Wortgruppe“, -ohne, oder), then each word widened to its family (`words.py`).
_TSQUERY = "ts_rewrite(websearch_to_tsquery('german', emscher_search_fold(%(q)s)), %(rewrite)s)"

# A hit is a group: a unit with a `group_key` is one hit with every unit of its kind and key, any other unit is a
# hit of its own. The facets count groups per kind and year (a grouped hit counts in every year it has units), and
# per kind over all years — the two grouping sets give every count the page shows without double counting.
# `ts_rewrite(query, select)` is volatile: in a WHERE clause Postgres would run it for every row and could not use
# the GIN index. Computed once in a CTE and joined, it is a constant the index scan uses.
_FACETS_SQL = f"""
WITH query AS (SELECT {_TSQUERY} AS q)
SELECT e.kind, e.year,
       count(*) FILTER (WHERE e.group_key = '') + count(DISTINCT e.group_key) FILTER (WHERE e.group_key <> ''),
       GROUPING(e.year) = 1
FROM emscher_portal_searchentry AS e, query
WHERE e.page = 0 AND e.search_vector @@ query.q
GROUP BY GROUPING SETS ((e.kind, e.year), (e.kind))
"""

# Only the row's small in-line columns are read for every match (ids, kind, the short group key, head_vector, date);
# anything long (title, url) is read for the 20 shown hits only.
_HITS_SQL = """
WITH query AS (SELECT {tsquery} AS q, websearch_to_tsquery('german', %(q)s) AS literal),
matches AS (
    -- The rank is computed inline on the matching rows (head_vector is small and stored in the row). Joining a
    -- separate CTE of head hits instead let the planner, blind to a CTE's row count, pick a nested loop over
    -- matches × head hits: 1.5 s instead of 20 ms for a term found in every document.
    SELECT e.id, e.kind, e.content_type_id, e.object_id, e.parent_type_id, e.parent_id, e.group_key,
           CASE WHEN e.head_vector @@ query.q THEN ts_rank(e.head_vector, query.q) ELSE 0 END AS rank,
           coalesce(e.date, make_date(e.year::int, 1, 1)) AS date
    FROM emscher_portal_searchentry AS e, query
    WHERE e.page = 0 AND e.search_vector @@ query.q{filters}
),
placed AS (
    -- The rank of the unit's own parent when that matches too (a programme item's event): one hash join.
    SELECT m.id, m.kind, m.group_key, m.date, m.rank, parent.rank AS parent_rank
    FROM matches AS m
    LEFT JOIN matches AS parent ON parent.content_type_id = m.parent_type_id AND parent.object_id = m.parent_id
),
groups AS (
    -- A hit never ranks above the parent of any of its units (a programme item repeated at six forums stays below
    -- each of those forums that matches), and at equal rank such parts follow the rest. A group shows its best
    -- unit (title, link, snippet) and lists all of them.
    SELECT id, least(rank, parent_rank) AS rank, parent_rank IS NOT NULL AS below_parent, date,
           NULL::bigint[] AS members
    FROM placed WHERE group_key = ''
    UNION ALL
    SELECT (array_agg(id ORDER BY rank DESC, date DESC NULLS LAST, id DESC))[1],
           least(max(rank), min(parent_rank)),
           bool_or(parent_rank IS NOT NULL),
           (array_agg(date ORDER BY rank DESC, date DESC NULLS LAST, id DESC))[1],
           CASE WHEN count(*) > 1 THEN array_agg(id ORDER BY date DESC NULLS LAST, id DESC) END
    FROM placed WHERE group_key <> ''
    GROUP BY kind, group_key
),
top AS (
    SELECT * FROM groups
    ORDER BY rank DESC, below_parent, date DESC NULLS LAST, id DESC
    LIMIT %(limit)s OFFSET %(offset)s
)
SELECT e.kind, e.title, e.url, e.date_text,
       ts_headline('german', e.title, query.q || query.literal, %(title_options)s),
       ts_headline('german', left(coalesce(best.body, concat_ws(' – ', nullif(e.summary, ''), nullif(e.body, ''))),
                                  %(snippet_chars)s), query.q || query.literal, %(options)s),
       coalesce(best.page, 0), coalesce(pages.numbers, '{{}}'), best.url,
       coalesce(places.titles, '{{}}'), coalesce(places.urls, '{{}}'), coalesce(places.dates, '{{}}')
FROM top
JOIN emscher_portal_searchentry AS e ON e.id = top.id
CROSS JOIN query
LEFT JOIN LATERAL (
    -- The matching pages of a PDF, best first: the page the snippet comes from, then the others by rank.
    SELECT array_agg(p.page ORDER BY ts_rank(p.search_vector, query.q) DESC, p.page) AS numbers,
           (array_agg(p.id ORDER BY ts_rank(p.search_vector, query.q) DESC, p.page))[1] AS best_id
    FROM emscher_portal_searchentry AS p
    WHERE p.content_type_id = e.content_type_id AND p.object_id = e.object_id AND p.page > 0
      AND p.search_vector @@ query.q
) AS pages ON true
LEFT JOIN emscher_portal_searchentry AS best ON best.id = pages.best_id
LEFT JOIN LATERAL (
    -- A grouped hit lists where each of its units is (the programme item's events), newest first.
    SELECT array_agg(coalesce(nullif(u.parent_title, ''), u.title) ORDER BY member.n) AS titles,
           array_agg(u.url ORDER BY member.n) AS urls,
           array_agg(u.date_text ORDER BY member.n) AS dates
    FROM unnest(top.members) WITH ORDINALITY AS member(id, n)
    JOIN emscher_portal_searchentry AS u ON u.id = member.id
) AS places ON true
ORDER BY top.rank DESC, top.below_parent, top.date DESC NULLS LAST, top.id DESC
"""

_SUGGEST_SQL = """
SELECT w.word, s.candidate
FROM unnest(%(words)s::text[]) WITH ORDINALITY AS w(word, n)
LEFT JOIN LATERAL (
    SELECT t.word AS candidate FROM emscher_portal_searchterm AS t
    WHERE t.word %% w.word
    ORDER BY similarity(t.word, w.word) DESC, t.word
    LIMIT 1
) AS s ON true
ORDER BY w.n
"""

_EXISTS_SQL = f"""
WITH query AS (SELECT {_TSQUERY} AS q)
SELECT EXISTS (
    SELECT 1 FROM emscher_portal_searchentry AS e, query
    WHERE e.page = 0 AND e.search_vector @@ query.q
)
"""


class PostgresResults:
    """A lazy, sliceable result list: Paginator asks count() (facets query) and one slice (hits query)."""

    def __init__(self, q, kind=None, year=None):
        self.q, self.kind, self.year = q, kind, year

    @cached_property
    def _facets(self):
        """(rows per kind and year, {kind: count over all years}), counted in groups (see _FACETS_SQL)."""
        with connection.cursor() as cursor:
            cursor.execute(_FACETS_SQL, {"q": self.q, "rewrite": REWRITE_SELECT})
            rows = cursor.fetchall()
        per_year = [(kind, year, n) for kind, year, n, all_years in rows if not all_years]
        per_kind = {kind: n for kind, _year, n, all_years in rows if all_years}
        return per_year, per_kind

    @property
    def facet_rows(self):
        return self._facets[0]

    @property
    def kind_totals(self):
        return self._facets[1]

    def count(self):
        return min(self.total, MAX_RESULTS)

    @cached_property
    def total(self):
        if self.year:
            return sum(n for kind, year, n in self.facet_rows if self._wanted(kind, year))
        return sum(n for kind, n in self.kind_totals.items() if self._wanted(kind, None, ignore_year=True))

    def _wanted(self, kind, year, *, ignore_kind=False, ignore_year=False):
        return (ignore_kind or not self.kind or kind == self.kind) and (
            ignore_year or not self.year or year == self.year
        )

    def kind_counts(self):
        if not self.year:
            return dict(self.kind_totals)
        counts = {}
        for kind, year, n in self.facet_rows:
            if self._wanted(kind, year, ignore_kind=True):
                counts[kind] = counts.get(kind, 0) + n
        return counts

    def year_counts(self):
        # Groups never span kinds, so the sum over kinds counts each group of a year once.
        counts = {}
        for kind, year, n in self.facet_rows:
            if year and self._wanted(kind, year, ignore_year=True):
                counts[year] = counts.get(year, 0) + n
        return counts

    def __len__(self):
        return self.count()

    def __getitem__(self, item):
        if not isinstance(item, slice):
            raise TypeError("search results are only sliced")
        offset, stop = item.start or 0, item.stop
        if stop is None or stop <= offset or offset >= MAX_RESULTS:
            return []
        filters = (_FILTERS["kind"] if self.kind else "") + (_FILTERS["year"] if self.year else "")
        params = {
            "q": self.q,
            "rewrite": REWRITE_SELECT,
            "kind": self.kind,
            "year": self.year,
            "limit": stop - offset,
            "offset": offset,
            "snippet_chars": SNIPPET_SOURCE_CHARS,
            "options": _HEADLINE_OPTIONS,
            "title_options": _TITLE_OPTIONS,
        }
        with connection.cursor() as cursor:
            cursor.execute(_HITS_SQL.format(filters=filters, tsquery=_TSQUERY), params)
            rows = cursor.fetchall()
        return [
            _hit(
                kind=kind,
                title=title,
                url=url,
                date_text=date_text,
                marked_title=title_hl,
                marked_snippet=snippet_hl,
                page=best_page,
                page_numbers=numbers,
                page_url=page_url,
                places=zip(place_titles, place_urls, place_dates, strict=True),
            )
            for (
                kind,
                title,
                url,
                date_text,
                title_hl,
                snippet_hl,
                best_page,
                numbers,
                page_url,
                place_titles,
                place_urls,
                place_dates,
            ) in rows
        ]

    def suggestion(self):
        """„Meinten Sie …?“: each word of the query replaced by the most similar indexed word (pg_trgm)."""
        words = re.findall(r"[\w-]{3,40}", self.q)[:6]
        if not words:
            return None
        with connection.cursor() as cursor:
            cursor.execute(_SUGGEST_SQL, {"words": words})
            replacements = dict(cursor.fetchall())
        suggested, changed = self.q, False
        for word in words:
            candidate = replacements.get(word)
            if candidate and candidate.casefold() != word.casefold():
                suggested = re.sub(rf"(?<![\w-]){re.escape(word)}(?![\w-])", candidate, suggested, count=1)
                changed = True
        if not changed:
            return None
        # Only a suggestion that finds something (the vocabulary may still hold words of withdrawn content).
        with connection.cursor() as cursor:
            cursor.execute(_EXISTS_SQL, {"q": suggested, "rewrite": REWRITE_SELECT})
            (found,) = cursor.fetchone()
        return suggested if found else None


# --- SQLite (quick start) ----------------------------------------------------------------------------------------


def _plain_snippet(text, q, width=120):
    position = text.casefold().find(q.casefold())
    if position < 0:
        return text[: 2 * width] + ("…" if len(text) > 2 * width else "")
    start, end = max(0, position - width), min(len(text), position + len(q) + width)
    return (
        ("… " if start else "")
        + text[start:position]
        + MARK_START
        + text[position : position + len(q)]
        + MARK_STOP
        + text[position + len(q) : end]
        + (" …" if end < len(text) else "")
    )


class PlainResults(PostgresResults):
    """SQLite: a case-insensitive substring match over title, summary and text (and PDF pages), unranked."""

    @cached_property
    def matches(self):
        condition = Q(title__icontains=self.q) | Q(summary__icontains=self.q) | Q(body__icontains=self.q)
        rows = SearchEntry.objects.filter(condition).order_by("-date", "content_type_id", "object_id", "page")
        rows = rows.values_list("content_type_id", "object_id", "page", "body", "url")
        objects = {}
        for content_type_id, object_id, page, body, url in rows:
            pages = objects.setdefault((content_type_id, object_id), [])
            if page:
                pages.append((page, body, url))
        heads = SearchEntry.objects.filter(page=0).values_list(
            "content_type_id", "object_id", "kind", "year", "title", "url", "date_text", "summary", "body", "date"
        )
        found = [(head, objects[(head[0], head[1])]) for head in heads.iterator() if (head[0], head[1]) in objects]
        # Newest first, undated last (stable, so equal dates keep the title order of the query above).
        found.sort(key=lambda item: (item[0][9] is not None, item[0][9] or datetime.date.min), reverse=True)
        return found

    @cached_property
    def facet_rows(self):
        counts = {}
        for head, _pages in self.matches:
            counts[(head[2], head[3])] = counts.get((head[2], head[3]), 0) + 1
        return [(kind, year, n) for (kind, year), n in counts.items()]

    @cached_property
    def kind_totals(self):
        counts = {}
        for kind, _year, n in self.facet_rows:
            counts[kind] = counts.get(kind, 0) + n
        return counts

    def count(self):
        return self.total

    def __getitem__(self, item):
        wanted = [(head, pages) for head, pages in self.matches if self._wanted(head[2], head[3])]
        hits = []
        for head, pages in wanted[item]:
            _ct, _obj, kind, _year, title, url, date_text, summary, body, _date = head
            source = pages[0][1] if pages else " – ".join(part for part in (summary, body) if part)
            pages.sort()
            hits.append(
                _hit(
                    kind=kind,
                    title=title,
                    url=url,
                    date_text=date_text,
                    marked_title=_plain_snippet(title, self.q, width=1000),
                    marked_snippet=_plain_snippet(source, self.q),
                    page=pages[0][0] if pages else 0,
                    page_numbers=[number for number, _text, _url in pages],
                    page_url=pages[0][2] if pages else url,
                )
            )
        return hits

    def suggestion(self):
        return None


def search(q, *, kind=None, year=None):
    results_class = PostgresResults if connection.vendor == "postgresql" else PlainResults
    return results_class(q, kind=kind, year=year)
