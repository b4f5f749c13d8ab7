"""/api/v1/evaluation/…: the rounds, a published round's scores and the weekly connection report, as JSON
and CSV; /api/v1/statistics: the platform's own numbers (open data)."""

from __future__ import annotations

import csv
import datetime
import io
import re
from typing import Any

from django.http import HttpRequest, HttpResponse
from django.utils import timezone
from ninja import Field, Router, Schema
from ninja.params.functions import Path

from panjereh.core.errors import InvalidInput, NotFound
from panjereh.evaluation.connection import (
    AgencyWeek,
    connection_report,
    week_name,
    week_of,
    week_rows_kept_or_live,
)
from panjereh.evaluation.rounds import ROUND_PATTERN
from panjereh.evaluation.selectors import (
    PILLARS,
    agency_in_round,
    published_round,
    round_list,
    round_name,
    round_rows,
    service_rows,
)
from panjereh.evaluation.statistics import statistics

router = Router(tags=["evaluation"])
ISO_DAY = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")
FIRST_YEAR = 2000
# A round's name as the path may carry it: a Jalali year of the 1300s or 1400s in any digits, and a quarter.
ROUND = Path(..., alias="round", pattern=ROUND_PATTERN, description="a Jalali quarter, e.g. 1403-Q2")


class RoundOut(Schema):
    round: str = Field(description="a Jalali quarter, e.g. 1403-Q2")
    name: str
    state: str = Field(description="draft, under_review or published")
    starts_at: datetime.datetime
    ends_at: datetime.datetime
    published_at: datetime.datetime | None


class AgencyRef(Schema):
    code: str
    name: str


class Pillars(Schema):
    user_centric: float | None
    transparent: float | None
    integrated: float | None
    participatory: float | None


class ScoreOut(Schema):
    agency: AgencyRef
    score: float | None = Field(description="0–100; null when the agency has too little data or took no part")
    rank: int | None
    pillars: Pillars
    standing: str = Field(description="scored, insufficient (too little data) or absent (took no part)")
    change: float | None = Field(
        description="points since the newest round published before this one, when both scored the agency"
    )
    applications: int = Field(description="applications submitted in the round")


class ScoresOut(Schema):
    round: str
    name: str
    items: list[ScoreOut]


@router.get("/rounds", response=list[RoundOut], summary="The evaluation rounds, newest first")
def rounds(request: HttpRequest) -> list[dict[str, object]]:
    return [
        {"round": r.code, "name": round_name(r), "state": r.state, "starts_at": r.starts_at, "ends_at": r.ends_at,
         "published_at": r.published_at}
        for r in round_list()
    ]  # fmt: skip


@router.get("/rounds/{round}/scores", response=ScoresOut, summary="A published round's scores and ranks")
def scores(request: HttpRequest, round_code: str = ROUND) -> dict[str, object]:
    evaluation_round = published_round(round_code)
    items = [
        {"agency": {"code": row.code, "name": row.name}, "score": row.score, "rank": row.rank, "pillars": row.pillars,
         "standing": row.standing, "change": row.change, "applications": row.applications}
        for row in round_rows(evaluation_round)
    ]  # fmt: skip
    return {"round": evaluation_round.code, "name": round_name(evaluation_round), "items": items}


