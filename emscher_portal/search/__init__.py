"""Site search: one index table (`emscher_portal.models.SearchEntry`) fed by small per-model adapters.

- `registry`: the adapter protocol and the registry (model label → adapter).
- `adapters`: what each content type contributes (title, summary, body, URL, date; PDF pages one by one).
- `indexing`: writes and deletes index rows, the signal handlers that keep them current, the full rebuild.
- `query`: the search itself — Postgres full-text search (`german`), or a plain match on SQLite.
- `views`: `/suche/` and `/opensearch.xml`.
"""
