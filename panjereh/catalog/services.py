"""Writes of the catalog. Every write keeps the search index in step, in the same transaction."""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from django.db import transaction
from django.db.models import Case, Value, When

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
    "services_smart_set",
    "services_unindex",
    "taxonomy_upsert",
]


def catalog_import_file(path: Path) -> ImportReport:
    with path.open("rb") as handle:
        return catalog_import(parse_lines(handle))


@transaction.atomic
def taxonomy_upsert(*, categories: Iterable[dict[str, Any]], life_events: Iterable[dict[str, Any]]) -> None:
    """Create or update the categories and life events (by code), keeping the given order."""
    for position, row in enumerate(categories):
        Category.objects.update_or_create(code=row["code"], defaults=_grouping(row, position))
    for position, row in enumerate(life_events):
        LifeEvent.objects.update_or_create(code=row["code"], defaults={**_grouping(row, position),
                                                                         "steps": row.get("steps", [])})  # fmt: skip


def _grouping(row: dict[str, Any], position: int) -> dict[str, Any]:
    return {"name": row["name"], "description": row.get("description", ""), "position": position}


def services_reindex(service_ids: list[int]) -> None:
    """Bring the search index up to date after an edit made outside the import (the admin)."""
    index_services(service_ids)


def services_unindex(service_ids: list[int]) -> None:
    unindex_services(service_ids)


def agency_services_reindex(agency: Agency) -> None:
    """An agency was renamed: its services' index entries carry its name (agencies.services calls this)."""
    services_reindex(list(Service.objects.filter(agency_id=agency.pk).values_list("pk", flat=True)))


def services_smart_set(*, smart: set[int], among: set[int] | None = None) -> int:
    """Mark the services in `smart` smart and the others (of `among`, or all) not: the flag is measured
    by the applications app from the platform's definitions, never typed. Returns how many changed."""
    scope = Service.objects.all() if among is None else Service.objects.filter(pk__in=among)
    changed = list(scope.filter(pk__in=smart, smart=False).values_list("pk", flat=True))
    changed += list(scope.exclude(pk__in=smart).filter(smart=True).values_list("pk", flat=True))
    if changed:
        Service.objects.filter(pk__in=changed).update(smart=Case(When(pk__in=smart, then=Value(True)), default=False))
        index_services(changed)
    return len(changed)
