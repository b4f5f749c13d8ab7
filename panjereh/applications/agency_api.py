"""/api/v1/agency/applications: an agency system reports on the applications forwarded to it.

Authenticated like the rest of the API for agency systems (panjereh.exchange.system_api): a signed,
single-use token with `iss` = the system's id, `aud` = "panjereh-exchange-api", `iat` within 30 s and a
`jti`, checked against the keys the system registered. docs/forwarding.md.
"""

from __future__ import annotations

from typing import Literal

from django.http import HttpRequest
from ninja import Field, Router, Schema
from pydantic import ConfigDict

from panjereh.applications import selectors, services
from panjereh.core.errors import InvalidInput, NotFound
from panjereh.exchange.gateway.registry import System
from panjereh.exchange.system_api import SystemToken

router = Router(tags=["agency"], auth=SystemToken())
DEFAULT_APPROVED = "سامانه دستگاه درخواست را پذیرفت."


class StatusIn(Schema):
    model_config = ConfigDict(extra="forbid")

    status: Literal["in_progress", "issued", "rejected"] = Field(
        description="in_progress: a note on the timeline; issued / rejected: the decision"
    )
    reason: str = Field("", max_length=500, description="Persian; the applicant reads it; required for rejected")


class StatusOut(Schema):
    tracking_code: str
    status: str


@router.post(
    "/{tracking_code}/status",
    response=StatusOut,
    summary="An agency system reports on an application forwarded to it",
    description="404 unless the application was forwarded to the calling system; 409 unless it is still "
    "forwarded (not decided yet); 422 for rejected without a reason. issued issues the service's document.",
)
def application_status(request: HttpRequest, tracking_code: str, payload: StatusIn) -> dict[str, str]:
    caller: System = request.auth  # type: ignore[attr-defined]
    application = selectors.application_forwarded_to(caller.code, tracking_code)
    if application is None:
        raise NotFound("not_found", "درخواستی با این کد رهگیری برای این سامانه فرستاده نشده است.")
    reason = payload.reason.strip()
    if payload.status == "rejected" and not reason:
        raise InvalidInput("reason_required", "دلیل رد درخواست را بنویسید؛ متقاضی آن را می‌بیند.", "reason")
    if payload.status == "issued" and not reason:
        reason = DEFAULT_APPROVED
    system_name = selectors.forwarded_system_name(application, caller.code) or caller.code
    services.application_agency_report(
        application=application, status=payload.status, reason=reason, system_name=system_name
    )
    application.refresh_from_db(fields=["status"])
    return {"tracking_code": application.tracking_code, "status": application.status}
