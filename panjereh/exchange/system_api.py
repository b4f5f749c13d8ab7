"""/api/v1/exchange/…: what an agency's system manages on the exchange, with its own signed token.

Grants: the consumer requests one; the provider approves, rejects or revokes it. Keys: a system
adds a new key and revokes an old one (rotation without downtime). Every object is reachable only
by the agencies it concerns: to anyone else it does not exist (404).
"""

from __future__ import annotations

import datetime
import threading
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Q
from django.http import HttpRequest
from ninja import Field, Router, Schema, Status
from ninja.security import HttpBearer
from pydantic import ConfigDict

from panjereh.core.errors import Conflict, DomainError, InvalidInput, NotFound
from panjereh.exchange import services
from panjereh.exchange.gateway import registry
from panjereh.exchange.gateway.registry import Snapshot, System
from panjereh.exchange.gateway.replay import token_id_first_use
from panjereh.exchange.gateway.tokens import API_AUDIENCE, verify
from panjereh.exchange.models import AgencySystem, DataService, Grant, Purpose, SystemCredential

_lock = threading.Lock()
_snapshot: Snapshot | None = None


def _current_snapshot() -> Snapshot:
    """Checked against the registry token on every call: this API is low-volume, and a revoked
    key must stop working here at once."""
    global _snapshot
    with _lock:
        token = registry.current_token()
        if _snapshot is None or _snapshot.token != token:
            _snapshot = registry.load(token)
        return _snapshot


class SystemToken(HttpBearer):
    """The same signed, single-use token an agency system sends to the gateway."""

    def authenticate(self, request: HttpRequest, token: str) -> System | None:
        try:
            return verify(f"Bearer {token}", _current_snapshot(), token_id_first_use, audience=API_AUDIENCE).system
        except Exception:
            return None


router = Router(tags=["exchange"], auth=SystemToken())
LAST_KEY = "آخرین کلید فعال سامانه را نمی‌توان باطل کرد؛ نخست کلید تازه ثبت کنید."


class StrictIn(Schema):
    model_config = ConfigDict(extra="forbid")  # a misspelt field is an error, not silently ignored


class GrantIn(StrictIn):
    provider: str = Field(max_length=64)
    data_service: str = Field(max_length=64)
    purposes: list[str] = Field(min_length=1, max_length=20)
    reason: str = Field("", max_length=2000)


class GrantOut(Schema):
    id: int
    consumer: str
    provider: str
    data_service: str
    purposes: list[str]
    status: str
    valid_from: datetime.datetime | None
    valid_until: datetime.datetime | None


class DecisionIn(StrictIn):
    approve: bool
    valid_until: datetime.datetime | None = None


class KeyIn(StrictIn):
    key_id: str = Field(pattern=r"^[a-z0-9][a-z0-9-]{0,62}$")
    public_key_pem: str = Field(max_length=2000)


class KeyOut(Schema):
    key_id: str
    kind: str
    active: bool


def _caller(request: HttpRequest) -> AgencySystem:
    system: System = request.auth  # type: ignore[attr-defined]
    return AgencySystem.objects.select_related("agency").get(code=system.code)


def _out(grant: Grant) -> dict[str, Any]:
    return {
        "id": grant.pk, "consumer": grant.consumer.code, "provider": grant.data_service.provider.code,
        "data_service": grant.data_service.code, "purposes": sorted(p.code for p in grant.purposes.all()),
        "status": grant.status, "valid_from": grant.valid_from, "valid_until": grant.valid_until,
    }  # fmt: skip


def _invalid(error: ValidationError, field: str | None = None) -> DomainError:
    return InvalidInput("invalid_request", error.messages[0], field)


def _grants() -> Any:
    return Grant.objects.select_related("consumer", "data_service__provider").prefetch_related("purposes")


