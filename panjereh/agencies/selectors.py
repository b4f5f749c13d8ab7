"""Reads of agencies."""

from __future__ import annotations

from django.db.models import Count, QuerySet

from panjereh.agencies.constants import WindowStatus
from panjereh.agencies.models import Agency, OnboardingDeadlines


def agency_list() -> QuerySet[Agency]:
    """Every agency with the number of its services, by name."""
    return Agency.objects.annotate(service_count=Count("services")).order_by("name")


def agency_get(code: str) -> Agency | None:
    return Agency.objects.filter(code=code).first()


def sample_data_present() -> bool:
    return Agency.objects.filter(is_sample=True).exists()


def agency_choices() -> list[tuple[str, str]]:
    """(code, name) of every agency, by name: for filter menus, without counting anything."""
    return list(Agency.objects.order_by("name").values_list("code", "name"))


def onboarding_deadlines() -> OnboardingDeadlines | None:
    """The legal deadlines every agency's window is held to (one row, or none yet)."""
    return OnboardingDeadlines.objects.first()


def window_status_counts() -> dict[str, int]:
    """Agencies at each step of connecting their own window (every step named, zero included)."""
    counts = dict(Agency.objects.values_list("window_status").annotate(n=Count("id")).values_list("window_status", "n"))
    return {status: counts.get(status, 0) for status in WindowStatus.values}
