"""Every public figure compares a round with published rounds only: a round still in draft or under review
is skipped, so no change, list or download gives its scores away, and the pages name the round compared
with. A refused round name speaks Persian and names a round that exists."""

from __future__ import annotations

import csv
import datetime
import io
import re

import pytest
from django.test import Client

from panjereh.accounts.tests.staff_world import logged_in
from panjereh.core.errors import InvalidInput, NotFound
from panjereh.evaluation.models import AgencyResult, Round
from panjereh.evaluation.selectors import compared_round, published_round, rankings, report_card, round_rows
from panjereh.evaluation.services import round_compute, round_publish, round_to_review
from panjereh.evaluation.tests.conftest import AFTER, IN_Q1, History, applications, complain, rate
from panjereh.persian import format_decimal

UTC = datetime.UTC
IN_Q3 = datetime.datetime(2024, 10, 20, 9, 0, tzinfo=UTC)  # Aban 1403
AFTER_Q3 = datetime.datetime(2025, 1, 5, tzinfo=UTC)
LATIN_DIGIT = re.compile("[0-9]")


def score(agency: str, code: str) -> float:
    found = AgencyResult.objects.get(round__code=code, agency__code=agency).score
    assert found is not None
    return found


def signed(change: float) -> str:
    """As the pages print a change (core's fa_signed)."""
    return ("+" if change > 0 else "") + format_decimal(change, 2)


@pytest.fixture
def demo_like(history: History) -> History:
    """As the demo leaves it: 1403-Q1 and 1403-Q3 published, 1403-Q2 (between them) under review; the
    poor agency scored in all three, a different score each time."""
    slow = history.poor.services.get(code="poor-s0").definitions.get()
    earlier = applications(slow, 5, at=IN_Q1, hours=200, reason="")
    rate(earlier, 1, IN_Q1)
    complain(earlier[:3], IN_Q1, answered_after_days=None)
    rate(applications(slow, 5, at=IN_Q3, hours=10, reason="دلیل", by_person=True), 4, IN_Q3)
    round_compute(code="1403-Q1", now=AFTER)
    round_publish(code="1403-Q1", now=AFTER)
    round_compute(code="1403-Q2", now=AFTER)
    round_to_review(code="1403-Q2")
    round_compute(code="1403-Q3", now=AFTER_Q3)
    round_publish(code="1403-Q3", now=AFTER_Q3)
    q1, q2, q3 = score("poor", "1403-Q1"), score("poor", "1403-Q2"), score("poor", "1403-Q3")
    assert len({q1, q2, q3}) == 3  # else comparing with the wrong round could not show
    return history


def test_the_change_skips_a_round_under_review_for_the_newest_published_before(demo_like: History) -> None:
    q3 = Round.objects.get(code="1403-Q3")
    change = round(score("poor", "1403-Q3") - score("poor", "1403-Q1"), 2)
    assert compared_round(q3) == Round.objects.get(code="1403-Q1")
    poor = next(row for row in round_rows(q3) if row.code == "poor")
    assert poor.change == change

    card = report_card(q3, "poor")
    assert card["result"].change == change and card["compared_with"] == "بهار ۱۴۰۳"
    assert [name for name, _score in card["trend"]] == ["بهار ۱۴۰۳", "پاییز ۱۴۰۳"]
    assert card["trend"][1][1] - card["trend"][0][1] == pytest.approx(change, abs=0.01)  # the page agrees with itself

    board = rankings(q3, "change")
    assert board["compared_with"] == "بهار ۱۴۰۳"
    assert [(row.code, row.change) for row in board["improved"]] == [("poor", change)]
    assert [(row.code, row.change) for row in board["scored"]] == [("poor", change)]


