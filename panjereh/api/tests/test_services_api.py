"""/api/v1/services, /api/v1/agencies, /healthz and the error envelope, through HTTP."""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client

from panjereh.catalog.models import Service
from panjereh.catalog.services import services_smart_set

pytestmark = pytest.mark.usefixtures("catalog")


def get(client: Client, path: str, **params: Any) -> Any:
    return client.get(path, params)


def assert_error(response: Any, status: int, code: str, field: str | None = None) -> None:
    assert response.status_code == status, response.content
    body = response.json()
    assert set(body) == {"error"}
    assert body["error"]["code"] == code
    assert body["error"]["message"] and any("\u0600" <= ch <= "\u06ff" for ch in body["error"]["message"])
    if field is not None:
        assert body["error"]["field"] == field


def test_search_answers_count_and_ranked_items_with_their_agency_and_url(client: Client) -> None:
    body = get(client, "/api/v1/services", q="پاسپورت").json()
    assert body["count"] == 1
    item = body["items"][0]
    assert item["code"] == "faraja-passport-renewal"
    assert item["title"] == "تمدید گذرنامه"
    assert item["agency"] == {"code": "faraja", "name": "فرماندهی انتظامی جمهوری اسلامی ایران"}
    assert item["maturity"] == "full" and item["smart_claimed"] is True
    assert item["smart"] is False  # the agency's list says so; nothing on the platform decides it yet
    assert item["url"] == "http://testserver/services/faraja-passport-renewal/"


def test_search_takes_arabic_letters_and_any_digits(client: Client) -> None:
    assert get(client, "/api/v1/services", q="سيم كارت").json()["count"] == 2
    assert get(client, "/api/v1/services", q="١٣٧").json()["items"][0]["code"] == "tehran-urban-problem-report"


def test_search_filters_by_agency_and_pages(client: Client) -> None:
    body = get(client, "/api/v1/services", agency="welfare").json()
    assert body["count"] == 3 and {i["agency"]["code"] for i in body["items"]} == {"welfare"}
    assert get(client, "/api/v1/services", page=2).json()["items"] == []
    assert get(client, "/api/v1/services", maturity="full", smart="true").json()["count"] == 0
    services_smart_set(smart={Service.objects.get(code="faraja-passport-renewal").pk})  # as a definition would
    assert get(client, "/api/v1/services", maturity="full", smart="true").json()["count"] == 1


@pytest.mark.parametrize(
    ("params", "field"),
    [
        ({"page": "0"}, "page"),
        ({"page": "abc"}, "page"),
        ({"page": "99999999"}, "page"),
        ({"maturity": "digital"}, "maturity"),
        ({"audience": "G2X"}, "audience"),
        ({"smart": "maybe"}, "smart"),
        ({"q": "ا" * 1001}, "q"),
    ],
)
def test_bad_parameters_get_a_422_envelope_naming_the_field(client: Client, params: dict[str, str], field: str) -> None:
    assert_error(get(client, "/api/v1/services", **params), 422, "invalid_request", field)


@pytest.mark.parametrize("q", ["", "' OR 1=1 --", "<img src=x onerror=alert(1)>", "\x07\x1b", "ا" * 1000])
def test_odd_queries_get_results_not_errors(client: Client, q: str) -> None:
    response = get(client, "/api/v1/services", q=q)
    assert response.status_code == 200
    assert response.json()["count"] >= 0


def test_a_null_character_is_a_clear_error_not_a_lookup(client: Client) -> None:
    """PostgreSQL cannot compare text holding NUL: refused before any lookup (core/null_characters.py)."""
    assert_error(get(client, "/api/v1/services", q="\x00\x07"), 422, "invalid_request", None)
    assert_error(client.get("/api/v1/services/faraja%00passport"), 422, "invalid_request", None)


def test_one_service_profile_has_every_field(client: Client) -> None:
    body = get(client, "/api/v1/services/faraja-passport-renewal").json()
    assert body["fee_rials"] == 1_250_000
    assert body["approved_on"] == "2024-05-04" and body["approved_on_jalali"] == "1403/02/15"
    assert body["categories"] == [{"code": "identity-documents", "name": "هویت و اسناد سجلی"}]
    assert body["life_events"] == [{"code": "travelling-abroad", "name": "سفر خارجی"}]
    for name in (
        "summary",
        "description",
        "channels",
        "requirements",
        "sla_days",
        "keywords",
        "legal_basis",
        "revision",
    ):
        assert name in body


def test_an_unknown_service_is_a_404_envelope(client: Client) -> None:
    assert_error(get(client, "/api/v1/services/no-such-service"), 404, "service_not_found", "code")


def test_an_unknown_api_path_is_a_404_envelope(client: Client) -> None:
    assert_error(get(client, "/api/v1/no-such-thing"), 404, "not_found")


def test_a_wrong_method_is_a_405_envelope(client: Client) -> None:
    response = client.post("/api/v1/services", {}, content_type="application/json")
    assert response.status_code == 405


def test_agencies_list_their_window_status_and_service_counts(client: Client) -> None:
    body = get(client, "/api/v1/agencies").json()
    by_code = {item["code"]: item for item in body["items"]}
    assert body["count"] == len(by_code) == 5
    assert by_code["welfare"]["service_count"] == 3
    assert by_code["faraja"]["window_status"] == "not_started"
    assert by_code["faraja"]["window_status_label"] == "راه‌اندازی نشده"


def test_healthz_says_ok_when_the_database_answers(client: Client) -> None:
    response = client.get("/healthz")
    assert response.status_code == 200 and response.json() == {"status": "ok"}


def test_a_search_found_only_by_guessing_says_so_and_suggests_the_query_meant(client: Client) -> None:
    guessed = client.get("/api/v1/services", {"q": "تمدید گذرنمه"}).json()
    assert guessed["approximate"] is True and guessed["suggestion"] == "تمدید گذرنامه" and guessed["count"]
    exact = client.get("/api/v1/services", {"q": "تمدید گذرنامه"}).json()
    assert exact["approximate"] is False and exact["suggestion"] == ""
