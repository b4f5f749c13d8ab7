"""The open data: the rounds, a published round's scores as JSON and as CSV, the same rows in both."""

from __future__ import annotations

import csv
import io

import pytest
from django.test import Client

from panjereh.evaluation.services import round_compute, round_publish
from panjereh.evaluation.tests.conftest import AFTER, History


def test_rounds_are_listed_newest_first_with_their_state(history: History, client: Client) -> None:
    round_compute(code="1403-Q1", now=AFTER)
    round_compute(code="1403-Q2", now=AFTER)
    round_publish(code="1403-Q2", now=AFTER)
    rounds = client.get("/api/v1/evaluation/rounds").json()
    assert [(r["round"], r["state"], r["name"]) for r in rounds] == [
        ("1403-Q2", "published", "تابستان ۱۴۰۳"),
        ("1403-Q1", "draft", "بهار ۱۴۰۳"),
    ]


def test_scores_in_json_and_csv_agree(history: History, client: Client) -> None:
    round_compute(code="1403-Q2", now=AFTER)
    round_publish(code="1403-Q2", now=AFTER)
    body = client.get("/api/v1/evaluation/rounds/1403-Q2/scores").json()
    assert body["round"] == "1403-Q2"
    items = body["items"]
    assert [(i["agency"]["code"], i["rank"], i["standing"]) for i in items] == [
        ("good", 1, "scored"), ("poor", 2, "scored"), ("thin", None, "insufficient"), ("absent", None, "absent"),
    ]  # fmt: skip
    assert set(items[0]["pillars"]) == {"user_centric", "transparent", "integrated", "participatory"}
    assert items[0]["agency"]["name"] == "سازمان خوب" and items[0]["score"] > items[1]["score"]

    answer = client.get("/api/v1/evaluation/rounds/۱۴۰۳-Q2/scores.csv")
    assert answer["Content-Type"].startswith("text/csv") and answer.content.startswith("\ufeff".encode())
    rows = list(csv.DictReader(io.StringIO(answer.content.decode("utf-8-sig"))))
    assert [(r["agency_code"], r["rank"], r["score"]) for r in rows] == [
        (
            i["agency"]["code"],
            "" if i["rank"] is None else str(i["rank"]),
            "" if i["score"] is None else str(i["score"]),
        )
        for i in items
    ]
    assert rows[0]["agency_name"] == "سازمان خوب" and rows[1]["participatory"] == "12.5"


@pytest.mark.parametrize(
    ("path", "status", "code"),
    [
        ("/api/v1/evaluation/rounds/1403-Q2/scores", 404, "round_not_found"),  # computed, not yet published
        ("/api/v1/evaluation/rounds/1399-Q1/scores", 404, "round_not_found"),
        ("/api/v1/evaluation/rounds/1403-Q9/scores", 422, "invalid_request"),
        ("/api/v1/evaluation/rounds/nonsense/scores.csv", 422, "invalid_request"),
    ],
)
def test_unknown_unpublished_and_malformed_rounds(
    history: History, client: Client, path: str, status: int, code: str
) -> None:
    round_compute(code="1403-Q2", now=AFTER)
    answer = client.get(path)
    assert answer.status_code == status and answer.json()["error"]["code"] == code
