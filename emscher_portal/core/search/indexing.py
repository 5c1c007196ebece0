"""Writing the search index: reindex objects, rebuild it whole.

Every change is handled the same way: after the transaction commits, the change map (`core.changes`) has the objects
it affects indexed again from their committed state — `reindex()` deletes their rows and writes new ones for those
that are public. So a draft, a withdrawn object or a member who withdrew consent loses its rows as soon as the
change is committed, and the index never sees data of a transaction that was rolled back.
"""

import logging

from django.contrib.contenttypes.models import ContentType
from django.db import connection, transaction

from emscher_portal.core.models import SearchEntry, SearchTerm

from .registry import adapter_for, adapters

logger = logging.getLogger(__name__)

# Page 0 (the object) gets title A, summary B, and as body C its own text plus the text of all its pages, so an
# object is found by everything in it; a page row gets only its own text. A document's pages are then used to show
# where a hit is and to build its snippet. `head_vector` (title and summary only) is small and ranks the matches.
# The date as it reads („27. September 2018“) is in both with the lowest weight, so „Gelsenkirchen 2018“ finds the
# forum of that year. Every text goes through `emscher_search_fold` (umlaut transcriptions, see migration 0011)
# before the `german` stemmer, as every query does.
_VECTOR_SQL = """
UPDATE emscher_portal_searchentry AS e SET
  search_vector = CASE WHEN e.page = 0 THEN
        setweight(to_tsvector('german', emscher_search_fold(e.title)), 'A')
     || setweight(to_tsvector('german', emscher_search_fold(e.summary)), 'B')
     || setweight(to_tsvector('german', emscher_search_fold(left(e.body || ' ' || coalesce((
            SELECT string_agg(p.body, ' ' ORDER BY p.page) FROM emscher_portal_searchentry AS p
            WHERE p.content_type_id = e.content_type_id AND p.object_id = e.object_id AND p.page > 0
        ), ''), %(max_chars)s))), 'C')
     || setweight(to_tsvector('german', e.date_text), 'D')
    ELSE setweight(to_tsvector('german', emscher_search_fold(e.body)), 'C') END,
  head_vector = CASE WHEN e.page = 0 THEN
        setweight(to_tsvector('german', emscher_search_fold(e.title)), 'A')
     || setweight(to_tsvector('german', emscher_search_fold(e.summary)), 'B')
     || setweight(to_tsvector('german', e.date_text), 'D')
    END
WHERE e.content_type_id = %(content_type)s AND e.object_id = ANY(%(ids)s)
"""
# The vocabulary for „Meinten Sie …?“: every word of the new rows, except from members (names are theirs).
_TERMS_SQL = """
INSERT INTO emscher_portal_searchterm (word)
SELECT DISTINCT w.word FROM emscher_portal_searchentry AS e,
     regexp_split_to_table(e.title || ' ' || e.summary || ' ' || e.body, '[^[:alnum:]ÄÖÜäöüßÉéÈèÁáÀà]+') AS w(word)
WHERE e.content_type_id = %(content_type)s AND e.object_id = ANY(%(ids)s) AND e.kind <> 'mitglied'
  AND length(w.word) BETWEEN 4 AND 40 AND w.word !~ '[0-9]'
ON CONFLICT (word) DO NOTHING
"""
VECTOR_MAX_CHARS = 400_000
BATCH = 200


def _is_postgres():
    return connection.vendor == "postgresql"


def _write(adapter, content_type, objects, ids):
    rows = [
        SearchEntry(content_type=content_type, object_id=obj.pk, kind=adapter.kind.value, **unit.cleaned())
        for obj in objects
        for unit in adapter.units(obj)
    ]
    SearchEntry.objects.bulk_create(rows, batch_size=1000)
    if rows and _is_postgres():
        with connection.cursor() as cursor:
            params = {"content_type": content_type.pk, "ids": list(ids), "max_chars": VECTOR_MAX_CHARS}
            cursor.execute(_VECTOR_SQL, params)
            cursor.execute(_TERMS_SQL, params)
    return len(rows)


def reindex(model, pks):
    """Index these objects again from the database: rows for the public ones, none for the rest."""
    adapter = adapter_for(model)
    pks = sorted({pk for pk in pks if pk is not None})
    if adapter is None or not pks:
        return 0
    content_type = ContentType.objects.get_for_model(model)
    written = 0
    with transaction.atomic():
        if _is_postgres():
            # Two transactions re-indexing the same type at once would both insert the same units.
            with connection.cursor() as cursor:
                cursor.execute("SELECT pg_advisory_xact_lock(hashtext('emscher_portal.search'), %s)", [content_type.pk])
        for start in range(0, len(pks), BATCH):
            chunk = pks[start : start + BATCH]
            SearchEntry.objects.filter(content_type=content_type, object_id__in=chunk).delete()
            written += _write(adapter, content_type, adapter.queryset().filter(pk__in=chunk), chunk)
    return written


def rebuild():
    """Drop the whole index and write it again from every registered adapter, in one transaction.

    Readers keep seeing the old index until the new one is committed. Returns {kind label: rows written}.
    """
    counts = {}
    with transaction.atomic():
        SearchEntry.objects.all().delete()
        SearchTerm.objects.all().delete()
        for adapter in adapters():
            model = adapter.model
            content_type = ContentType.objects.get_for_model(model)
            pks = list(adapter.queryset().order_by("pk").values_list("pk", flat=True))
            total = 0
            for start in range(0, len(pks), BATCH):
                chunk = pks[start : start + BATCH]
                total += _write(adapter, content_type, adapter.queryset().filter(pk__in=chunk), chunk)
            counts[model._meta.label] = total
    return counts
