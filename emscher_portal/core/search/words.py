"""German word forms the `german` snowball stemmer does not bring together, for every search query.

The stemmer folds ß into ss („Massnahme“ finds „Maßnahme“) and strips endings, but Latin plurals keep their own stem
(„Foren“ → `for`, „Forum“ → `forum`), and English ones too („Workshops“). A word of a family here finds every word of
its family: the query is rewritten in Postgres with `ts_rewrite`, each word stemmed there like the indexed text. The
umlaut transcriptions (ae, oe, ue) are folded by `emscher_search_fold` on both sides (migration 0011).

Add a family when readers miss a word form; the words are stemmed, so one form per stem is enough.
"""

import re

WORD_FAMILIES = (
    ("Forum", "Foren", "Fora"),
    ("Thema", "Themen"),
    ("Zentrum", "Zentren"),
    ("Gremium", "Gremien"),
    ("Kriterium", "Kriterien"),
    ("Medium", "Medien"),
    ("Museum", "Museen"),
    ("Ministerium", "Ministerien"),
    ("Szenario", "Szenarien"),
    ("Symposium", "Symposien"),
    ("Konsortium", "Konsortien"),
    ("Workshop", "Workshops"),
)

_WORD = re.compile(r"[A-Za-zÄÖÜäöüß]+")


def rewrite_select():
    """The SELECT that `ts_rewrite(query, select)` runs: (target, substitute) for every word of every family.

    The words are constants of this module (checked to be plain letters), never reader input.
    """
    rows = []
    for family in WORD_FAMILIES:
        if not all(_WORD.fullmatch(word) for word in family):
            raise ValueError(f"a word family may hold plain words only: {family!r}")
        alternatives = " | ".join(family)
        rows.extend(f"('{word}', '{alternatives}')" for word in family)
    return (
        "SELECT to_tsquery('german', emscher_search_fold(v.word)), to_tsquery('german', emscher_search_fold(v.family))"
        f" FROM (VALUES {', '.join(rows)}) AS v(word, family)"
    )


REWRITE_SELECT = rewrite_select()
