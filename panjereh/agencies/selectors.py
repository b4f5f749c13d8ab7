"""Reads of agencies."""

from __future__ import annotations

from django.db.models import Count, QuerySet

from panjereh.agencies.constants import WindowStatus
from panjereh.agencies.models import Agency, OnboardingDeadlines
from panjereh.persian import compact, tokens


def agency_list() -> QuerySet[Agency]:
    """Every agency with the number of its services, by name."""
    return Agency.objects.annotate(service_count=Count("services")).order_by("name")


def agencies_find(*, name: str = "", status: str = "", province: str | None = None) -> list[Agency]:
    """The directory: agencies whose name holds every word typed (any spelling or spacing), in one
    window status and one province ("" for the agencies of the whole country; None for all), by name."""
    agencies = agency_list()
    if status:
        agencies = agencies.filter(window_status=status)
    if province is not None:
        agencies = agencies.filter(province=province)
    words = [compact(word) for word in tokens(name)]
    found = list(agencies)
    if words:  # a few hundred names: compared here, where spelling and spacing are folded the same way
        found = [agency for agency in found if all(word in compact(agency.name) for word in words)]
    return found


def agency_provinces() -> list[str]:
    """The provinces that have agencies of their own, by name."""
    return sorted(set(Agency.objects.exclude(province="").values_list("province", flat=True)))


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
