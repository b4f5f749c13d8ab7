"""Reads of the catalog."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from django.core.cache import cache
from django.db.models import Count, Q, QuerySet

from panjereh.catalog.constants import Maturity
from panjereh.catalog.models import Category, LifeEvent, Service
from panjereh.catalog.search.engine import LIST_FIELDS
from panjereh.catalog.search.index import current_version
from panjereh.core.aggregates import keyed
from panjereh.persian import compact

HOME_CACHE_SECONDS = 300


def service_get(code: str) -> Service | None:
    return (
        Service.objects.select_related("agency").prefetch_related("categories", "life_events").filter(code=code).first()
    )


def category_list() -> QuerySet[Category]:
    return Category.objects.annotate(service_count=Count("services"))


def life_event_list() -> QuerySet[LifeEvent]:
    return LifeEvent.objects.annotate(service_count=Count("services"))


@dataclass
class LifeEventStep:
    title: str
    services: list[Service]
    numbered: bool = True  # a step of the event, not the rest («خدمات دیگر»)


def life_event_steps(code: str) -> tuple[LifeEvent, list[LifeEventStep]] | None:
    """A life event's services in the order a person needs them: under its steps, each step's by its
    words in order, then the rest («خدمات دیگر»). None for an unknown code."""
    event = LifeEvent.objects.filter(code=code).first()
    if event is None:
        return None
    services = (
        Service.objects.filter(life_events=event).select_related("agency").only(*LIST_FIELDS).order_by("title", "id")
    )
    steps = [LifeEventStep(step["title"], []) for step in event.steps]
    words = [[compact(word) for word in step["words"]] for step in event.steps]
    others = LifeEventStep("خدمات دیگر", [], numbered=False)
    placed: list[tuple[int, int, Service]] = []  # (step, its first word the title holds, service)
    for service in services:
        title = compact(service.title)
        step = next((n for n, step_words in enumerate(words) if any(w in title for w in step_words)), None)
        if step is None:
            others.services.append(service)
        else:
            placed.append((step, next(k for k, w in enumerate(words[step]) if w in title), service))
    # Within a step, by its words in order («ولادت» before «شناسنامه»), then by title.
    for step, _, service in sorted(placed, key=lambda item: item[:2]):
        steps[step].services.append(service)
    return event, [step for step in [*steps, others] if step.services]


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


def profile_measures() -> dict[tuple[int, int], dict[str, int]]:
    """Per (agency id, service id), counted in SQL for the evaluation (sum them for an agency): the
    service, if not offline by nature; whether it is fully electronic, asks for no document, and
    publishes each of the profile's facts (time, requirements, legal basis, channels)."""
    rows = (
        Service.objects.exclude(maturity=Maturity.OFFLINE_BY_NATURE)
        .values("agency_id", "id")
        .annotate(
            services=Count("id"),
            full=Count("id", filter=Q(maturity=Maturity.FULL)),
            semi=Count("id", filter=Q(maturity=Maturity.SEMI)),
            no_documents=Count("id", filter=Q(requirements=[])),
            with_time=Count("id", filter=Q(sla_days__gt=0)),
            with_requirements=Count("id", filter=~Q(requirements=[])),
            with_legal_basis=Count("id", filter=~Q(legal_basis="")),
            with_channels=Count("id", filter=~Q(channels=[])),
        )
    )
    return keyed(rows, "agency_id", "id")


def service_names(ids: Iterable[int]) -> dict[int, tuple[str, str]]:
    """Each service's code and title, by id."""
    rows = Service.objects.filter(pk__in=list(ids)).values_list("pk", "code", "title")
    return {pk: (code, title) for pk, code, title in rows}


def listed_services() -> dict[int, int]:
    """Per agency id, its service profiles in the catalog (all of them)."""
    return dict(Service.objects.values_list("agency_id").annotate(n=Count("id")).values_list("agency_id", "n"))


def maturity_counts() -> dict[str, int]:
    """Services at each level of electronic maturity (every level named, zero included)."""
    counts = dict(Service.objects.values_list("maturity").annotate(n=Count("id")).values_list("maturity", "n"))
    return {level: counts.get(level, 0) for level in Maturity.values}
