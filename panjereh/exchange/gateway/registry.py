"""An in-memory snapshot of who may call what, so a call costs no database read for it.

Reloaded (in a worker thread) when ExchangeState's token changes; the token is read at most once
a second, so a revoked key or grant stops working within about a second in every process.
"""

from __future__ import annotations

import datetime
import logging
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

import fastjsonschema
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey
from cryptography.hazmat.primitives.serialization import load_pem_public_key

from panjereh.core.secrets import SealBroken, unseal
from panjereh.exchange.constants import CredentialKind, GrantStatus
from panjereh.exchange.models import AgencySystem, DataService, ExchangeState, Grant, SystemCredential

CHECK_SECONDS = 1.0
MIN_SECRET_CHARS = 32
logger = logging.getLogger(__name__)
Validator = Callable[[Any], Any]


@dataclass(frozen=True)
class Key:
    key_id: str
    alg: str
    key: Any  # bytes secret (HS256) or Ed25519PublicKey (EdDSA)


@dataclass(frozen=True)
class System:
    code: str
    agency: str
    keys: tuple[Key, ...]


@dataclass(frozen=True)
class Service:
    pk: int
    provider: str
    code: str
    url: str
    validate_request: Validator
    validate_response: Validator
    purposes: frozenset[str]
    concerns_person: bool
    subject_field: str
    requires_consent: bool
    timeout: float
    idempotent: bool


@dataclass(frozen=True)
class GrantView:
    purposes: frozenset[str]
    valid_from: datetime.datetime | None
    valid_until: datetime.datetime | None

    def valid_at(self, now: datetime.datetime) -> bool:
        return (self.valid_from is None or self.valid_from <= now) and (
            self.valid_until is None or now < self.valid_until
        )


@dataclass
class Snapshot:
    token: str
    systems: dict[str, System] = field(default_factory=dict)
    services: dict[tuple[str, str], Service] = field(default_factory=dict)
    grants: dict[tuple[str, str, str], list[GrantView]] = field(default_factory=dict)
    checked_at: float = 0.0


def current_token() -> str:
    return ExchangeState.objects.filter(pk=1).values_list("token", flat=True).first() or ""


def load(token: str) -> Snapshot:
    snapshot = Snapshot(token=token, checked_at=time.monotonic())
    keys: dict[int, list[Key]] = {}
    for credential in SystemCredential.objects.filter(revoked_at__isnull=True):
        key = _key(credential)
        if key is not None:
            keys.setdefault(credential.system_id, []).append(key)
    for system in AgencySystem.objects.filter(active=True).select_related("agency"):
        snapshot.systems[system.code] = System(system.code, system.agency.code, tuple(keys.get(system.pk, [])))
    services = DataService.objects.filter(active=True, system__active=True).select_related("provider", "system")
    for service in services.prefetch_related("purposes"):
        try:
            snapshot.services[(service.provider.code, service.code)] = _service(service)
        except Exception:  # one broken row (e.g. a schema that does not compile) must not stop the rest
            logger.exception("data service %s/%s skipped", service.provider.code, service.code)
    grants = Grant.objects.filter(status=GrantStatus.APPROVED).select_related("consumer", "data_service__provider")
    for grant in grants.prefetch_related("purposes"):
        grant_key = (grant.consumer.code, grant.data_service.provider.code, grant.data_service.code)
        view = GrantView(frozenset(p.code for p in grant.purposes.all()), grant.valid_from, grant.valid_until)
        snapshot.grants.setdefault(grant_key, []).append(view)
    return snapshot


def _service(service: DataService) -> Service:
    return Service(
        pk=service.pk,
        provider=service.provider.code,
        code=service.code,
        url=service.system.base_url.rstrip("/") + "/" + service.endpoint.lstrip("/"),
        validate_request=fastjsonschema.compile(service.request_schema or {}),
        validate_response=fastjsonschema.compile(service.response_schema or {}),
        purposes=frozenset(p.code for p in service.purposes.all()),
        concerns_person=service.concerns_person,
        subject_field=service.subject_field,
        requires_consent=service.requires_consent,
        timeout=service.timeout_ms / 1000,
        idempotent=service.idempotent,
    )


def _key(credential: SystemCredential) -> Key | None:
    """The credential as a usable key, or None (logged) when it cannot be trusted to check anything:
    an HS256 secret shorter than 32 characters (an empty one would let anyone sign), a PEM that is
    not an Ed25519 public key."""
    if credential.kind == CredentialKind.HS256:
        try:
            secret = unseal(credential.secret)
        except SealBroken:
            logger.error("credential %s skipped: its sealed secret opens with no known key", credential)
            return None
        if len(secret) < MIN_SECRET_CHARS:
            logger.error("credential %s skipped: shared secret too short", credential)
            return None
        return Key(credential.key_id, "HS256", secret.encode())
    try:
        public = load_pem_public_key(credential.public_key.encode())
    except ValueError:
        public = None
    if not isinstance(public, Ed25519PublicKey):
        logger.error("credential %s skipped: not an Ed25519 public key", credential)
        return None
    return Key(credential.key_id, "EdDSA", public)
