"""A NUL in the address, a cookie or a body is refused before anything looks it up (on PostgreSQL a
lookup with one was a 500), with an error in the envelope or a Persian page; nothing changes."""

from __future__ import annotations

import json

import pytest
from django.test import Client

pytestmark = pytest.mark.django_db


def test_a_json_body_with_a_null_is_refused_in_the_envelope(client: Client) -> None:
    body = json.dumps({"service": "abc\u0000def", "office": "x"})
    answer = client.post("/api/v1/appointments", body, content_type="application/json")
    assert answer.status_code == 422 and answer.json()["error"]["code"] == "invalid_request"
    assert "نویسه تهی" in answer.json()["error"]["message"]


def test_a_query_with_a_null_is_refused(client: Client) -> None:
    assert client.get("/api/v1/services/abc%00def").status_code == 422
    page = client.get("/services/", {"q": "گذر\x00نامه"})
    assert page.status_code == 400 and 'dir="rtl"' in page.content.decode()


def test_a_form_and_a_cookie_with_a_null_are_refused(client: Client) -> None:
    assert (
        client.post("/feedback/", "useful=1&text=a%00b", content_type="application/x-www-form-urlencoded").status_code
        == 400
    )
    client.cookies["sessionid"] = "abcdefgh\x00ijklmnop"
    assert client.get("/").status_code == 400


def test_ordinary_requests_pass(client: Client) -> None:
    assert client.get("/services/", {"q": "گذرنامه ۱۰۰%"}).status_code == 200
    answer = client.post("/api/v1/auth/otp", json.dumps({"national_code": "123", "mobile": "0912"}),
                         content_type="application/json")  # fmt: skip
    assert (answer.status_code == 422 and answer.json()["error"]["code"] != "invalid_request") or answer.json()[
        "error"
    ]["field"]
