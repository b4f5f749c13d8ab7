"""The fault knobs: latency, error and garbage rates, down, timeout; their admin endpoints."""

from __future__ import annotations

import asyncio
import time
from typing import Any

import httpx
import pytest

from panjereh.sandbox.agencies import AGENCIES
from panjereh.sandbox.app import SandboxApp
from panjereh.sandbox.faults import DEFAULT_SEED, Knobs

from .conftest import assert_error, call, is_json, national_codes, post, send

CODE = next(national_codes(1))
RECORD = "/judiciary/criminal-record"
PERSON = "/civil-registry/person"
DEFAULTS = {"latency_ms": 0, "error_rate": 0.0, "garbage_rate": 0.0, "down": False, "timeout": False}


def set_knobs(app: SandboxApp, agency: str, **knobs: Any) -> httpx.Response:
    response = call(app, "PUT", f"/_faults/{agency}", knobs)
    assert response.status_code == 200, response.text
    return response


def test_the_knobs_start_without_faults(app: SandboxApp) -> None:
    response = call(app, "GET", "/_faults")
    assert response.status_code == 200
    assert response.json() == {agency.slug: DEFAULTS for agency in AGENCIES}
    assert Knobs().as_json() == DEFAULTS


def test_put_sets_some_knobs_of_one_agency(app: SandboxApp) -> None:
    response = set_knobs(app, "judiciary", latency_ms=5, error_rate=0)
    assert response.json() == {"judiciary": {**DEFAULTS, "latency_ms": 5}}
    set_knobs(app, "judiciary", garbage_rate=0.25)
    knobs = call(app, "GET", "/_faults").json()
    assert knobs["judiciary"] == {**DEFAULTS, "latency_ms": 5, "garbage_rate": 0.25}
    assert knobs["police"] == DEFAULTS


def test_latency_is_added_before_answering(app: SandboxApp) -> None:
    set_knobs(app, "judiciary", latency_ms=150)
    started = time.monotonic()
    response = post(app, RECORD, {"national_code": CODE})
    assert time.monotonic() - started >= 0.15
    assert response.status_code == 200 and response.json()["national_code"] == CODE
    assert post(app, PERSON, {"national_code": CODE}).status_code == 200  # other agencies unaffected


def test_error_rate_one_fails_every_call(app: SandboxApp) -> None:
    set_knobs(app, "judiciary", error_rate=1.0)
    for _ in range(10):
        assert_error(post(app, RECORD, {"national_code": CODE}), 500, "internal_error")
    assert post(app, PERSON, {"national_code": CODE}).status_code == 200


def test_garbage_rate_one_answers_200_with_a_body_that_is_not_json(app: SandboxApp) -> None:
    set_knobs(app, "judiciary", garbage_rate=1)
    for _ in range(5):
        response = post(app, RECORD, {"national_code": CODE})
        assert response.status_code == 200 and not is_json(response.content)
        assert response.content.startswith(b"<html>")


def test_down_answers_503_at_once_and_closes_the_connection(app: SandboxApp) -> None:
    set_knobs(app, "judiciary", down=True, latency_ms=5_000)
    started = time.monotonic()
    response = post(app, RECORD, {"national_code": CODE})
    assert time.monotonic() - started < 4  # no latency: "at once"
    assert_error(response, 503, "service_unavailable")
    assert response.headers["connection"] == "close"
    assert_error(post(app, RECORD, content=b"not even json"), 503, "service_unavailable")
    assert call(app, "GET", "/healthz").status_code == 200  # health is not an agency call
    assert post(app, PERSON, {"national_code": CODE}).status_code == 200


def test_timeout_holds_the_call_for_at_least_the_timeout() -> None:
    app = SandboxApp(seed=1, faults={"judiciary": {"timeout": True}}, timeout_seconds=0.3)
    started = time.monotonic()
    response = post(app, RECORD, {"national_code": CODE})
    assert time.monotonic() - started >= 0.3
    assert response.status_code == 200
    app.faults.update("judiciary", {"latency_ms": 450})  # the larger of the two wins
    started = time.monotonic()
    post(app, RECORD, {"national_code": CODE})
    assert time.monotonic() - started >= 0.45


def test_timeout_defaults_to_thirty_seconds_so_a_client_gives_up(app: SandboxApp) -> None:
    set_knobs(app, "judiciary", timeout=True)
    assert app.faults.delay_seconds(app.faults.knobs["judiciary"]) == 30.0

    async def impatient() -> None:
        await asyncio.wait_for(send(app, "POST", RECORD, {"national_code": CODE}), timeout=0.3)

    with pytest.raises(TimeoutError):
        asyncio.run(impatient())


