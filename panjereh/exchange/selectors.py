"""Reads of the exchange."""

from __future__ import annotations

import datetime
import math
from dataclasses import dataclass

from django.db.models import Count, F, IntegerField, Q, QuerySet
from django.db.models.functions import Cast
from django.utils import timezone

from panjereh.agencies.models import Agency
from panjereh.core.aggregates import keyed
from panjereh.exchange.constants import Outcome
from panjereh.exchange.models import AuditRecord, Consent, DataService, Purpose


def consent_exists(subject: str, consumer_agency: str, data_service_id: int, purpose: str) -> bool:
    now = timezone.now()
    return (
        Consent.objects.filter(
            subject=subject,
            consumer_agency__code=consumer_agency,
            data_service_id=data_service_id,
            purpose__code=purpose,
            revoked_at__isnull=True,
        )
        .filter(Q(expires_at__isnull=True) | Q(expires_at__gt=now))
        .exists()
    )


def data_access_of(national_code: str) -> QuerySet[AuditRecord]:
    """Every access to this person's data that a provider answered, newest first."""
    return AuditRecord.objects.filter(subject=national_code, outcome="ok").order_by("-seq")


@dataclass(frozen=True)
class Named:
    code: str
    name: str


@dataclass(frozen=True)
class Access:
    """One answered inquiry about a person, in words the person understands."""

    audit_id: int
    at: datetime.datetime
    consumer: Named  # the agency that asked
    provider: Named  # the agency that answered
    data_service: Named
    purpose: Named
    application: str


def data_access_page(national_code: str, page: int = 1, page_size: int = 20) -> tuple[int, list[Access]]:
    """(total, this page's accesses) for one person, newest first."""
    records = data_access_of(national_code)
    total = records.count()
    rows = list(records[(page - 1) * page_size : page * page_size])
    agencies = dict(
        Agency.objects.filter(code__in={r.consumer_agency for r in rows} | {r.provider for r in rows}).values_list(
            "code", "name"
        )
    )
    titles = {
        (provider, code): title
        for provider, code, title in DataService.objects.filter(
            provider__code__in={r.provider for r in rows}, code__in={r.data_service for r in rows}
        ).values_list("provider__code", "code", "title")
    }
    purposes = dict(Purpose.objects.filter(code__in={r.purpose for r in rows}).values_list("code", "name"))
    return total, [
        Access(
            audit_id=r.seq,
            at=r.at,
            consumer=Named(r.consumer_agency, agencies.get(r.consumer_agency, r.consumer_agency)),
            provider=Named(r.provider, agencies.get(r.provider, r.provider)),
            data_service=Named(r.data_service, titles.get((r.provider, r.data_service), r.data_service)),
            purpose=Named(r.purpose, purposes.get(r.purpose, r.purpose)),
            application=r.application,
        )
        for r in rows
    ]


# Outcomes of calls the gateway forwarded to the provider (the rest were refused before it was asked).
FORWARDED = (Outcome.OK, Outcome.PROVIDER_ERROR, Outcome.PROVIDER_TIMEOUT, Outcome.PROVIDER_UNAVAILABLE,
             Outcome.INVALID_RESPONSE)  # fmt: skip


LATENCY_BUCKET_MS = 10  # the p95 is read from a histogram: to within this many milliseconds


def provider_measures(start: datetime.datetime, end: datetime.datetime) -> dict[str, dict[str, float]]:
    """Per providing agency's code, from the audit log of [start, end), for the evaluation: calls
    forwarded to its systems, those answered well, the 95th percentile of their latency (ms, from a
    histogram of 10 ms buckets: two passes over the log in all, whatever the number of providers), and
    how many other agencies it answered."""
    window = AuditRecord.objects.filter(at__gte=start, at__lt=end)
    rows = (
        window.values("provider")
        .annotate(
            forwarded=Count("pk", filter=Q(outcome__in=FORWARDED)),
            answered=Count("pk", filter=Q(outcome=Outcome.OK)),
            consumers=Count(
                "consumer_agency", distinct=True, filter=Q(outcome=Outcome.OK) & ~Q(consumer_agency=F("provider"))
            ),
        )
        .filter(forwarded__gt=0)
    )
    measures = keyed(rows, "provider")
    histogram: dict[str, list[tuple[int, int]]] = {}
    buckets = (
        window.filter(outcome=Outcome.OK)
        # Whole milliseconds, then integer division: the same buckets on both databases (PostgreSQL's
        # cast of a fraction rounds where SQLite's truncates).
        .annotate(bucket=Cast("latency_ms", IntegerField()) / LATENCY_BUCKET_MS)
        .values_list("provider", "bucket")
        .annotate(n=Count("pk"))
        .order_by()
    )
    for provider, bucket, n in buckets:
        histogram.setdefault(provider, []).append((bucket, n))
    for provider, row in measures.items():
        if row["answered"] and provider in histogram:
            row["p95_ms"] = _percentile_from(histogram[provider], 0.95)
    return measures


def _percentile_from(buckets: list[tuple[int, int]], fraction: float) -> float:
    """The upper edge of the bucket the `fraction`-th answer falls in."""
    total = sum(n for _, n in buckets)
    wanted, seen = math.ceil(fraction * total), 0
    for bucket, n in sorted(buckets):
        seen += n
        if seen >= wanted:
            return float((bucket + 1) * LATENCY_BUCKET_MS)
    return float((max(b for b, _ in buckets) + 1) * LATENCY_BUCKET_MS)


def exchange_calls(start: datetime.datetime, end: datetime.datetime) -> int:
    """Calls through the exchange in [start, end), answered or refused (the audit log)."""
    return AuditRecord.objects.filter(at__gte=start, at__lt=end).count()
