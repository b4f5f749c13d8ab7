"""/api/v1/agencies: every agency with the status of its single window."""

from __future__ import annotations

import datetime

from django.http import HttpRequest
from ninja import Field, Router, Schema

from panjereh.agencies.constants import AgencyKind, WindowStatus
from panjereh.agencies.selectors import agency_list

router = Router(tags=["agencies"])


class AgencyOut(Schema):
    code: str
    name: str
    kind: AgencyKind
    website: str
    window_status: WindowStatus
    window_status_label: str
    window_url: str
    province: str = Field("", description="the province of a provincial agency; empty for one of the whole country")
    launched_on: datetime.date | None
    connected_on: datetime.date | None
    service_count: int


class AgencyListOut(Schema):
    count: int
    items: list[AgencyOut]


@router.get("", response=AgencyListOut, summary="Agencies and their window status")
def list_agencies(request: HttpRequest) -> dict[str, object]:
    items = [
        {
            "code": agency.code,
            "name": agency.name,
            "kind": agency.kind,
            "website": agency.website,
            "window_status": agency.window_status,
            "window_status_label": agency.get_window_status_display(),
            "window_url": agency.window_url,
            "province": agency.province,
            "launched_on": agency.launched_on,
            "connected_on": agency.connected_on,
            "service_count": getattr(agency, "service_count", 0),  # annotated by agency_list()
        }
        for agency in agency_list()
    ]
    return {"count": len(items), "items": items}
