"""Reads of the evaluation, all from a round's frozen snapshot: the public sees published rounds only, and
a round's changes are measured from the newest round published before it, never from a draft or a round
under review (whose scores they would give away)."""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from typing import Any

from panjereh.agencies.models import Agency
from panjereh.core.errors import InvalidInput, NotFound
from panjereh.evaluation.constants import INPUT_LABELS, OSI_SUBINDEX, ObjectionState, Pillar, RoundState, Standing
from panjereh.evaluation.indicators import BY_CODE, INDICATORS
from panjereh.evaluation.models import AgencyResult, IndicatorValue, Objection, Round, ServiceValues
from panjereh.evaluation.rounds import quarter_parse
from panjereh.persian import format_date, format_decimal

PILLARS = [pillar.value for pillar in Pillar]
# What a service's profile and definition counts say of one service: a yes or a no each.
SERVICE_FACTS = {
    "full": "تمام الکترونیکی", "semi": "نیمه الکترونیکی", "smart": "تصمیم خودکار در پنجره ملی",
    "document_free": "بی‌نیاز از مدرک", "with_time": "زمان انجام منتشر شده",
    "with_requirements": "مدارک و شرایط منتشر شده", "with_legal_basis": "مبنای قانونی منتشر شده",
    "with_channels": "کانال‌های ارائه منتشر شده",
}  # fmt: skip
QUALITY = 90  # the rankings list agencies whose user-centric pillar (service quality) is at least this


def round_list() -> list[Round]:
    return list(Round.objects.order_by("-starts_at"))


def latest_published() -> Round | None:
    return Round.objects.filter(state=RoundState.PUBLISHED).order_by("-starts_at").first()


def published_round(code: str) -> Round:
    """The published round named `code` (422 if the name is malformed, 404 if there is none). The
    refusal names, in words, the newest published round: an example that exists."""
    try:
        quarter = quarter_parse(code)
    except InvalidInput:
        raise InvalidInput("invalid_round", f"دوره‌ای با این نام نیست. {_where_to_look()}", "round") from None
    found = Round.objects.filter(code=quarter.code, state=RoundState.PUBLISHED).first()
    if found is None:
        raise NotFound("round_not_found", f"کارنامه دوره {quarter.name} منتشر نشده است. {_where_to_look()}")
    return found


def _where_to_look() -> str:
    latest = latest_published()
    if latest is None:
        return "هنوز کارنامه هیچ دوره‌ای منتشر نشده است."
    return (
        f"تازه‌ترین کارنامه منتشرشده از آن {round_name(latest)} است و همه دوره‌های منتشرشده "
        "در صفحه «کارنامه دستگاه‌ها» فهرست شده‌اند."
    )


def round_name(evaluation_round: Round) -> str:
    return quarter_parse(evaluation_round.code).name


def compared_round(evaluation_round: Round) -> Round | None:
    """The round whose scores `evaluation_round`'s changes are measured from: the newest round published
    before it (None for the first). A draft or a round under review is skipped, so no public figure
    gives its scores away; the pages name this round beside the change."""
    return (
        Round.objects.filter(state=RoundState.PUBLISHED, starts_at__lt=evaluation_round.starts_at)
        .order_by("-starts_at")
        .first()
    )


def _scores_before(evaluation_round: Round) -> tuple[Round | None, dict[int, float]]:
    """The compared round and the scores (by agency id) of the agencies scored in it."""
    compared = compared_round(evaluation_round)
    if compared is None:
        return None, {}
    scored = AgencyResult.objects.filter(round=compared, standing=Standing.SCORED, score__isnull=False)
    return compared, {
        agency_id: score for agency_id, score in scored.values_list("agency_id", "score") if score is not None
    }


def _change(score: float | None, before: float | None) -> float | None:
    """Points since the compared round, when the agency was scored in both."""
    return round(score - before, 2) if score is not None and before is not None else None


@dataclass(frozen=True)
class Row:
    code: str
    name: str
    standing: str
    score: float | None
    rank: int | None
    change: float | None
    applications: int
    pillars: dict[str, float | None]

    @property
    def user_centric(self) -> float | None:
        return self.pillars[Pillar.USER_CENTRIC.value]

    @property
    def transparent(self) -> float | None:
        return self.pillars[Pillar.TRANSPARENT.value]

    @property
    def integrated(self) -> float | None:
        return self.pillars[Pillar.INTEGRATED.value]


def _row(result: AgencyResult, before: dict[int, float]) -> Row:
    return Row(
        code=result.agency.code, name=result.agency.name, standing=result.standing, score=result.score,
        rank=result.rank, change=_change(result.score, before.get(result.agency_id)),
        applications=result.applications, pillars={p: getattr(result, p) for p in PILLARS},
    )  # fmt: skip