@router.get(
    "/rounds/{round}/scores.csv",
    response={200: str},
    summary="The same rows as CSV (UTF-8 with BOM, opens in Excel)",
    openapi_extra={"responses": {200: {"content": {"text/csv": {"schema": {"type": "string"}}}}}},
)
def scores_csv(request: HttpRequest, round_code: str = ROUND) -> HttpResponse:
    evaluation_round = published_round(round_code)
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(["round", "agency_code", "agency_name", "rank", "score", *PILLARS, "standing", "change",
                     "applications"])  # fmt: skip
    for row in round_rows(evaluation_round):
        writer.writerow([evaluation_round.code, row.code, row.name, _blank(row.rank), _blank(row.score),
                         *(_blank(row.pillars[p]) for p in PILLARS), row.standing, _blank(row.change),
                         row.applications])  # fmt: skip
    response = HttpResponse("\ufeff" + out.getvalue(), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="panjereh-scores-{evaluation_round.code}.csv"'
    return response


class ServiceRef(Schema):
    code: str
    title: str


class MeasureOut(Schema):
    value: float | None = Field(description="a share between 0 and 1; null when there was nothing to measure")
    basis: int = Field(description="how many observations the value rests on")
    sufficient: bool = Field(description="false: too little data for this indicator (its basis below its least)")
    inputs: dict[str, Any] = Field(description="the counts the value was computed from")


class ServiceIndicatorsOut(Schema):
    service: ServiceRef
    indicators: dict[str, MeasureOut] = Field(description="by indicator code (see the methodology page)")


class ServicesOut(Schema):
    round: str
    agency: AgencyRef
    items: list[ServiceIndicatorsOut]


@router.get(
    "/rounds/{round}/agencies/{agency}/services",
    response=ServicesOut,
    summary="A published round's indicators for each service of one agency, the busiest first",
)
def agency_services(
    request: HttpRequest, round_code: str = ROUND, agency_code: str = Path(..., alias="agency", max_length=64)
) -> dict[str, object]:
    evaluation_round = published_round(round_code)
    agency = agency_in_round(evaluation_round, agency_code)
    items = [
        {"service": {"code": service["code"], "title": service["title"]}, "indicators": service["measures"]}
        for service in service_rows(evaluation_round, agency)
    ]
    return {"round": evaluation_round.code, "agency": {"code": agency.code, "name": agency.name}, "items": items}


class AgencyWeekOut(Schema):
    code: str
    name: str
    state: str = Field(description="not_started, launched or connected, at the week's end")
    listed: int = Field(description="its services listed in the catalog")
    declared: int | None = Field(description="its services in the planning organisation's list")
    late_to_launch: bool
    late_to_connect: bool


class WeekOut(Schema):
    week: datetime.date = Field(description="the Saturday that starts the week")
    name: str
    connected: list[AgencyWeekOut]
    launched: list[AgencyWeekOut]
    not_started: list[AgencyWeekOut]
    lagging: list[AgencyWeekOut] = Field(description="behind the launch deadline, the connection deadline, or both")
    connected_this_week: list[AgencyWeekOut]
    launched_this_week: list[AgencyWeekOut]


class ConnectionReportOut(WeekOut):
    previous: WeekOut


@router.get("/connection-report", response=ConnectionReportOut, summary="The weekly connection report")
def connection_report_json(request: HttpRequest, week: datetime.date | None = None) -> dict[str, object]:
    """This week's (or the week with the day `week`), and the week before's."""
    report = connection_report(_week(request, week))
    return {**_week_out(report), "previous": _week_out(report["previous"])}


@router.get(
    "/connection-report.csv",
    response={200: str},
    summary="The week's rows as CSV (UTF-8 with BOM)",
    openapi_extra={"responses": {200: {"content": {"text/csv": {"schema": {"type": "string"}}}}}},
)
def connection_report_csv(request: HttpRequest, week: datetime.date | None = None) -> HttpResponse:
    start = _week(request, week)
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(["week", "agency_code", "agency_name", "state", "launched_this_week", "connected_this_week",
                     "late_to_launch", "late_to_connect", "listed", "declared"])  # fmt: skip
    for row in week_rows_kept_or_live(start):
        writer.writerow([start.isoformat(), row.agency.code, row.agency.name, row.state, row.launched_this_week,
                         row.connected_this_week, row.late_to_launch, row.late_to_connect, row.listed,
                         _blank(row.declared)])  # fmt: skip
    response = HttpResponse("\ufeff" + out.getvalue(), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="panjereh-connection-{start.isoformat()}.csv"'
    return response


def _week(request: HttpRequest, day: datetime.date | None) -> datetime.date:
    """The week of `day` (this week without one). Only a day written YYYY-MM-DD is taken: pydantic would
    also read a number of seconds as a date. Weeks before 2000 or still to come have no report."""
    if day is not None and not ISO_DAY.fullmatch(request.GET.get("week", "")):
        raise InvalidInput("invalid_week", "روز هفته را به شکل YYYY-MM-DD بنویسید.", "week")
    this_week = week_of(timezone.now())
    if day is None:
        return this_week
    if day.year < FIRST_YEAR or week_of(day) > this_week:
        raise NotFound("week_not_kept", "برای این هفته گزارشی نیست.")
    return week_of(day)


def _week_out(report: dict[str, Any]) -> dict[str, object]:
    def agencies(rows: list[AgencyWeek]) -> list[dict[str, object]]:
        return [{"code": r.agency.code, "name": r.agency.name, "state": r.state, "listed": r.listed,
                 "declared": r.declared, "late_to_launch": r.late_to_launch, "late_to_connect": r.late_to_connect}
                for r in rows]  # fmt: skip

    lists = ("connected", "launched", "not_started", "lagging", "connected_this_week", "launched_this_week")
    return {"week": report["week"], "name": week_name(report["week"]), **{k: agencies(report[k]) for k in lists}}


def _blank(value: object) -> object:
    return "" if value is None else value


statistics_router = Router(tags=["statistics"])


class StatisticsOut(Schema):
    services: int = Field(description="service profiles in the catalog")
    by_maturity: dict[str, int] = Field(description="full, semi, offline_by_nature, not_yet")
    smart_services: int = Field(description="services with an active definition decided automatically")
    smart_share: float = Field(description="smart services ÷ services not offline by nature (0–1), as measured")
    document_free_ratio: float = Field(description="services asking for no document, or done by inquiry (0–1)")
    agencies: int
    agencies_connected: int = Field(description="agencies whose window is connected to the national window")
    windows: dict[str, int] = Field(description="agencies by window status")
    users: int = Field(description="people who have logged in")
    month: str = Field(description="the current Jalali month, in Persian")
    applications_month: int = Field(description="applications submitted this Jalali month")
    exchange_transactions_month: int = Field(description="exchange calls this Jalali month (the audit log)")


@statistics_router.get("", response=StatisticsOut, summary="The platform's own numbers (open data)")
def statistics_json(request: HttpRequest) -> dict[str, object]:
    return statistics(timezone.now())