def test_no_public_page_or_download_gives_away_the_score_under_review(demo_like: History, client: Client) -> None:
    right = round(score("poor", "1403-Q3") - score("poor", "1403-Q1"), 2)
    leaked = round(score("poor", "1403-Q3") - score("poor", "1403-Q2"), 2)

    card = client.get("/evaluation/1403-Q3/poor").content.decode()
    assert signed(right) in card and signed(leaked) not in card
    assert "تابستان ۱۴۰۳" not in card  # the round under review is nowhere on it, not even in the trend
    for sort in ("rank", "change"):
        page = client.get("/evaluation/1403-Q3/", {"sort": sort}).content.decode()
        assert signed(right) in page and signed(leaked) not in page

    items = client.get("/api/v1/evaluation/rounds/1403-Q3/scores").json()["items"]
    assert {i["agency"]["code"]: i["change"] for i in items} == {"poor": right, "good": None, "thin": None,
                                                                 "absent": None}  # fmt: skip
    answer = client.get("/api/v1/evaluation/rounds/1403-Q3/scores.csv")
    rows = list(csv.DictReader(io.StringIO(answer.content.decode("utf-8-sig"))))
    assert {r["agency_code"]: r["change"] for r in rows} == {"poor": str(right), "good": "", "thin": "", "absent": ""}


def test_the_first_published_round_has_no_change_even_after_a_draft(history: History, client: Client) -> None:
    slow = history.poor.services.get(code="poor-s0").definitions.get()
    rate(applications(slow, 5, at=IN_Q1, hours=200, reason=""), 1, IN_Q1)
    round_compute(code="1403-Q1", now=AFTER)  # a draft: never compared with
    round_compute(code="1403-Q2", now=AFTER)
    q2 = round_publish(code="1403-Q2", now=AFTER)
    assert compared_round(q2) is None and rankings(q2)["compared_with"] is None
    assert [row.change for row in round_rows(q2)] == [None, None, None, None]
    assert report_card(q2, "poor")["result"].change is None
    items = client.get("/api/v1/evaluation/rounds/1403-Q2/scores").json()["items"]
    assert [i["change"] for i in items] == [None, None, None, None]


def test_publishing_the_round_between_later_makes_it_the_one_compared_with(demo_like: History) -> None:
    round_publish(code="1403-Q2", now=AFTER_Q3)
    q3 = Round.objects.get(code="1403-Q3")
    card = report_card(q3, "poor")
    assert card["compared_with"] == "تابستان ۱۴۰۳"
    assert card["result"].change == round(score("poor", "1403-Q3") - score("poor", "1403-Q2"), 2)
    assert [name for name, _score in card["trend"]] == ["بهار ۱۴۰۳", "تابستان ۱۴۰۳", "پاییز ۱۴۰۳"]


def test_the_council_still_reads_the_draft_card_of_the_round_under_review(demo_like: History) -> None:
    q2 = Round.objects.get(code="1403-Q2")
    council = logged_in("council", "supervisor", None)
    page = council.get(f"/admin/evaluation/round/{q2.pk}/card/", {"agency": "poor"}).content.decode()
    assert "وزارت کند" in page and format_decimal(score("poor", "1403-Q2"), 2) in page


@pytest.mark.parametrize("name", ["xyz", "1403-Q9", "1403Q2", "۱۴۰۳-ف۲"])
def test_a_malformed_round_name_names_a_published_round_in_words(demo_like: History, name: str) -> None:
    with pytest.raises(InvalidInput) as refused:
        published_round(name)
    assert refused.value.code == "invalid_round" and not LATIN_DIGIT.search(refused.value.message)
    assert "پاییز ۱۴۰۳" in refused.value.message and "تابستان ۱۴۰۳" not in refused.value.message


def test_an_unpublished_round_is_not_found_and_the_newest_published_one_named(demo_like: History) -> None:
    with pytest.raises(NotFound) as refused:
        published_round("1403-Q2")
    assert refused.value.code == "round_not_found" and not LATIN_DIGIT.search(refused.value.message)
    assert refused.value.message.startswith("کارنامه دوره تابستان ۱۴۰۳ منتشر نشده است.")
    assert "پاییز ۱۴۰۳" in refused.value.message


def test_the_page_of_an_unknown_round_speaks_persian(demo_like: History, client: Client) -> None:
    answer = client.get("/evaluation/xyz/")
    message = re.search(r"<h1[^>]*>(.*?)</h1>", answer.content.decode(), re.S)
    assert answer.status_code == 422 and message is not None
    assert not LATIN_DIGIT.search(message.group(1)) and "پاییز ۱۴۰۳" in message.group(1)


def test_before_anything_is_published_the_refusal_says_so(history: History) -> None:
    with pytest.raises(InvalidInput) as refused:
        published_round("xyz")
    assert "هنوز کارنامه هیچ دوره‌ای منتشر نشده است." in refused.value.message
    assert not LATIN_DIGIT.search(refused.value.message)
