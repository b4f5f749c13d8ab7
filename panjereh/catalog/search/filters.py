"""Search filters, rendered once as SQL that both backends append to their match."""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class SearchFilters:
    agency: str | None = None
    audience: str | None = None
    maturity: str | None = None
    smart: bool | None = None
    category: str | None = None
    life_event: str | None = None


@dataclass
class FilterSQL:
    joins: str = ""
    conditions: list[str] = field(default_factory=list)
    params: list[str | bool] = field(default_factory=list)


def filter_sql(filters: SearchFilters) -> FilterSQL:
    """Joins and conditions over `catalog_service s` for the chosen filters (parameters bound)."""
    sql = FilterSQL()
    joins: list[str] = []
    if filters.agency:
        joins.append("JOIN agencies_agency a ON a.id = s.agency_id")
        sql.conditions.append("a.code = %s")
        sql.params.append(filters.agency)
    for column in ("audience", "maturity"):
        value = getattr(filters, column)
        if value:
            sql.conditions.append(f"s.{column} = %s")
            sql.params.append(value)
    if filters.smart is not None:
        sql.conditions.append("s.smart = %s")
        sql.params.append(filters.smart)
    # (filter, link table, its column, grouping table): a service's categories and life events
    groupings = [
        (filters.category, "catalog_service_categories", "category_id", "catalog_category"),
        (filters.life_event, "catalog_service_life_events", "lifeevent_id", "catalog_lifeevent"),
    ]
    for n, (code, link, column, table) in enumerate(groupings):
        if code:
            joins.append(f"JOIN {link} k{n} ON k{n}.service_id = s.id JOIN {table} g{n} ON g{n}.id = k{n}.{column}")
            sql.conditions.append(f"g{n}.code = %s")
            sql.params.append(code)
    sql.joins = " ".join(joins)
    return sql
