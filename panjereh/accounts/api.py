"""/api/v1/me…: the logged-in person's own account and the trail of who accessed their data."""

from __future__ import annotations

import datetime

from django.http import HttpRequest
from ninja import Field, Query, Router, Schema
from ninja.security import django_auth

from panjereh.accounts.selectors import citizen_of
from panjereh.core.errors import ApiError
from panjereh.exchange.selectors import data_access_page
from panjereh.persian import format_datetime

me_router = Router(tags=["me"], auth=django_auth)

PAGE_SIZE = 20


class NamedOut(Schema):
    code: str
    name: str


class AccessOut(Schema):
    audit_id: int
    at: datetime.datetime
    at_jalali: str
    consumer: NamedOut = Field(description="the agency that asked for the data")
    provider: NamedOut = Field(description="the agency whose data it was")
    data_service: NamedOut
    purpose: NamedOut
    application: str


class AccessPageOut(Schema):
    count: int
    page: int
    pages: int
    items: list[AccessOut]


class PageQuery(Schema):
    page: int = Field(1, ge=1, le=100_000)


@me_router.get("/data-access", response=AccessPageOut, summary="Every access to my data")
def my_data_access(request: HttpRequest, params: Query[PageQuery]) -> dict[str, object]:
    citizen = citizen_of(request.user)
    if citizen is None:
        raise ApiError(403, "not_a_citizen", "این حساب به کد ملی یک شهروند متصل نیست.")
    total, accesses = data_access_page(citizen.national_code, params.page, PAGE_SIZE)
    items = [{**access.__dict__, "at_jalali": format_datetime(access.at, persian_digits=False)} for access in accesses]
    return {"count": total, "page": params.page, "pages": max(1, -(-total // PAGE_SIZE)), "items": items}
