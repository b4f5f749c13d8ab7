"""Reads of the exchange."""

from __future__ import annotations

from django.db.models import Q, QuerySet
from django.utils import timezone

from panjereh.exchange.models import AuditRecord, Consent


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