def round_rows(evaluation_round: Round) -> list[Row]:
    """Every agency of the round: the ranked by rank, then those with too little data, then the absent;
    each change measured from compared_round()."""
    return _compared_and_rows(evaluation_round)[1]


def _compared_and_rows(evaluation_round: Round) -> tuple[Round | None, list[Row]]:
    compared, before = _scores_before(evaluation_round)
    results = AgencyResult.objects.filter(round=evaluation_round).select_related("agency")
    rows = [_row(r, before) for r in results]
    order = {Standing.SCORED: 0, Standing.INSUFFICIENT: 1, Standing.ABSENT: 2}
    return compared, sorted(rows, key=lambda row: (order[Standing(row.standing)], row.rank or 0, row.name))


def rankings(evaluation_round: Round, sort: str = "rank") -> dict[str, Any]:
    """What the rankings page shows; `sort` is a pillar, "change" or "applications" (else by rank);
    `compared_with`, the name of the round the changes are measured from (None: there is none)."""
    compared, rows = _compared_and_rows(evaluation_round)
    scored = [row for row in rows if row.standing == Standing.SCORED]
    if sort in PILLARS:
        scored.sort(key=lambda row: -(row.pillars[sort] or 0))
    elif sort == "change":
        scored.sort(key=lambda row: -(row.change if row.change is not None else -1000))
    elif sort == "applications":
        scored.sort(key=lambda row: -row.applications)
    improved = sorted((r for r in scored if r.change is not None), key=lambda r: -(r.change or 0))
    best_windows, non_standard = windows(evaluation_round, rows)
    return {
        "compared_with": round_name(compared) if compared is not None else None,
        "quality": sorted(
            (r for r in scored if (r.user_centric or 0) >= QUALITY),
            key=lambda r: -(r.user_centric or 0),
        ),
        "transparent": sorted(scored, key=lambda r: -(r.transparent or 0))[:10],
        "best_windows": best_windows,
        "non_standard_windows": non_standard,
        "scored": scored,
        "top": sorted(scored, key=lambda r: r.rank or 0)[:10],
        "bottom": sorted(scored, key=lambda r: -(r.rank or 0))[:10],
        "improved": [r for r in improved if (r.change or 0) > 0][:10],
        "busiest": sorted(scored, key=lambda r: -r.applications)[:10],
        "insufficient": [row for row in rows if row.standing == Standing.INSUFFICIENT],
        "absent": [row for row in rows if row.standing == Standing.ABSENT],
    }


def windows(evaluation_round: Round, rows: list[Row]) -> tuple[list[Row], list[tuple[Row, list[str]]]]:
    """Agencies' own windows in the round: the best of the standard ones (connected to the national
    window by the deadline and logging people in through it), by the integrated pillar; and every
    launched window that is not standard, with what it lacks."""
    measured: dict[str, dict[str, IndicatorValue]] = {}
    for value in IndicatorValue.objects.filter(
        round=evaluation_round, indicator__in=("window_connected", "single_sign_on")
    ).select_related("agency"):
        measured.setdefault(value.agency.code, {})[value.indicator] = value
    best, lacking = [], []
    for row in rows:
        window, sign_on = (
            measured.get(row.code, {}).get("window_connected"),
            measured.get(row.code, {}).get("single_sign_on"),
        )
        if window is None or not (window.inputs.get("launched_on") or window.inputs.get("connected_on")):
            continue  # no window of its own yet: the connection report names these
        missing = []
        if window.value != 1.0:
            missing.append("در مهلت به پنجره ملی متصل نشد")
        if sign_on is None or sign_on.value != 1.0:
            missing.append("ورود یکپارچه پنجره ملی را نمی‌پذیرد")
        if missing:
            lacking.append((row, missing))
        elif row.integrated is not None:
            best.append(row)
    best.sort(key=lambda r: -(r.integrated or 0))
    return best[:10], sorted(lacking, key=lambda pair: pair[0].name)


