"""Reads of the catalog."""

from __future__ import annotations

from django.db.models import Count, QuerySet

from panjereh.catalog.models import Category, LifeEvent, Service


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


def catalog_totals() -> dict[str, int]:
    """Counts for the home page: services, smart services, fully electronic services."""
    totals = Service.objects.aggregate(services=Count("id"))
    totals["smart"] = Service.objects.filter(smart=True).count()
    totals["full"] = Service.objects.filter(maturity="full").count()
    return totals
