"""The one search function over the catalog, whichever database runs underneath."""

from __future__ import annotations

import threading
import time
from dataclasses import dataclass

from panjereh.catalog.constants import PAGE_SIZE
from panjereh.catalog.models import Service
from panjereh.catalog.search import index
from panjereh.catalog.search.filters import SearchFilters, filter_sql
from panjereh.catalog.search.index import backend, current_version, documents_for
from panjereh.catalog.search.plan import Alternative, Plan, build_plan, synonym_table
from panjereh.catalog.search.rerank import rank
from panjereh.catalog.search.vocabulary import Vocabulary
from panjereh.catalog.synonyms import SYNONYMS

# What a result list shows; the long fields (description, requirements, …) stay in the database.
LIST_FIELDS = (
    "code", "title", "summary", "maturity", "smart", "smart_claimed", "audience", "agency__code", "agency__name",
    "agency__window_status",
)  # fmt: skip


@dataclass
class SearchPage:
    count: int
    services: list[Service]
    page: int
    page_size: int
    # No service has every word as typed: these are the closest matches (typo corrections, or
    # services with only some of the words), and `suggestion` is the query likeliest meant.
    approximate: bool = False
    suggestion: str = ""

    @property
    def pages(self) -> int:
        return max(1, -(-self.count // self.page_size))


@dataclass
class _Lexicon:
    version: str
    vocabulary: Vocabulary
    synonyms: dict[str, list[Alternative]]
    checked_at: float = 0.0
    local_generation: int = -1


# Another process's catalog change reaches this one's typo vocabulary within this many seconds;
# this process's own changes at once. Saves a database round trip on most searches.
VERSION_CHECK_SECONDS = 1.0

_lexicon: _Lexicon | None = None
_lexicon_lock = threading.Lock()


def lexicon() -> _Lexicon:
    """The vocabulary of the current index, rebuilt in this process when the index changed."""
    global _lexicon
    cached = _lexicon
    now = time.monotonic()
    generation = index.local_generation
    if cached is not None and cached.local_generation == generation and now - cached.checked_at < VERSION_CHECK_SECONDS:
        return cached
    version = current_version()
    if cached is not None and cached.version == version:
        cached.checked_at, cached.local_generation = now, generation
        return cached
    with _lexicon_lock:
        if _lexicon is None or _lexicon.version != version:
            documents = documents_for()
            vocabulary = Vocabulary(
                (doc.all_terms() for doc in documents),
                correctable=(term for doc in documents for term in doc.correctable_terms()),
            )
            _lexicon = _Lexicon(version, vocabulary, synonym_table(SYNONYMS), now, generation)
        return _lexicon


def plan_query(query: str) -> Plan:
    current = lexicon()
    return build_plan(query, current.vocabulary, current.synonyms)


def search_services(
    query: str, filters: SearchFilters | None = None, page: int = 1, page_size: int = PAGE_SIZE
) -> SearchPage:
    """Services matching `query` (any spelling, digits, compounds, one typo) and the filters,
    most relevant first; with no query, every service that passes the filters, by title."""
    filters = filters or SearchFilters()
    page = max(1, page)
    plan = plan_query(query) if query.strip() else Plan()
    if plan.empty:
        return _browse(filters, page, page_size)
    sql = filter_sql(filters)
    matches = backend().ranked(plan, sql)
    approximate = plan.guessed
    if not matches and len(plan.units) > 1:
        # Nothing has every word: fall back to services with any of them, still ranked.
        matches = backend().ranked(plan, sql, any_unit=True)
        approximate = True
    ids = rank(matches, plan)
    window = ids[(page - 1) * page_size : page * page_size]
    by_id = Service.objects.select_related("agency").only(*LIST_FIELDS).in_bulk(window)
    return SearchPage(
        count=len(ids), services=[by_id[pk] for pk in window if pk in by_id], page=page, page_size=page_size,
        approximate=approximate and bool(ids), suggestion=plan.suggestion(),
    )  # fmt: skip


def _browse(filters: SearchFilters, page: int, page_size: int) -> SearchPage:
    services = Service.objects.select_related("agency")
    if filters.agency:
        services = services.filter(agency__code=filters.agency)
    if filters.audience:
        services = services.filter(audience=filters.audience)
    if filters.maturity:
        services = services.filter(maturity=filters.maturity)
    if filters.smart is not None:
        services = services.filter(smart=filters.smart)
    if filters.category:
        services = services.filter(categories__code=filters.category)
    if filters.life_event:
        services = services.filter(life_events__code=filters.life_event)
    services = services.only(*LIST_FIELDS).order_by("title", "id")
    count = services.count()
    window = list(services[(page - 1) * page_size : page * page_size])
    return SearchPage(count=count, services=window, page=page, page_size=page_size)
