"""/api/v1/evaluation/…: the rounds, and a published round's scores as JSON and CSV (open data)."""

from __future__ import annotations

import csv
import datetime
import io

from django.http import HttpRequest, HttpResponse
from ninja import Field, Router, Schema
from ninja.params.functions import Path

from panjereh.evaluation.rounds import ROUND_PATTERN
from panjereh.evaluation.selectors import PILLARS, published_round, round_list, round_name, round_rows

router = Router(tags=["evaluation"])
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
    change: float | None = Field(description="points since the previous round, when both were scored")
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


def _blank(value: object) -> object:
    return "" if value is None else value
