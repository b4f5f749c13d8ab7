"""Reads of the catalog."""

from __future__ import annotations

from typing import Any

from django.core.cache import cache
from django.db.models import Count, QuerySet

from panjereh.catalog.models import Category, LifeEvent, Service
from panjereh.catalog.search.index import current_version

HOME_CACHE_SECONDS = 300


def service_get(code: str) -> Service | None:
    return (
        Service.objects.select_related("agency").prefetch_related("categories", "life_events").filter(code=code).first()
    )


def category_list() -> QuerySet[Category]:
    return Category.objects.annotate(service_count=Count("services"))


def life_event_list() -> QuerySet[LifeEvent]:
    return LifeEvent.objects.annotate(service_count=Count("services"))


def services_of_agency(agency_id: int) -> QuerySet[Service]:
    return Service.objects.filter(agency_id=agency_id).order_by("title")


def category_choices() -> list[tuple[str, str]]:
    return list(Category.objects.values_list("code", "name"))


def home_summary() -> dict[str, Any]:
    """Categories and life events with their counts, and the catalog's totals. Cached under the
    search index's token, which changes with every catalog write, so it is never stale."""
    key = f"catalog:home:{current_version()}"
    summary: dict[str, Any] | None = cache.get(key)
    if summary is None:
        summary = {
            "categories": list(category_list()),
            "life_events": list(life_event_list()),
            "totals": catalog_totals(),
        }
        cache.set(key, summary, HOME_CACHE_SECONDS)
    return summary


def catalog_totals() -> dict[str, int]:
    """Counts for the home page: services, smart services, fully electronic services."""
    totals = Service.objects.aggregate(services=Count("id"))
    totals["smart"] = Service.objects.filter(smart=True).count()
    totals["full"] = Service.objects.filter(maturity="full").count()
    return totals
