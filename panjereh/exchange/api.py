"""/api/v1/agencies/{code}/onboarding: an agency window's go-live checklist and deadlines."""

from __future__ import annotations

import datetime

from django.http import HttpRequest
from ninja import Router, Schema

from panjereh.agencies.selectors import agency_get
from panjereh.core.errors import NotFound
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
