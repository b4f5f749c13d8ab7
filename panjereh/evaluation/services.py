"""Computing, reviewing and publishing a round.

Computing measures every indicator for every agency once and freezes what it measured (values, bases
and inputs); computing again scores the frozen values, so it gives the same numbers, unless asked to
measure again. A published round is never computed again.
"""

from __future__ import annotations

import datetime

from django.conf import settings
from django.db import transaction

from panjereh.agencies.constants import WindowStatus
from panjereh.agencies.models import Agency
from panjereh.agencies.selectors import agency_list
from panjereh.catalog.selectors import service_names
from panjereh.core.errors import Conflict, InvalidInput, NotFound
from panjereh.core.replica import replica_reads
from panjereh.evaluation.constants import PILLAR_WEIGHTS, ObjectionState, RoundState
from panjereh.evaluation.indicators import BY_CODE, INDICATORS, Measurements, measurements
from panjereh.evaluation.models import AgencyResult, IndicatorValue, Objection, Round, ServiceValues
from panjereh.evaluation.rounds import Quarter, quarter_parse
from panjereh.evaluation.scoring import agency_scores, competition_ranks
from panjereh.persian import clean_input


def round_compute(*, code: str, now: datetime.datetime, remeasure: bool = False) -> Round:
    quarter = quarter_parse(code)
    if quarter.end > now:
        raise InvalidInput("round_not_over", f"دوره {quarter.name} هنوز به پایان نرسیده است.", "round")
    with transaction.atomic():
        evaluation_round = Round.objects.select_for_update().filter(code=quarter.code).first()
        if evaluation_round is not None and evaluation_round.state == RoundState.PUBLISHED:
            raise Conflict("round_published", "این دوره منتشر شده است و دوباره محاسبه نمی‌شود.")
        if evaluation_round is None:
            evaluation_round = Round.objects.create(
                code=quarter.code, starts_at=quarter.start, ends_at=quarter.end, measured_at=now, scored_at=now
            )
            _measure(evaluation_round, quarter)
        elif remeasure:
            if evaluation_round.objections.filter(state=ObjectionState.ACCEPTED).exists():
                raise Conflict(
                    "round_corrected", "در این دوره اعتراضی پذیرفته و شاخصی اصلاح شده است؛ سنجش دوباره آن را پاک می‌کرد."
                )
            evaluation_round.values.all().delete()
            evaluation_round.service_values.all().delete()
            evaluation_round.measured_at = now
            _measure(evaluation_round, quarter)
        _score(evaluation_round, now)
        return evaluation_round


def round_to_review(*, code: str) -> Round:
    """Draft → under review: each agency's officers see their draft report card."""
    return _move(code, {RoundState.DRAFT}, RoundState.UNDER_REVIEW, None)


def round_publish(*, code: str, now: datetime.datetime) -> Round:
    return _move(code, {RoundState.DRAFT, RoundState.UNDER_REVIEW}, RoundState.PUBLISHED, now)


def _move(code: str, sources: set[RoundState], target: RoundState, now: datetime.datetime | None) -> Round:
    quarter = quarter_parse(code)
    with transaction.atomic():
        evaluation_round = Round.objects.select_for_update().filter(code=quarter.code).first()
        if evaluation_round is None:
            raise NotFound("round_not_found", f"دوره {quarter.name} هنوز محاسبه نشده است.")
        if evaluation_round.state not in sources:
            state = RoundState(evaluation_round.state).label
            raise Conflict("round_state", f"این دوره «{state}» است و این کار در این وضعیت ممکن نیست.")
        evaluation_round.state = target
        if now is not None:
            evaluation_round.published_at = now
        evaluation_round.save(update_fields=["state", "published_at"])
        return evaluation_round


def _measure(evaluation_round: Round, quarter: Quarter) -> None:
    with replica_reads():  # a past quarter's rows, in bulk: a replica's seconds of lag do not matter
        data = measurements(quarter)
    rows = []
    for agency in agency_list():
        taking_part = _taking_part(data, agency)
        for indicator in INDICATORS:
            measure = indicator.measure(data, agency)
            rows.append(
                IndicatorValue(
                    round=evaluation_round, agency=agency, indicator=indicator.code, value=measure.value,
                    basis=measure.basis, sufficient=measure.value is not None and measure.basis >= indicator.least,
                    inputs={**measure.inputs, "taking_part": taking_part},
                )
            )  # fmt: skip
    IndicatorValue.objects.bulk_create(rows, batch_size=1000)
    ServiceValues.objects.bulk_create(_service_values(evaluation_round, data), batch_size=1000)
    evaluation_round.save(update_fields=["measured_at"])


def _service_values(evaluation_round: Round, data: Measurements) -> list[ServiceValues]:
    per_service = [indicator for indicator in INDICATORS if indicator.per_service]
    names = service_names(data.service_agency)
    rows = []
    for service_id, agency_id in data.service_agency.items():
        measures = {}
        for indicator in per_service:
            measure = indicator.measure_service(data, service_id)
            measures[indicator.code] = {
                "value": measure.value, "basis": measure.basis, "inputs": measure.inputs,
                "sufficient": measure.value is not None and measure.basis >= indicator.least,
            }  # fmt: skip
        code, title = names[service_id]
        rows.append(
            ServiceValues(
                round=evaluation_round, agency_id=agency_id, service_code=code, title=title, measures=measures
            )
        )
    return rows


