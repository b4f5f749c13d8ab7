"""/api/v1/agencies/{code}/onboarding: an agency window's go-live checklist and deadlines;
/api/v1/audit/head and /api/v1/audit/records/{seq}/hash: the audit log's signed head, for witnesses."""

from __future__ import annotations

import datetime
from typing import Any

from django.http import HttpRequest
from ninja import Router, Schema

from panjereh.agencies.selectors import agency_get
from panjereh.core.errors import NotFound
from panjereh.exchange.audit.witness import record_hash_at, signed_head
from panjereh.exchange.onboarding import checklist, deadlines

onboarding_router = Router(tags=["agencies"])


class CheckOut(Schema):
    code: str
    label: str
    done: bool
    detail: str


class DeadlinesOut(Schema):
    launch_by: datetime.date | None
    connect_by: datetime.date | None
    launch_overdue: bool
    connect_overdue: bool


class OnboardingOut(Schema):
    agency: str
    window_status: str
    checklist: list[CheckOut]
    deadlines: DeadlinesOut


@onboarding_router.get(
    "/{code}/onboarding", response=OnboardingOut, summary="An agency's go-live checklist and deadlines"
)
def agency_onboarding(request: HttpRequest, code: str) -> dict[str, object]:
    agency = agency_get(code[:64])
    if agency is None:
        raise NotFound("agency_not_found", "دستگاهی با این کد پیدا نشد.", "code")
    return {
        "agency": agency.code,
        "window_status": agency.window_status,
        "checklist": [check.__dict__ for check in checklist(agency)],
        "deadlines": deadlines(agency).__dict__,
    }


audit_router = Router(tags=["exchange"])


class AuditHeadOut(Schema):
    seq: int
    hash: str
    key_id: str
    signature: str
    signed_at: str | None


class AuditRecordHashOut(Schema):
    seq: int
    hash: str


@audit_router.get("/head", response=AuditHeadOut, summary="The audit log's newest head, signed (for witnesses)")
def audit_head(request: HttpRequest) -> dict[str, Any]:
    """Public, as Certificate Transparency's signed tree heads are: a witness keeps what it saw and
    later finds out if the log was rolled back (docs/exchange.md, The audit log's threat model)."""
    head = signed_head()
    if head is None:
        raise NotFound("not_found", "دفتر ممیزی هنوز رکوردی ندارد.")
    return head


@audit_router.get("/records/{seq}/hash", response=AuditRecordHashOut, summary="The hash of one audit record")
def audit_record_hash(request: HttpRequest, seq: int) -> dict[str, Any]:
    """Only the hash, never the record: enough for a witness to see that what it saw is still there."""
    found = record_hash_at(seq) if 0 < seq < 2**62 else None
    if found is None:
        raise NotFound("not_found", "رکوردی با این شماره در دفتر ممیزی نیست.")
    return {"seq": seq, "hash": found}
