"""The platform's own numbers, open to everyone (`GET /api/v1/statistics`, `/statistics/`): the catalog
by maturity, the smart and document-free shares as measured (as the indicators define them), agencies
connected, people who have logged in, and this Jalali month's applications and exchange calls. Counted
in SQL through each app's selectors, and kept in the cache for a few minutes."""

from __future__ import annotations

import datetime
import zoneinfo
from typing import Any

import jdatetime
from django.conf import settings
from django.core.cache import cache

from panjereh.accounts.selectors import users_count
from panjereh.agencies.selectors import window_status_counts
from panjereh.applications.selectors import applications_submitted, definition_measures
from panjereh.catalog.constants import Maturity
from panjereh.catalog.selectors import maturity_counts, profile_measures
from panjereh.core.replica import replica_reads
from panjereh.exchange.selectors import exchange_calls
from panjereh.persian import PERSIAN_MONTHS, to_persian_digits

CACHE_SECONDS = 300


def statistics(now: datetime.datetime) -> dict[str, Any]:
    key = f"evaluation:statistics:{int(now.timestamp()) // CACHE_SECONDS}"
    numbers: dict[str, Any] | None = cache.get(key)
    if numbers is None:
        with replica_reads():  # counts of the month, kept five minutes anyway
            numbers = _count(now)
        cache.set(key, numbers, CACHE_SECONDS)
    return numbers


def month_of(now: datetime.datetime) -> tuple[datetime.datetime, str]:
    """The start of `now`'s Jalali month in Tehran, and its name («آذر ۱۴۰۵»)."""
    tehran = zoneinfo.ZoneInfo(settings.TIME_ZONE)
    local = jdatetime.datetime.fromgregorian(datetime=now.astimezone(tehran))
    first = jdatetime.date(local.year, local.month, 1).togregorian()
    name = f"{PERSIAN_MONTHS[local.month - 1]} {to_persian_digits(str(local.year))}"
    return datetime.datetime(first.year, first.month, first.day, tzinfo=tehran), name


def _count(now: datetime.datetime) -> dict[str, Any]:
    by_maturity = maturity_counts()
    online_able = sum(n for level, n in by_maturity.items() if level != Maturity.OFFLINE_BY_NATURE)
    definitions = definition_measures().values()
    smart = sum(d.get("automatic", 0) for d in definitions)
    document_free = sum(p.get("no_documents", 0) for p in profile_measures().values()) + sum(
        d.get("defined_listing_documents", 0) for d in definitions
    )
    windows = window_status_counts()
    month_start, month_name = month_of(now)
    return {
        "services": sum(by_maturity.values()),
        "by_maturity": by_maturity,
        "smart_services": smart,
        "smart_share": round(smart / online_able, 4) if online_able else 0.0,
        "document_free_ratio": round(document_free / online_able, 4) if online_able else 0.0,
        "agencies": sum(windows.values()),
        "agencies_connected": windows.get("connected", 0),
        "windows": windows,
        "users": users_count(),
        "month": month_name,
        "applications_month": applications_submitted(month_start, now),
        "exchange_transactions_month": exchange_calls(month_start, now),
    }