def _taking_part(data: Measurements, agency: Agency) -> bool:
    """Took part: listed a service, launched a window, or answered on the exchange."""
    return (
        data.listed.get(agency.pk, 0) > 0
        or agency.window_status != WindowStatus.NOT_STARTED
        or agency.code in data.providers
    )


def _score(evaluation_round: Round, now: datetime.datetime) -> None:
    weights = {str(k): float(v) for k, v in getattr(settings, "EVALUATION_PILLAR_WEIGHTS", PILLAR_WEIGHTS).items()}
    by_agency: dict[int, dict[str, IndicatorValue]] = {}
    for value in evaluation_round.values.all():
        by_agency.setdefault(value.agency_id, {})[value.indicator] = value
    results = []
    for agency_id, values in by_agency.items():
        taking_part = bool(next(iter(values.values())).inputs.get("taking_part"))
        scores = agency_scores(
            {code: (v.value, v.sufficient) for code, v in values.items() if code in BY_CODE}, taking_part, weights
        )
        completion = values.get("completion")
        results.append(
            AgencyResult(
                round=evaluation_round, agency_id=agency_id, standing=scores.standing, score=scores.score,
                applications=int(completion.inputs.get("submitted", 0)) if completion else 0, **scores.pillars,
            )
        )  # fmt: skip
    ranks = competition_ranks({r.agency_id: r.score for r in results if r.score is not None})
    for result in results:
        result.rank = ranks.get(result.agency_id)
    evaluation_round.results.all().delete()
    AgencyResult.objects.bulk_create(results, batch_size=1000)
    evaluation_round.weights = weights
    evaluation_round.scored_at = now
    evaluation_round.save(update_fields=["weights", "scored_at"])


# --- review: an agency's objections to its draft card, and the supervisor's decisions ----------------


def objection_file(
    *, code: str, agency: Agency, indicator: str, reason: str, by: str, now: datetime.datetime
) -> Objection:
    """An agency objects to one indicator of its draft card, while the round is under review."""
    if indicator not in BY_CODE:
        raise NotFound("indicator_not_found", "شاخصی با این کد نیست.")
    reason = reason.strip()
    if len(clean_input(reason)) < 10:  # runs of spaces and invisible characters count once, or not at all
        raise InvalidInput("reason_too_short", "دلیل اعتراض را دست‌کم در ده نویسه بنویسید.", "reason")
    evaluation_round = _round(code)
    if evaluation_round.state != RoundState.UNDER_REVIEW:
        raise Conflict("round_not_under_review", "اعتراض فقط در زمان بررسی پیش‌نویس کارنامه ثبت می‌شود.")
    if Objection.objects.filter(
        round=evaluation_round, agency=agency, indicator=indicator, state=ObjectionState.OPEN
    ).exists():
        raise Conflict("objection_open", "به این شاخص اعتراضی در انتظار تصمیم دارید.")
    return Objection.objects.create(
        round=evaluation_round, agency=agency, indicator=indicator, reason=reason[:2000], filed_by=by[:150],
        filed_at=now,
    )  # fmt: skip


def objection_decide(
    *, objection: Objection, accept: bool, decision: str, by: str, now: datetime.datetime,
    corrected: float | None = None,
) -> Objection:  # fmt: skip
    """The supervisor decides, with a reason. Accepting corrects the indicator's value (a share, 0 to 1)
    for this round and scores the round again; the measured value is kept beside it."""
    decision = decision.strip()
    if len(decision) < 10:
        raise InvalidInput("decision_too_short", "دلیل تصمیم را دست‌کم در ده نویسه بنویسید.", "decision")
    if accept and (corrected is None or not 0 <= corrected <= 1):
        raise InvalidInput("corrected_value", "مقدار اصلاح‌شده باید میان ۰ و ۱۰۰ درصد باشد.", "corrected")
    with transaction.atomic():
        objection = Objection.objects.select_for_update().select_related("round").get(pk=objection.pk)
        if objection.state != ObjectionState.OPEN:
            raise Conflict("objection_decided", "درباره این اعتراض پیش‌تر تصمیم گرفته شده است.")
        if objection.round.state != RoundState.UNDER_REVIEW:
            raise Conflict("round_not_under_review", "این دوره دیگر در زمان بررسی نیست.")
        objection.state = ObjectionState.ACCEPTED if accept else ObjectionState.REJECTED
        objection.decision, objection.decided_by, objection.decided_at = decision[:2000], by[:150], now
        if accept:
            value = IndicatorValue.objects.select_for_update().get(
                round=objection.round, agency_id=objection.agency_id, indicator=objection.indicator
            )
            objection.value_before, objection.value_after = value.value, corrected
            value.inputs = {**value.inputs, "corrected_from": value.value}
            value.value, value.sufficient = corrected, True
            value.save(update_fields=["value", "sufficient", "inputs"])
        objection.save()
        if accept:
            _score(objection.round, now)
    return objection


def _round(code: str) -> Round:
    quarter = quarter_parse(code)
    found = Round.objects.filter(code=quarter.code).first()
    if found is None:
        raise NotFound("round_not_found", f"دوره {quarter.name} هنوز محاسبه نشده است.")
    return found