@router.post(
    "/grants",
    response={201: GrantOut},
    summary="A consumer system asks for a grant",
    openapi_extra={"responses": {404: {"description": "data_service_not_found: no such active data service"}}},
)
def grant_request(request: HttpRequest, payload: GrantIn) -> Status[dict[str, Any]]:
    consumer = _caller(request)
    service = DataService.objects.filter(
        provider__code=payload.provider, code=payload.data_service, active=True
    ).first()
    if service is None:
        raise NotFound("data_service_not_found", "خدمت داده‌ای با این نشانی پیدا نشد.", "data_service")
    purposes = list(Purpose.objects.filter(code__in=payload.purposes))
    if len(purposes) != len(set(payload.purposes)):
        raise InvalidInput("invalid_request", "یکی از هدف‌ها شناخته نیست.", "purposes")
    try:
        grant = services.grant_request(
            consumer=consumer, data_service=service, purposes=purposes, reason=payload.reason
        )
    except ValidationError as error:
        raise _invalid(error, "purposes") from None
    return Status(201, _out(_grants().get(pk=grant.pk)))


@router.get("/grants", response=list[GrantOut], summary="Grants my agency asked for or decides on")
def grant_list(request: HttpRequest) -> list[dict[str, Any]]:
    agency = _caller(request).agency
    mine = _grants().filter(Q(consumer__agency=agency) | Q(data_service__provider=agency)).order_by("-id")[:500]
    return [_out(grant) for grant in mine]


def _grant_of_provider(request: HttpRequest, grant_id: int) -> tuple[AgencySystem, Grant]:
    caller = _caller(request)
    grant = _grants().filter(pk=grant_id, data_service__provider=caller.agency).first()
    if grant is None:  # not the provider's: as if it did not exist
        raise NotFound("grant_not_found", "مجوزی با این شناسه پیدا نشد.", "id")
    return caller, grant


@router.post("/grants/{grant_id}/decision", response=GrantOut, summary="The provider approves or rejects")
def grant_decision(request: HttpRequest, grant_id: int, payload: DecisionIn) -> dict[str, Any]:
    caller, grant = _grant_of_provider(request, grant_id)
    try:
        services.grant_decide(grant=grant, approve=payload.approve, by=caller.code, valid_until=payload.valid_until)
    except ValidationError as error:
        raise Conflict("already_decided", error.messages[0]) from None
    return _out(_grants().get(pk=grant.pk))


@router.post("/grants/{grant_id}/revoke", response=GrantOut, summary="The provider revokes a grant")
def grant_revoke(request: HttpRequest, grant_id: int) -> dict[str, Any]:
    caller, grant = _grant_of_provider(request, grant_id)
    services.grant_revoke(grant=grant, by=caller.code)
    return _out(_grants().get(pk=grant.pk))


@router.post("/keys", response={201: KeyOut}, summary="Add a new Ed25519 key to my system (rotation)")
def key_add(request: HttpRequest, payload: KeyIn) -> Status[dict[str, Any]]:
    system = _caller(request)
    if system.credentials.filter(key_id=payload.key_id).exists():
        raise Conflict("key_exists", "کلیدی با این شناسه پیش‌تر ثبت شده است.", "key_id")
    try:
        credential = services.credential_add_public_key(system=system, key_id=payload.key_id,
                                                        public_key_pem=payload.public_key_pem)  # fmt: skip
    except ValidationError as error:
        raise _invalid(error, "public_key_pem") from None
    return Status(201, {"key_id": credential.key_id, "kind": credential.kind, "active": True})


@router.post("/keys/{key_id}/revoke", response=KeyOut, summary="Revoke one of my system's keys")
def key_revoke(request: HttpRequest, key_id: str) -> dict[str, Any]:
    system = _caller(request)
    with transaction.atomic():  # two revocations at once must not leave the system without a key
        active = list(SystemCredential.objects.select_for_update().filter(system=system, revoked_at__isnull=True))
        credential = next((c for c in active if c.key_id == key_id[:64]), None)
        if credential is None:
            raise NotFound("key_not_found", "کلید فعالی با این شناسه پیدا نشد.", "key_id")
        if len(active) == 1:
            raise Conflict("last_key", LAST_KEY, "key_id")
        services.credential_revoke(credential=credential)
    return {"key_id": credential.key_id, "kind": credential.kind, "active": False}
