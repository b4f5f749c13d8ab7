"""Writes of the catalog. Every write keeps the search index in step, in the same transaction."""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from django.db import transaction

from panjereh.catalog.imports import ImportReport, catalog_import, parse_lines
from panjereh.catalog.models import Category, LifeEvent, Service
from panjereh.catalog.search import index_services, unindex_services

if TYPE_CHECKING:  # annotations only
    from panjereh.agencies.models import Agency

__all__ = [
    "ImportReport",
    "catalog_import",
    "catalog_import_file",
    "services_reindex",
    "services_unindex",
    "taxonomy_upsert",
]


def catalog_import_file(path: Path) -> ImportReport:
    with path.open("rb") as handle:
        return catalog_import(parse_lines(handle))


@transaction.atomic
def taxonomy_upsert(*, categories: Iterable[dict[str, Any]], life_events: Iterable[dict[str, Any]]) -> None:
    """Create or update the categories and life events (by code), keeping the given order."""
    for model, rows in ((Category, categories), (LifeEvent, life_events)):
        for position, row in enumerate(rows):
            model.objects.update_or_create(
                code=row["code"],
                defaults={"name": row["name"], "description": row.get("description", ""), "position": position},
            )


def services_reindex(service_ids: list[int]) -> None:
    """Bring the search index up to date after an edit made outside the import (the admin)."""
    index_services(service_ids)


def services_unindex(service_ids: list[int]) -> None:
    unindex_services(service_ids)


def agency_services_reindex(agency: Agency) -> None:
    """An agency was renamed: its services' index entries carry its name (agencies.services calls this)."""
    services_reindex(list(Service.objects.filter(agency_id=agency.pk).values_list("pk", flat=True)))
