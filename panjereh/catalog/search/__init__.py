"""Persian full-text search over the service catalog (SQLite FTS5 or PostgreSQL)."""

from panjereh.catalog.search.engine import SearchPage, plan_query, search_services
from panjereh.catalog.search.filters import SearchFilters
from panjereh.catalog.search.index import index_services, refresh_statistics, reindex_all, unindex_services

__all__ = [
    "SearchFilters",
    "SearchPage",
    "index_services",
    "plan_query",
    "refresh_statistics",
    "reindex_all",
    "search_services",
    "unindex_services",
]