def test_delete_resets_every_knob(app: SandboxApp) -> None:
    for agency in AGENCIES:
        set_knobs(app, agency.slug, error_rate=1, down=True, latency_ms=10)
    response = call(app, "DELETE", "/_faults")
    assert response.status_code == 200
    assert response.json() == {agency.slug: DEFAULTS for agency in AGENCIES}
    assert post(app, RECORD, {"national_code": CODE}).status_code == 200


def test_rates_draw_from_the_seeded_dice_reproducibly() -> None:
    def statuses(app: SandboxApp) -> list[int]:
        set_knobs(app, "judiciary", error_rate=0.5)
        return [post(app, RECORD, {"national_code": CODE}).status_code for _ in range(40)]

    first, again = statuses(SandboxApp(seed=42, faults={})), statuses(SandboxApp(seed=42, faults={}))
    assert first == again
    assert 8 <= first.count(500) <= 32 and set(first) == {200, 500}
    assert statuses(SandboxApp(seed=43, faults={})) != first
    app = SandboxApp(seed=42, faults={})
    statuses(app)
    call(app, "DELETE", "/_faults")  # a reset reseeds the dice
    assert statuses(app) == first


@pytest.mark.parametrize(
    "knobs, field",
    [
        ({"latency_ms": -1}, "latency_ms"),
        ({"latency_ms": 1.5}, "latency_ms"),
        ({"latency_ms": "100"}, "latency_ms"),
        ({"latency_ms": True}, "latency_ms"),
        ({"latency_ms": 600_001}, "latency_ms"),
        ({"error_rate": 1.01}, "error_rate"),
        ({"error_rate": -0.1}, "error_rate"),
        ({"error_rate": "0.5"}, "error_rate"),
        ({"error_rate": True}, "error_rate"),
        ({"error_rate": None}, "error_rate"),
        ({"garbage_rate": 2}, "garbage_rate"),
        ({"down": 1}, "down"),
        ({"down": "true"}, "down"),
        ({"timeout": None}, "timeout"),
        ({"slow": True}, "slow"),
        ({"latency_ms": 10, "down": "yes"}, "down"),
    ],
)
def test_bad_knobs_are_422_and_change_nothing(app: SandboxApp, knobs: dict[str, Any], field: str) -> None:
    assert_error(call(app, "PUT", "/_faults/police", knobs), 422, "invalid_request", field)
    assert call(app, "GET", "/_faults").json()["police"] == DEFAULTS


def test_an_infinite_rate_is_refused(app: SandboxApp) -> None:
    response = call(app, "PUT", "/_faults/police", content=b'{"error_rate": 1e999}')
    assert_error(response, 422, "invalid_request", "error_rate")


def test_knob_requests_must_be_json_objects_for_a_known_agency(app: SandboxApp) -> None:
    assert_error(call(app, "PUT", "/_faults/police", [1]), 400, "bad_request")
    assert_error(call(app, "PUT", "/_faults/police", content=b"down"), 400, "bad_request")
    assert_error(call(app, "PUT", "/_faults/nowhere", {"down": True}), 404, "not_found")
    assert_error(call(app, "GET", "/_faults/police"), 405, "method_not_allowed")


def test_knobs_from_the_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SANDBOX_FAULTS", '{"judiciary": {"latency_ms": 200}, "police": {"down": true}}')
    monkeypatch.setenv("SANDBOX_SEED", "7")
    app = SandboxApp()
    assert app.faults.seed == 7
    knobs = call(app, "GET", "/_faults").json()
    assert knobs["judiciary"] == {**DEFAULTS, "latency_ms": 200}
    assert knobs["police"] == {**DEFAULTS, "down": True}
    monkeypatch.delenv("SANDBOX_SEED")
    assert SandboxApp().faults.seed == DEFAULT_SEED == 1403


@pytest.mark.parametrize(
    "text",
    ["{", "[]", '{"nowhere": {}}', '{"police": 1}', '{"police": {"down": "yes"}}', '{"police": {"slow": 1}}'],
)
def test_bad_knobs_in_the_environment_stop_the_start(monkeypatch: pytest.MonkeyPatch, text: str) -> None:
    monkeypatch.setenv("SANDBOX_FAULTS", text)
    with pytest.raises(ValueError, match="SANDBOX_FAULTS"):
        SandboxApp()


def test_a_bad_seed_in_the_environment_stops_the_start(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SANDBOX_SEED", "abc")
    with pytest.raises(ValueError, match="SANDBOX_SEED"):
        SandboxApp()
