"""The evaluation's public pages: rankings, an agency's report card, the methodology, the weekly
connection report. Thin: they read a published round's frozen snapshot (or the kept weeks) through
panjereh.evaluation and draw the charts as SVG."""

from __future__ import annotations

import datetime
import functools
from typing import TYPE_CHECKING

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.views.decorators.http import require_GET

from panjereh.agencies.constants import WindowStatus
from panjereh.agencies.selectors import onboarding_deadlines
from panjereh.catalog.constants import Maturity
from panjereh.core.errors import DomainError, http_status
from panjereh.evaluation.connection import connection_report, connection_weeks, week_name, week_of
from panjereh.evaluation.constants import PILLAR_WEIGHTS, Pillar
from panjereh.evaluation.selectors import (
    PILLARS,
    SERVICE_COLUMNS,
    agency_in_round,
    latest_published,
    methodology,
    published_round,
    rankings,
    report_card,
    round_list,
    round_name,
    service_rows,
)
from panjereh.evaluation.statistics import statistics
from panjereh.portal import charts

if TYPE_CHECKING:
    from panjereh.evaluation.models import Round

SORTS = {"rank": "رتبه", **{p.value: p.label for p in Pillar}, "change": "پیشرفت", "applications": "شمار درخواست‌ها"}


@require_GET
def evaluation_home(request: HttpRequest) -> HttpResponse:
    latest = latest_published()
    if latest is None:
        return render(request, "portal/evaluation_none.html", {})
    return _rankings(request, latest)


@require_GET
def evaluation_round(request: HttpRequest, round_code: str) -> HttpResponse:
    try:
        evaluation_round = published_round(round_code)
    except DomainError as error:
        return _refused(request, error)
    return _rankings(request, evaluation_round)


@require_GET
def evaluation_card(request: HttpRequest, round_code: str, agency_code: str) -> HttpResponse:
    try:
        evaluation_round = published_round(round_code)
        card = report_card(evaluation_round, agency_code)
    except DomainError as error:
        return _refused(request, error)
    pillar_bars, pillar_height = charts.bars([(label, score) for _code, label, score in card["pillars"]])
    points, line = charts.trend(card["trend"])
    maturity = card["maturity"]
    mix = charts.stack([("تمام الکترونیکی", maturity.get("full", 0), "mix-full"),
                        ("نیمه الکترونیکی", maturity.get("semi", 0), "mix-semi"),
                        ("هنوز الکترونیکی نشده", maturity.get("not_yet", 0), "mix-not-yet")])  # fmt: skip
    context = {
        "round": evaluation_round, "round_name": round_name(evaluation_round), **card,
        "pillar_bars": pillar_bars, "pillar_height": pillar_height, "trend_points": points, "trend_line": line,
        "mix": mix, "mix_total": sum(maturity.values()),
    }  # fmt: skip
    return render(request, "portal/evaluation_card.html", context)


@require_GET
def evaluation_services(request: HttpRequest, round_code: str, agency_code: str) -> HttpResponse:
    try:
        evaluation_round = published_round(round_code)
        agency = agency_in_round(evaluation_round, agency_code)
    except DomainError as error:
        return _refused(request, error)
    context = {
        "round": evaluation_round, "round_name": round_name(evaluation_round), "agency": agency,
        "columns": [(indicator.code, indicator.name) for indicator in SERVICE_COLUMNS],
        # called by the template only when its cached table is missing: a published round never changes
        "services": functools.partial(service_rows, evaluation_round, agency),
    }  # fmt: skip
    return render(request, "portal/evaluation_services.html", context)


@require_GET
def evaluation_methodology(request: HttpRequest) -> HttpResponse:
    context = {
        "indicators": methodology(),
        "weights": [(p.label, PILLAR_WEIGHTS[p]) for p in Pillar],
        "rounds": [(r, round_name(r)) for r in round_list()],
    }
    return render(request, "portal/evaluation_methodology.html", context)


@require_GET
def connection_report_page(request: HttpRequest) -> HttpResponse:
    """This week's connection report (or the week of `?week=YYYY-MM-DD`) beside the week before's."""
    this_week = week_of(timezone.now())
    try:
        week = week_of(datetime.date.fromisoformat(request.GET["week"])) if request.GET.get("week") else this_week
    except ValueError:
        week = this_week
    week = min(week, this_week)
    report = connection_report(week)
    context = {
        "report": report, "week_name": week_name(week), "previous_name": week_name(report["previous"]["week"]),
        "weeks": [(w, week_name(w)) for w in connection_weeks()[:12]], "week": week,
        "deadlines": onboarding_deadlines(),
    }  # fmt: skip
    return render(request, "portal/connection_report.html", context)


@require_GET
def statistics_page(request: HttpRequest) -> HttpResponse:
    numbers = statistics(timezone.now())
    maturity = numbers["by_maturity"]
    mix = charts.stack([(Maturity(level).label, maturity.get(level, 0), f"mix-{level.replace('_', '-')}")
                        for level in Maturity.values])  # fmt: skip
    windows = numbers["windows"]
    window_bars, window_height = charts.bars(
        [(WindowStatus(status).label, 100 * windows.get(status, 0) / (numbers["agencies"] or 1))
         for status in WindowStatus.values],
        label_width=220,
    )  # fmt: skip
    context = {"numbers": numbers, "mix": mix, "window_bars": window_bars, "window_height": window_height}
    return render(request, "portal/statistics.html", context)


def _rankings(request: HttpRequest, evaluation_round: Round) -> HttpResponse:
    sort = request.GET.get("sort", "rank")
    sort = sort if sort in SORTS else "rank"
    board = rankings(evaluation_round, sort)
    top_bars, top_height = charts.bars([(row.name, row.score) for row in board["top"]], label_width=260)
    context = {
        "round": evaluation_round, "round_name": round_name(evaluation_round),
        "sort": sort, "sorts": SORTS, "pillars": [(p, Pillar(p).label) for p in PILLARS],
        "top_bars": top_bars, "top_height": top_height, **board,
        "rounds": [(r, round_name(r)) for r in round_list() if r.state == "published"],
    }  # fmt: skip
    return render(request, "portal/evaluation_rankings.html", context)


def _refused(request: HttpRequest, error: DomainError) -> HttpResponse:
    status = http_status(error)
    return render(request, "portal/error.html", {"status": status, "message": error.message}, status=status)
