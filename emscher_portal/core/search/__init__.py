"""Site search machinery: one index table (`core.models.SearchEntry`) fed by small per-model adapters.

- `registry`: the adapter protocol and the registry; each content app registers its adapters in its `search.py`.
- `indexing`: writes and deletes index rows (`reindex`, called by the change map) and the full rebuild.
- `query`: the search itself — Postgres full-text search (`german`), or a plain match on SQLite.

The page `/suche/` is the top app's (`emscher_portal.views`).
"""