def report_card(evaluation_round: Round, agency_code: str) -> dict[str, Any]:
    """An agency's card: `result` its Row (the change measured from the round named `compared_with`),
    each indicator with its inputs, its trend across the published rounds up to this one."""
    result = (
        AgencyResult.objects.filter(round=evaluation_round, agency__code=agency_code).select_related("agency").first()
    )
    if result is None:
        raise NotFound("agency_not_found", "دستگاهی با این کد در این دوره نیست.")
    values = {v.indicator: v for v in IndicatorValue.objects.filter(round=evaluation_round, agency=result.agency)}
    indicators = [
        {
            "code": indicator.code, "name": indicator.name, "pillar": indicator.pillar.value,
            "pillar_name": indicator.pillar.label, "osi": OSI_SUBINDEX[indicator.osi], "formula": indicator.formula,
            "least": indicator.least, "value": values[indicator.code].value if indicator.code in values else None,
            "basis": values[indicator.code].basis if indicator.code in values else 0,
            "sufficient": values[indicator.code].sufficient if indicator.code in values else False,
            "inputs": _inputs_in_words(values[indicator.code].inputs) if indicator.code in values else [],
        }
        for indicator in INDICATORS
    ]  # fmt: skip
    trend = list(
        AgencyResult.objects.filter(
            agency=result.agency, round__state=RoundState.PUBLISHED, round__starts_at__lte=evaluation_round.starts_at
        )
        .order_by("round__starts_at")
        .values_list("round__code", "score")
    )
    online = values.get("online_services")
    compared, before = _scores_before(evaluation_round)
    return {
        "agency": result.agency,
        "result": _row(result, before),
        "compared_with": round_name(compared) if compared is not None else None,
        "pillars": [(p.value, p.label, getattr(result, p.value)) for p in Pillar],
        "indicators": indicators,
        "trend": [(quarter_parse(code).name, score) for code, score in trend],
        "maturity": {k: int(online.inputs.get(k, 0)) for k in ("full", "semi", "not_yet")} if online else {},
        "scored_count": AgencyResult.objects.filter(round=evaluation_round, standing=Standing.SCORED).count(),
        "objections": objections_of(evaluation_round, result.agency_id),
    }


SERVICE_COLUMNS = [indicator for indicator in INDICATORS if indicator.per_service]


def agency_in_round(evaluation_round: Round, agency_code: str) -> Agency:
    """The agency named `agency_code`, if the round evaluated it (404 otherwise)."""
    result = (
        AgencyResult.objects.filter(round=evaluation_round, agency__code=agency_code).select_related("agency").first()
    )
    if result is None:
        raise NotFound("agency_not_found", "دستگاهی با این کد در این دوره نیست.")
    return result.agency


def service_rows(evaluation_round: Round, agency: Agency) -> list[dict[str, Any]]:
    """The agency's services in the round, the busiest first, each with the indicators that are also
    measured per service (SERVICE_COLUMNS) and the inputs they came from (in words, each count once)."""
    services = []
    for row in ServiceValues.objects.filter(round=evaluation_round, agency=agency):
        inputs: dict[str, Any] = {}
        for measure in row.measures.values():
            inputs.update(measure["inputs"])
        facts = [(label, "بله" if inputs.pop(key, 0) else "خیر") for key, label in SERVICE_FACTS.items()]
        for key in ("services", "not_yet"):  # 1 and 0 for one service: said by the facts above
            inputs.pop(key, None)
        services.append({
            "code": row.service_code, "title": row.title, "submitted": int(inputs.get("submitted", 0)),
            "cells": [row.measures.get(i.code, {"value": None, "sufficient": False}) for i in SERVICE_COLUMNS],
            "inputs": facts + _inputs_in_words(inputs), "measures": row.measures,
        })  # fmt: skip
    services.sort(key=lambda service: (-service["submitted"], service["title"]))
    return services


def objections_of(evaluation_round: Round, agency_id: int) -> list[dict[str, Any]]:
    """The agency's objections in the round, with their outcomes, as its report card lists them."""
    return [
        {
            "indicator": BY_CODE[o.indicator].name if o.indicator in BY_CODE else o.indicator, "reason": o.reason,
            "state": o.state, "state_name": ObjectionState(o.state).label, "decision": o.decision,
            "filed_at": o.filed_at, "decided_at": o.decided_at, "value_before": o.value_before,
            "value_after": o.value_after,
        }
        for o in Objection.objects.filter(round=evaluation_round, agency_id=agency_id).order_by("filed_at")
    ]  # fmt: skip


def _inputs_in_words(inputs: dict[str, Any]) -> list[tuple[str, str]]:
    """An indicator's inputs as a person reads them: Persian labels, Jalali dates, Persian digits."""
    words = []
    for key, value in inputs.items():
        if key == "taking_part":
            continue
        if key == "corrected_from":
            text = "—" if value is None else format_decimal(100 * float(value), 1) + "٪"
        elif isinstance(value, bool):
            text = "دارد" if value else "ندارد"
        elif isinstance(value, str):
            text = format_date(datetime.date.fromisoformat(value)) if value else "—"
        else:
            text = format_decimal(float(value), 1)
        words.append((INPUT_LABELS.get(key, key), text))
    return words


def methodology() -> list[dict[str, Any]]:
    return [
        {"code": i.code, "name": i.name, "pillar": i.pillar.label, "osi": OSI_SUBINDEX[i.osi],
         "formula": i.formula, "least": i.least}
        for i in INDICATORS
    ]  # fmt: skip


def round_state(code: str) -> str | None:
    """The state of the round named `code`, or None if it has not been computed."""
    return Round.objects.filter(code=quarter_parse(code).code).values_list("state", flat=True).first()
