"""A round computed from a quarter of platform history: indicators trace to their inputs, scores to the
indicators; computing again gives the same numbers; refusals change nothing."""

from __future__ import annotations

import datetime

import pytest
from django.core.management import call_command

from panjereh.core.errors import Conflict, InvalidInput, NotFound
from panjereh.evaluation.constants import RoundState, Standing
from panjereh.evaluation.models import AgencyResult, IndicatorValue
from panjereh.evaluation.rounds import NAME_IN_WORDS, last_ended, quarter_of, quarter_parse
from panjereh.evaluation.scoring import competition_ranks
from panjereh.evaluation.selectors import round_rows
from panjereh.evaluation.services import round_compute, round_publish, round_to_review
from panjereh.evaluation.tests.conftest import AFTER, IN_Q1, IN_Q2, History, applications, calls, complain, rate


def value(agency_code: str, indicator: str, round_code: str = "1403-Q2") -> IndicatorValue:
    return IndicatorValue.objects.get(round__code=round_code, agency__code=agency_code, indicator=indicator)


def result(agency_code: str, round_code: str = "1403-Q2") -> AgencyResult:
    return AgencyResult.objects.get(round__code=round_code, agency__code=agency_code)


def test_a_round_is_a_jalali_quarter_named_in_any_digits() -> None:
    quarter = quarter_parse(" ۱۴۰۳-q2 ")
    assert (quarter.code, quarter.name) == ("1403-Q2", "تابستان ۱۴۰۳")
    assert quarter.start == datetime.datetime(2024, 6, 20, 20, 30, tzinfo=datetime.UTC)  # 1 Tir, Tehran midnight
    assert quarter.end == quarter_parse("1403-Q3").start and quarter.previous().code == "1403-Q1"
    assert quarter_parse("1403-Q4").next().code == "1404-Q1"
    assert quarter_of(datetime.datetime(2026, 12, 5, tzinfo=datetime.UTC)).code == "1405-Q3"
    assert last_ended(datetime.datetime(2026, 12, 5, tzinfo=datetime.UTC)).code == "1405-Q2"


@pytest.mark.parametrize("name", ["1403-Q5", "1403Q2", "03-Q2", "1403-Q", "", "1403-Q2; drop", "۱۴۰۳-ف۲"])
def test_a_malformed_round_name_is_refused_in_persian(name: str) -> None:
    with pytest.raises(InvalidInput) as refused:
        quarter_parse(name)
    assert refused.value.code == "invalid_round" and refused.value.message == NAME_IN_WORDS
    assert "۱ تا ۴" in NAME_IN_WORDS and not any("0" <= c <= "9" for c in NAME_IN_WORDS)  # Persian digits only


def test_every_indicator_is_measured_from_its_inputs(history: History) -> None:
    round_compute(code="1403-Q2", now=AFTER)
    online = value("good", "online_services")
    assert online.value == 0.75 and online.inputs["full"] == 3 and online.inputs["services"] == 4
    assert value("good", "smart_services").value == 0.5  # 2 of 4 have an automatic definition, not the flag
    assert value("good", "document_free").inputs == {"document_free": 2, "services": 4, "taking_part": True}
    assert value("good", "decided_in_time").value == 1.0 and value("good", "reasoned_decisions").value == 1.0
    assert value("good", "satisfaction").value == 1.0 and value("good", "complaints_answered").value == 1.0
    assert value("good", "single_sign_on").value == 1.0 and value("good", "window_connected").value == 1.0
    assert value("good", "data_services_provided").inputs["consumers"] == 2

    assert value("poor", "decided_in_time").inputs == {"decided_in_time": 5, "decided": 10, "taking_part": True}
    assert value("poor", "inbox_in_time").value == 0.5 and value("poor", "completion").value == 10 / 15
    assert value("poor", "reasoned_decisions").value == 0.0 and value("poor", "profile_completeness").value == 0
    assert value("poor", "availability").value == 0.4  # 10 answered of 25 forwarded
    latency = value("poor", "latency")
    assert latency.inputs["p95_ms"] == 3000 and latency.value == 0.5
    assert value("poor", "satisfaction").value == 0.25  # ten ratings of 2 stars: (2 − 1) ÷ 4
    assert value("poor", "complaints_answered").value == 0.0 and value("poor", "window_connected").value == 0.0


