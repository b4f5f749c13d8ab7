"""Keeping the search index in step with the catalog. Called by the catalog's services."""

from __future__ import annotations

import secrets
from collections.abc import Iterable, Sequence
from types import ModuleType

from django.db import connection, transaction

from panjereh.catalog.models import SearchState, Service
from panjereh.catalog.search import postgres, sqlite
from panjereh.catalog.search.documents import Document, build_document

BATCH = 1000


def backend() -> ModuleType:
    return postgres if connection.vendor == "postgresql" else sqlite


def documents_for(service_ids: Iterable[int] | None = None) -> list[Document]:
    rows = Service.objects.values_list("id", "title", "keywords", "agency__name", "summary")
    if service_ids is not None:
        rows = rows.filter(id__in=list(service_ids))
    return [
        build_document(pk, title, list(keywords or []), agency, summary)
        for pk, title, keywords, agency, summary in rows
    ]


# Counts this process's own index changes, so its searches see them at once (engine.lexicon).
local_generation = 0


def _bump_version() -> None:
    global local_generation
    SearchState.objects.update_or_create(pk=1, defaults={"token": secrets.token_hex(16)})
    local_generation += 1


@transaction.atomic
def index_services(service_ids: Sequence[int]) -> None:
    """(Re)index these services; call it in the transaction that changed them."""
    for start in range(0, len(service_ids), BATCH):
        backend().write(documents_for(service_ids[start : start + BATCH]))
    _bump_version()


def refresh_statistics() -> None:
    """After a bulk load: let the database planner see the new size of the catalog."""
    backend().analyze()


@transaction.atomic
def unindex_services(service_ids: Sequence[int]) -> None:
    backend().delete(service_ids)
    _bump_version()


@transaction.atomic
def reindex_all() -> int:
    backend().clear()
    ids = list(Service.objects.order_by("id").values_list("id", flat=True))
    for start in range(0, len(ids), BATCH):
        backend().write(documents_for(ids[start : start + BATCH]))
    _bump_version()
    backend().analyze()
    return len(ids)


def current_version() -> str:
    return SearchState.objects.filter(pk=1).values_list("token", flat=True).first() or ""
