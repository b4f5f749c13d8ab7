"""/api/v1/services: search the catalog and read one service profile."""

from __future__ import annotations

import datetime

from django.http import HttpRequest
from django.urls import reverse
from ninja import Field, Query, Router, Schema

from panjereh.catalog.constants import Audience, Maturity
from panjereh.catalog.models import Service
from panjereh.catalog.search import SearchFilters, search_services
from panjereh.catalog.selectors import service_get
from panjereh.core.errors import NotFound
from panjereh.persian import format_date

router = Router(tags=["services"])

MAX_QUERY_CHARS = 1000


class AgencyRefOut(Schema):
    code: str
    name: str


class NamedOut(Schema):
    code: str
    name: str


class ServiceItemOut(Schema):
    code: str
    title: str
    agency: AgencyRefOut
    maturity: Maturity
    smart: bool = Field(description="measured: an active definition on the platform decides it automatically")
    smart_claimed: bool = Field(description="what the agency's own list says")
    audience: Audience
    url: str


class ServiceListOut(Schema):
    count: int
    page: int
    pages: int
    items: list[ServiceItemOut]
    approximate: bool = Field(False, description="no service has every word as typed: these are the closest matches")
    suggestion: str = Field("", description="the query likeliest meant, when a word matched no service")


class ServiceOut(ServiceItemOut):
    summary: str
    description: str
    channels: list[str]
    requirements: list[str]
    fee_rials: int
    sla_days: int
    keywords: list[str]
    legal_basis: str
    revision: int
    approved_on: datetime.date | None
    approved_on_jalali: str | None
    categories: list[NamedOut]
    life_events: list[NamedOut]
    service_url: str
    is_sample: bool
    updated_at: datetime.datetime


class ServiceQuery(Schema):
    q: str = Field("", max_length=MAX_QUERY_CHARS, description="Persian text in any spelling or digits")
    agency: str | None = Field(None, max_length=64)
    audience: Audience | None = None
    maturity: Maturity | None = None
    smart: bool | None = None
    category: str | None = Field(None, max_length=64)
    life_event: str | None = Field(None, max_length=64)
    page: int = Field(1, ge=1, le=10_000)


def _url(request: HttpRequest, service: Service) -> str:
    return request.build_absolute_uri(reverse("portal:service", args=[service.code]))


def _item(request: HttpRequest, service: Service) -> dict[str, object]:
    return {
        "code": service.code,
        "title": service.title,
        "agency": {"code": service.agency.code, "name": service.agency.name},
        "maturity": service.maturity,
        "smart": service.smart,
        "smart_claimed": service.smart_claimed,
        "audience": service.audience,
        "url": _url(request, service),
    }


@router.get("", response=ServiceListOut, summary="Search service profiles")
def list_services(request: HttpRequest, params: Query[ServiceQuery]) -> dict[str, object]:
    filters = SearchFilters(
        agency=params.agency,
        audience=params.audience,
        maturity=params.maturity,
        smart=params.smart,
        category=params.category,
        life_event=params.life_event,
    )
    result = search_services(params.q, filters, page=params.page)
    return {
        "count": result.count,
        "page": result.page,
        "pages": result.pages,
        "items": [_item(request, service) for service in result.services],
        "approximate": result.approximate,
        "suggestion": result.suggestion,
    }


@router.get("/{code}", response=ServiceOut, summary="One whole service profile")
def get_service(request: HttpRequest, code: str) -> dict[str, object]:
    service = service_get(code[:100])
    if service is None:
        raise NotFound("service_not_found", "خدمتی با این کد پیدا نشد.", "code")
    return {
        **_item(request, service),
        **{
            name: getattr(service, name)
            for name in (
                "summary",
                "description",
                "channels",
                "requirements",
                "fee_rials",
                "sla_days",
                "keywords",
                "legal_basis",
                "revision",
                "approved_on",
                "service_url",
                "is_sample",
                "updated_at",
            )
        },
        "approved_on_jalali": format_date(service.approved_on, persian_digits=False) if service.approved_on else None,
        "categories": [{"code": c.code, "name": c.name} for c in service.categories.all()],
        "life_events": [{"code": e.code, "name": e.name} for e in service.life_events.all()],
    }
