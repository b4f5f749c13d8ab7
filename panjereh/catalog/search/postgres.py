"""PostgreSQL backend: a weighted tsvector per service (GIN) and pg_trgm on the normalised title.

The 'simple' configuration is used on purpose: PostgreSQL ships no Persian dictionary, and the
text is already normalised by `panjereh.persian` before it gets here.
"""

from __future__ import annotations

import contextlib
from collections.abc import Sequence
from typing import Any

from django.db import DatabaseError, connection, transaction

from panjereh.catalog.search.documents import FIELDS, WEIGHTS, Document
from panjereh.catalog.search.filters import FilterSQL
from panjereh.catalog.search.plan import Plan, render
from panjereh.catalog.search.rerank import Match

TABLE = "catalog_service_search"
# A tsvector has four weights: the lemmas share C with the agency's name.
LETTERS = {"title": "A", "keywords": "B", "lemmas": "C", "agency": "C", "summary": "D"}
# ts_rank takes the weights of D, C, B, A in that order, each the best of the fields sharing it.
RANK_WEIGHTS = (
    "{"
    + ", ".join(
        str(max(WEIGHTS[name] for name in FIELDS if LETTERS[name] == letter) / WEIGHTS["title"]) for letter in "DCBA"
    )
    + "}"
)

CREATE_SQL = [
    "CREATE EXTENSION IF NOT EXISTS pg_trgm",
    f"CREATE TABLE IF NOT EXISTS {TABLE} ("
    # No foreign key: like the FTS5 table, it is kept in step by the catalog's services, and a
    # key would stop Django from truncating catalog_service (flush). prune() removes strays.
    " service_id bigint PRIMARY KEY,"
    " document tsvector NOT NULL, title text NOT NULL, keywords text NOT NULL DEFAULT '')",
    f"CREATE INDEX IF NOT EXISTS {TABLE}_document ON {TABLE} USING gin (document)",
    f"CREATE INDEX IF NOT EXISTS {TABLE}_title_trgm ON {TABLE} USING gin (title gin_trgm_ops)",
]
DROP_SQL = [f"DROP TABLE IF EXISTS {TABLE}"]

_VECTOR = " || ".join(f"setweight(to_tsvector('simple', %s), '{LETTERS[name]}')" for name in FIELDS)


def write(documents: Sequence[Document]) -> None:
    rows: list[tuple[Any, ...]] = [
        (doc.service_id, *(doc.field_text(name) for name in FIELDS), doc.title_words, doc.field_text("keywords"))
        for doc in documents
    ]
    with connection.cursor() as cursor:
        cursor.executemany(
            f"INSERT INTO {TABLE} (service_id, document, title, keywords) VALUES (%s, {_VECTOR}, %s, %s) "
            "ON CONFLICT (service_id) DO UPDATE SET document = EXCLUDED.document, title = EXCLUDED.title, "
            "keywords = EXCLUDED.keywords",
            rows,
        )


def prune() -> None:
    """Drop index rows whose service is gone (after a flush or a delete outside the services)."""
    with connection.cursor() as cursor:
        cursor.execute(
            f"DELETE FROM {TABLE} f WHERE NOT EXISTS (SELECT 1 FROM catalog_service s WHERE s.id = f.service_id)"
        )


GIN_INDEXES = (f"{TABLE}_document", f"{TABLE}_title_trgm")


def analyze() -> None:
    """After a bulk change: fresh planner statistics, so the GIN index is chosen from the start, and
    the GIN indexes' pending lists merged into them. Rows written since the last merge wait in that
    list (up to 4 MB by default, until autovacuum merges it), and every search reads all of it: a
    list of a megabyte left by a bulk load made each search several times slower."""
    with connection.cursor() as cursor:
        cursor.execute(f"ANALYZE {TABLE}")
        cursor.execute("ANALYZE catalog_service")
        for name in GIN_INDEXES:
            # Only the index's owner may merge it (as for VACUUM); for anyone else autovacuum will.
            with contextlib.suppress(DatabaseError), transaction.atomic():
                cursor.execute("SELECT gin_clean_pending_list(%s::regclass)", [name])


def delete(service_ids: Sequence[int]) -> None:
    with connection.cursor() as cursor:
        cursor.execute(f"DELETE FROM {TABLE} WHERE service_id = ANY(%s)", [list(service_ids)])


def clear() -> None:
    with connection.cursor() as cursor:
        cursor.execute(f"DELETE FROM {TABLE}")


def _term(term: str, prefix: bool) -> str:
    quoted = "'" + term.replace("\\", "\\\\").replace("'", "''") + "'"
    return quoted + ":*" if prefix else quoted


def tsquery(plan: Plan, *, any_unit: bool = False) -> str:
    return render(plan, term=_term, all_of=" & ", any_of=" | ", any_unit=any_unit)


def ranked(plan: Plan, filters: FilterSQL, *, any_unit: bool = False) -> list[Match]:
    """(service id, normalised title, keyword terms) of every match, most relevant first."""
    typed = " ".join(term for unit in plan.units for term in unit.alternatives[0])
    conditions = ["f.document @@ q.query", *filters.conditions]
    # The service table is joined only when a filter needs it.
    joins = f"JOIN catalog_service s ON s.id = f.service_id {filters.joins}" if filters.conditions else ""
    sql = (
        f"SELECT f.service_id, f.title, f.keywords FROM {TABLE} f "
        f"CROSS JOIN (SELECT to_tsquery('simple', %s) AS query) q {joins} "
        f"WHERE {' AND '.join(conditions)} "
        # Relevance first; the title's trigram similarity to what was typed breaks ties.
        f"ORDER BY ts_rank('{RANK_WEIGHTS}', f.document, q.query) DESC, similarity(f.title, %s) DESC, f.service_id"
    )
    with connection.cursor() as cursor:
        cursor.execute(sql, [tsquery(plan, any_unit=any_unit), *filters.params, typed])
        return [Match(*row) for row in cursor.fetchall()]
