"""SQLite FTS5 backend: one FTS5 table keyed by the service id (rowid)."""

from __future__ import annotations

from collections.abc import Sequence

from django.db import connection

from panjereh.catalog.search.documents import FIELDS, WEIGHTS, Document
from panjereh.catalog.search.filters import FilterSQL
from panjereh.catalog.search.plan import Plan, render
from panjereh.catalog.search.rerank import Match

TABLE = "catalog_service_fts"

CREATE_SQL = (
    f"CREATE VIRTUAL TABLE IF NOT EXISTS {TABLE} USING fts5("
    + ", ".join(FIELDS)
    + ", title_words UNINDEXED, tokenize = 'unicode61 remove_diacritics 0', prefix = '2 3')"
)
DROP_SQL = f"DROP TABLE IF EXISTS {TABLE}"
_PLACEHOLDERS = ", ".join(["%s"] * (len(FIELDS) + 2))  # rowid, the fields, title_words
RANK = f"bm25({TABLE}, " + ", ".join(str(WEIGHTS[name]) for name in FIELDS) + ")"


def write(documents: Sequence[Document]) -> None:
    with connection.cursor() as cursor:
        cursor.executemany(f"DELETE FROM {TABLE} WHERE rowid = %s", [(doc.service_id,) for doc in documents])
        cursor.executemany(
            f"INSERT INTO {TABLE} (rowid, {', '.join(FIELDS)}, title_words) VALUES ({_PLACEHOLDERS})",
            [(doc.service_id, *(doc.field_text(name) for name in FIELDS), doc.title_words) for doc in documents],
        )


def prune() -> None:
    """Drop index rows whose service is gone (after a flush or a delete outside the services)."""
    with connection.cursor() as cursor:
        cursor.execute(f"DELETE FROM {TABLE} WHERE rowid NOT IN (SELECT id FROM catalog_service)")


def analyze() -> None:
    with connection.cursor() as cursor:
        cursor.execute("PRAGMA optimize")


def delete(service_ids: Sequence[int]) -> None:
    with connection.cursor() as cursor:
        cursor.executemany(f"DELETE FROM {TABLE} WHERE rowid = %s", [(pk,) for pk in service_ids])


def clear() -> None:
    with connection.cursor() as cursor:
        cursor.execute(f"DELETE FROM {TABLE}")


def _term(term: str, prefix: bool) -> str:
    quoted = '"' + term.replace('"', '""') + '"'
    return quoted + "*" if prefix else quoted


def match_expression(plan: Plan, *, any_unit: bool = False) -> str:
    return render(plan, term=_term, all_of=" AND ", any_of=" OR ", any_unit=any_unit)


def ranked(plan: Plan, filters: FilterSQL, *, any_unit: bool = False) -> list[Match]:
    """(service id, normalised title, keyword terms) of every match, most relevant first."""
    conditions = [f"{TABLE} MATCH %s", *filters.conditions]
    # The service table is joined only when a filter needs it.
    joins = f"JOIN catalog_service s ON s.id = {TABLE}.rowid {filters.joins}" if filters.conditions else ""
    sql = (
        f"SELECT {TABLE}.rowid, {TABLE}.title_words, {TABLE}.keywords FROM {TABLE} {joins} "
        f"WHERE {' AND '.join(conditions)} ORDER BY {RANK}, {TABLE}.rowid"
    )
    with connection.cursor() as cursor:
        cursor.execute(sql, [match_expression(plan, any_unit=any_unit), *filters.params])
        return [Match(*row) for row in cursor.fetchall()]