def test_scores_ranks_and_the_agencies_with_too_little_data_or_none(history: History) -> None:
    evaluation_round = round_compute(code="1403-Q2", now=AFTER)
    good, poor = result("good"), result("poor")
    assert (good.standing, good.rank, poor.standing, poor.rank) == (Standing.SCORED, 1, Standing.SCORED, 2)
    assert good.score is not None and poor.score is not None and 0 <= poor.score < good.score <= 100
    assert good.participatory == 100.0 and poor.participatory == 12.5
    weights = evaluation_round.weights
    pillars = ("user_centric", "transparent", "integrated", "participatory")
    expected = sum(weights[p] * getattr(poor, p) for p in pillars) / sum(weights.values())
    assert poor.score == pytest.approx(expected, abs=0.01)
    thin = result("thin")
    assert (thin.standing, thin.score, thin.rank, thin.participatory) == (Standing.INSUFFICIENT, None, None, None)
    absent = result("absent")
    assert (absent.standing, absent.score, absent.rank) == (Standing.ABSENT, None, None)
    assert good.applications == 10 and poor.applications == 15


def test_computing_again_gives_the_same_numbers_until_asked_to_measure_again(history: History) -> None:
    round_compute(code="1403-Q2", now=AFTER)
    before = result("poor").score
    calls("poor", "good", 500, ok=False, latency_ms=9000, at=IN_Q2)  # the log grows after the round was measured
    round_compute(code="1403-Q2", now=AFTER)
    assert result("poor").score == before
    round_compute(code="1403-Q2", now=AFTER, remeasure=True)
    assert result("poor").score is not None and before is not None and result("poor").score < before


def test_the_change_since_the_previous_published_round(history: History) -> None:
    """The poor agency was scored in Q1 too (worse: late, unreasoned, one-star): Q2 shows its change
    once Q1 is published (a draft is never compared with: tests/test_published_rounds_only.py)."""
    slow = history.poor.services.get(code="poor-s0").definitions.get()
    earlier = applications(slow, 5, at=IN_Q1, hours=200, reason="")
    rate(earlier, 1, IN_Q1)
    complain(earlier[:3], IN_Q1, answered_after_days=None)
    round_compute(code="1403-Q1", now=AFTER)
    round_publish(code="1403-Q1", now=AFTER)
    q2_round = round_compute(code="1403-Q2", now=AFTER)
    q1, q2 = result("poor", "1403-Q1"), result("poor", "1403-Q2")
    assert q1.standing == q2.standing == Standing.SCORED and q1.score is not None and q2.score is not None
    changes = {row.code: row.change for row in round_rows(q2_round)}
    assert changes["poor"] == pytest.approx(q2.score - q1.score, abs=0.01) and (changes["poor"] or 0) > 0
    assert result("good", "1403-Q1").standing == Standing.INSUFFICIENT and changes["good"] is None


def test_refusals_change_nothing(history: History) -> None:
    with pytest.raises(InvalidInput) as future:
        round_compute(code="1403-Q4", now=AFTER)  # ends 20 March 2025
    assert future.value.code == "round_not_over"
    with pytest.raises(NotFound):
        round_publish(code="1403-Q2", now=AFTER)
    round_compute(code="1403-Q2", now=AFTER)
    assert round_to_review(code="1403-Q2").state == RoundState.UNDER_REVIEW
    with pytest.raises(Conflict):
        round_to_review(code="1403-Q2")
    published = round_publish(code="1403-Q2", now=AFTER)
    assert published.state == RoundState.PUBLISHED and published.published_at == AFTER
    scores = list(AgencyResult.objects.values_list("agency__code", "score", "rank"))
    with pytest.raises(Conflict):
        round_publish(code="1403-Q2", now=AFTER)
    with pytest.raises(Conflict) as recompute:
        round_compute(code="1403-Q2", now=AFTER, remeasure=True)
    assert recompute.value.code == "round_published"
    assert list(AgencyResult.objects.values_list("agency__code", "score", "rank")) == scores


def test_ties_share_a_rank() -> None:
    assert competition_ranks({1: 80.0, 2: 70.0, 3: 70.0, 4: 50.0}) == {1: 1, 2: 2, 3: 2, 4: 4}


def test_the_command_computes_and_publishes(history: History, capsys: pytest.CaptureFixture[str]) -> None:
    call_command("evaluate", "۱۴۰۳-Q2", "--publish")
    out = capsys.readouterr().out
    assert "1403-Q2: 4 agencies, 2 scored, 1 with too little data, 1 took no part; published" in out
