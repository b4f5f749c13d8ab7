"""Writes of the exchange: systems and their keys, data services, grants, consents.

Every change gives ExchangeState a new token in the same transaction, so each gateway process
reloads its in-memory registry within a second.
"""

from __future__ import annotations

import datetime
import logging
import secrets
from collections.abc import Iterable
from typing import Any

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey
from cryptography.hazmat.primitives.serialization import load_pem_public_key
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from panjereh.agencies.models import Agency
from panjereh.core.secrets import seal
from panjereh.exchange.audit.witness import WitnessFileDamaged, witness_locally
from panjereh.exchange.constants import CredentialKind, GrantStatus
from panjereh.exchange.models import AgencySystem, Consent, DataService, ExchangeState, Grant, Purpose, SystemCredential

logger = logging.getLogger(__name__)


def _changed() -> None:
    ExchangeState.objects.update_or_create(pk=1, defaults={"token": secrets.token_hex(16)})


def registry_changed() -> None:
    """Tell every gateway to reload its registry (after an edit made outside these services)."""
    _changed()


@transaction.atomic
def system_register(*, agency: Agency, code: str, name: str, base_url: str = "", contact: str = "") -> AgencySystem:
    system, _ = AgencySystem.objects.update_or_create(
        code=code, defaults={"agency": agency, "name": name, "base_url": base_url, "contact": contact, "active": True}
    )
    _changed()
    return system


@transaction.atomic
def system_deactivate(*, system: AgencySystem) -> None:
    AgencySystem.objects.filter(pk=system.pk).update(active=False)
    _changed()


@transaction.atomic
def credential_add_public_key(*, system: AgencySystem, key_id: str, public_key_pem: str) -> SystemCredential:
    """Register an Ed25519 public key (PEM); the system keeps the private half."""
    try:
        key = load_pem_public_key(public_key_pem.encode())
    except ValueError as error:
        raise ValidationError("کلید عمومی PEM معتبر نیست.") from error
    if not isinstance(key, Ed25519PublicKey):
        raise ValidationError("فقط کلید Ed25519 پذیرفته می‌شود.")
    credential = SystemCredential.objects.create(
        system=system, key_id=key_id, kind=CredentialKind.EDDSA, public_key=public_key_pem.strip()
    )
    _changed()
    return credential


@transaction.atomic
def credential_add_shared_secret(*, system: AgencySystem, key_id: str, secret: str | None = None) -> SystemCredential:
    """Create an HS256 shared secret (256 random bits unless given); show it to the agency once."""
    value = secret or secrets.token_urlsafe(32)
    if len(value) < 32:
        raise ValidationError("کلید مشترک باید دست‌کم ۳۲ نویسه باشد.")
    credential = SystemCredential.objects.create(
        system=system, key_id=key_id, kind=CredentialKind.HS256, secret=seal(value)
    )  # sealed at rest (panjereh.core.secrets): a copy of the database does not sign for the agency
    _changed()
    credential.secret = value  # this once, for the agency to take; never read back from the database
    return credential


@transaction.atomic
def credential_revoke(*, credential: SystemCredential) -> None:
    SystemCredential.objects.filter(pk=credential.pk, revoked_at__isnull=True).update(revoked_at=timezone.now())
    _changed()


@transaction.atomic
def purpose_upsert(*, code: str, name: str) -> Purpose:
    purpose, _ = Purpose.objects.update_or_create(code=code, defaults={"name": name})
    return purpose


@transaction.atomic
def data_service_publish(
    *, system: AgencySystem, code: str, title: str, endpoint: str, purposes: Iterable[Purpose], **fields: Any
) -> DataService:
    """Publish (or update) a data service served by `system` for its agency."""
    service, _ = DataService.objects.update_or_create(
        provider=system.agency, code=code, defaults={"system": system, "title": title, "endpoint": endpoint, **fields}
    )
    service.purposes.set(list(purposes))
    _changed()
    return service


@transaction.atomic
def grant_request(
    *, consumer: AgencySystem, data_service: DataService, purposes: Iterable[Purpose], reason: str = ""
) -> Grant:
    """The consumer asks; nothing is allowed until the provider approves (default deny)."""
    wanted = list(purposes)
    allowed = set(data_service.purposes.values_list("code", flat=True))
    refused = [p.code for p in wanted if p.code not in allowed]
    if refused:
        raise ValidationError(f"هدف «{refused[0]}» برای این خدمت داده تعریف نشده است.")
    grant = Grant.objects.create(consumer=consumer, data_service=data_service, reason=reason)
    grant.purposes.set(wanted)
    return grant


@transaction.atomic
def grant_decide(*, grant: Grant, approve: bool, by: str, valid_until: datetime.datetime | None = None) -> Grant:
    grant = Grant.objects.select_for_update().get(pk=grant.pk)  # two decisions at once: one wins
    if grant.status != GrantStatus.REQUESTED:
        raise ValidationError("این درخواست پیش‌تر بررسی شده است.")
    grant.status = GrantStatus.APPROVED if approve else GrantStatus.REJECTED
    grant.decided_at = timezone.now()
    grant.decided_by = by
    grant.valid_from = grant.decided_at if approve else None
    grant.valid_until = valid_until
    grant.save()
    _changed()
    return grant


@transaction.atomic
def grant_revoke(*, grant: Grant, by: str) -> Grant:
    grant.status = GrantStatus.REVOKED
    grant.decided_at = timezone.now()
    grant.decided_by = by
    grant.save()
    _changed()
    return grant


@transaction.atomic
def consent_give(
    *, subject: str, consumer_agency: Agency, data_service: DataService, purpose: Purpose,
    expires_at: datetime.datetime | None = None,
) -> Consent:  # fmt: skip
    return Consent.objects.create(
        subject=subject,
        consumer_agency=consumer_agency,
        data_service=data_service,
        purpose=purpose,
        expires_at=expires_at,
    )


@transaction.atomic
def consent_revoke(*, consent: Consent) -> None:
    Consent.objects.filter(pk=consent.pk, revoked_at__isnull=True).update(revoked_at=timezone.now())


def audit_head_witness() -> str:
    """The worker's turn as the audit log's local witness (exchange/audit/witness.py): the problem
    it found, logged as an error, or ""."""
    try:
        problem = witness_locally()
    except WitnessFileDamaged as error:
        problem = str(error)
    if problem:
        logger.error("audit log witness: %s", problem)
    return problem
