"""The request id across the exchange: the platform's client sends the current one, the gateway passes
it on to the provider's system and names it in its answer; a caller's malformed id, or none, is
replaced by a new one, the same on both sides."""

from __future__ import annotations

import re

import pytest

from panjereh.core.request_id import HEADER, RequestIdFilter, bound
from panjereh.exchange.client import inquire
from panjereh.exchange.gateway.app import Gateway
from panjereh.exchange.models import AgencySystem
from panjereh.exchange.tests.conftest import SUBJECT, World
from panjereh.exchange.tests.fakes import FakeProvider

NEW_ID = re.compile(r"[0-9a-f]{32}")


def received_id(provider: FakeProvider) -> str:
    [call] = provider.script.calls
    return str({name.lower(): value for name, value in call["headers"].items()}["x-request-id"])


def test_the_platforms_inquiry_carries_the_request_id_to_the_provider(
    live_exchange: str, provider_server: FakeProvider
) -> None:
    provider_server.reset()
    AgencySystem.objects.filter(code="judiciary-sandbox").update(base_url=provider_server.url)
    with bound("portal-req-00c0ffee"):
        answer = inquire("judiciary", "criminal-record", {"national_code": SUBJECT},
                         purpose="criminal-record-certificate", subject=SUBJECT)  # fmt: skip
    assert answer.ok, answer
    assert received_id(provider_server) == "portal-req-00c0ffee"


def test_the_gateway_passes_a_callers_id_on_and_returns_it(world: World) -> None:
    response = world.call(headers=world.headers(**{HEADER: "moi-portal.call_0042"}))
    assert response.status_code == 200, response.text
    assert response.headers[HEADER] == "moi-portal.call_0042"
    assert received_id(world.provider) == "moi-portal.call_0042"


def test_a_malformed_or_missing_id_is_replaced_by_one_the_provider_and_the_caller_both_see(world: World) -> None:
    for offered in ("bad id\x7f", ""):
        world.provider.reset()
        response = world.call(headers=world.headers(**{HEADER: offered}))
        assert response.status_code == 200, response.text
        assert NEW_ID.fullmatch(response.headers[HEADER])
        assert received_id(world.provider) == response.headers[HEADER]


def test_a_refused_call_names_its_id_too(world: World) -> None:
    response = world.call(headers=world.headers("not-a-token", **{HEADER: "moi-portal.call_0401"}))
    assert (response.status_code, response.headers[HEADER]) == (401, "moi-portal.call_0401")
    assert world.provider.script.calls == []


def test_a_fault_of_the_gateways_is_logged_with_the_calls_id(
    world: World, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    def broken(validator: object, body: bytes) -> None:
        raise RuntimeError("a bug of ours")

    monkeypatch.setattr(Gateway, "_validate", staticmethod(broken))
    caplog.handler.addFilter(RequestIdFilter())  # as the settings' handler has it
    response = world.call(headers=world.headers(**{HEADER: "moi-portal.call_0500"}))
    assert (response.status_code, response.headers[HEADER]) == (500, "moi-portal.call_0500")
    [logged] = [record for record in caplog.records if record.name == "panjereh.exchange.gateway.app"]
    assert logged.exc_info is not None and logged.request_id == "moi-portal.call_0500"  # type: ignore[attr-defined]
