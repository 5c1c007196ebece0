"""Cache keys of generated PDFs: a stamp of everything a PDF shows, so the key changes exactly when it does."""

import datetime
import decimal
import hashlib

from django.db import models


def content_version_key(*parts):
    """A compact cache key from the things a PDF shows: model labels, primary keys, timestamps, counts."""
    return hashlib.sha256("\x1f".join(str(part) for part in parts).encode()).hexdigest()


_PLAIN_VALUES = (str, int, float, decimal.Decimal, datetime.date, datetime.time, datetime.timedelta, type(None))


def loaded_stamp(obj, depth=2):
    """Everything `obj` has loaded, as a hashable stamp: its own field values, its prefetched lists (to_attr lists
    and `_prefetched_objects_cache`) and its select_related rows, `depth` levels down. A PDF built from those shows
    nothing else, so the stamp changes exactly when what the PDF shows changes (a row edited, added, removed).
    Fields deferred by `only()` were not loaded, so the PDF cannot show them: they are left out, not fetched."""
    attnames = {field.attname for field in obj._meta.concrete_fields}
    deferred = obj.get_deferred_fields()
    loaded = [field.attname for field in obj._meta.concrete_fields if field.attname not in deferred]
    parts = [obj._meta.label, tuple((name, str(getattr(obj, name))) for name in loaded)]
    # Annotations (`member_count`) and other plain values set on the instance are shown too, so they count.
    parts.append(
        tuple(
            (name, str(value))
            for name, value in sorted(vars(obj).items())
            if name not in attnames and not name.startswith("_") and isinstance(value, _PLAIN_VALUES)
        )
    )
    if depth:
        for name, value in sorted(vars(obj).items()):
            if isinstance(value, list) and all(isinstance(item, models.Model) for item in value):
                parts.append((name, [loaded_stamp(item, depth - 1) for item in value]))
        for name, queryset in sorted(getattr(obj, "_prefetched_objects_cache", {}).items()):
            parts.append((name, [loaded_stamp(item, depth - 1) for item in queryset]))
        for name, related in sorted(obj._state.fields_cache.items()):
            parts.append((name, loaded_stamp(related, depth - 1) if related is not None else None))
    return parts
