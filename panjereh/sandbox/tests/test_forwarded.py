"""The power distributor's system takes only applications the national window signed, and reports back."""

from __future__ import annotations

import asyncio
import hashlib
import json
import time
import uuid
from typing import Any

import httpx
import jwt
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from panjereh.sandbox.app import SandboxApp
from panjereh.sandbox.forwarded import ForwardReceiver, decide

from .conftest import BASE_URL, assert_error, call

PLATFORM = Ed25519PrivateKey.generate()
REQUEST = {"tracking_code": "1234567890", "service": "electricity-connection", "form": {"power_kw": 25}}


def body_of(request: dict[str, Any]) -> bytes:
    return json.dumps(request, ensure_ascii=False, separators=(",", ":")).encode()


def signed(body: bytes, *, key: Ed25519PrivateKey = PLATFORM, **claims: Any) -> dict[str, str]:
    token_claims = {"iss": "panjereh-platform", "aud": "tavanir-sandbox", "iat": int(time.time()),
                    "jti": uuid.uuid4().hex, "body_sha256": hashlib.sha256(body).hexdigest(), **claims}  # fmt: skip
    token = jwt.encode(token_claims, key, algorithm="EdDSA")
    return {"Authorization": f"Bearer {token}", "Content-Type": "application/json"}


def sandbox(**fields: Any) -> SandboxApp:
    return SandboxApp(seed=1, faults={}, receiver=ForwardReceiver(platform_key=PLATFORM.public_key(), **fields))


def forward(app: SandboxApp, body: bytes, headers: dict[str, str]) -> httpx.Response:
    return call(app, "POST", "/energy/connection-requests", content=body, headers=headers)


def test_a_request_the_platform_signed_is_accepted_and_remembered() -> None:
    app = sandbox()
    body = body_of(REQUEST)
    response = forward(app, body, signed(body))
    assert response.status_code == 202, response.text
    assert response.json() == {"tracking_code": "1234567890", "accepted": True}
    listed = call(app, "GET", "/energy/connection-requests").json()
    assert listed == {"items": [{"tracking_code": "1234567890", "status": "issued", "reported": False}]}
    again = forward(app, body, signed(body))  # a retry of a delivery that did arrive: the same request
    assert again.status_code == 202
    assert len(app.receiver.received) == 1


def test_a_bad_signature_is_refused_with_401() -> None:
    body = body_of(REQUEST)
    response = forward(sandbox(), body, signed(body, key=Ed25519PrivateKey.generate()))
    assert_error(response, 401, "not_authenticated")


def test_a_changed_body_a_stale_token_another_audience_and_a_replay_are_refused() -> None:
    app = sandbox()
    body = body_of(REQUEST)
    changed = body_of({**REQUEST, "form": {"power_kw": 5}})
    assert_error(forward(app, changed, signed(body)), 401, "not_authenticated")
    assert_error(forward(app, body, signed(body, iat=int(time.time()) - 120)), 401, "not_authenticated")
    assert_error(forward(app, body, signed(body, aud="another-system")), 401, "not_authenticated")
    assert_error(forward(app, body, {"Content-Type": "application/json"}), 401, "not_authenticated")
    headers = signed(body)
    assert forward(app, body, headers).status_code == 202
    assert_error(forward(app, body, headers), 401, "not_authenticated")
    assert not app.receiver.received or list(app.receiver.received) == ["1234567890"]


def test_without_the_platform_key_nothing_is_accepted() -> None:
    app = SandboxApp(seed=1, faults={}, receiver=ForwardReceiver())
    body = body_of(REQUEST)
    assert_error(forward(app, body, signed(body)), 503, "service_unavailable")


def test_the_energy_fault_knobs_make_the_webhook_fail() -> None:
    app = SandboxApp(seed=1, faults={"energy": {"error_rate": 1}},
                     receiver=ForwardReceiver(platform_key=PLATFORM.public_key()))  # fmt: skip
    body = body_of(REQUEST)
    assert_error(forward(app, body, signed(body)), 500, "internal_error")
    app.faults.update("energy", {"error_rate": 0, "down": True})
    assert_error(forward(app, body, signed(body)), 503, "service_unavailable")
    assert not app.receiver.received


def test_up_to_100_kw_is_approved_and_more_is_refused_with_a_reason() -> None:
    assert decide({"form": {"power_kw": 100}})[0] == "issued"
    status, reason = decide({"form": {"power_kw": 150}})
    assert status == "rejected"
    assert "150 کیلووات" in reason


def test_the_decision_is_reported_to_the_platform_signed_as_the_agency_system() -> None:
    agency = Ed25519PrivateKey.generate()
    seen: list[httpx.Request] = []

    def platform(request: httpx.Request) -> httpx.Response:
        seen.append(request)
        return httpx.Response(200, json={"status": "rejected"})

    receiver = ForwardReceiver(platform_key=PLATFORM.public_key(), platform_url="http://platform.test",
                               agency_key=agency, agency_key_id="k1", report_delay_seconds=0,
                               transport=httpx.MockTransport(platform))  # fmt: skip
    app = SandboxApp(seed=1, faults={}, receiver=receiver)

    async def scenario() -> httpx.Response:
        body = body_of({**REQUEST, "form": {"power_kw": 150}})
        async with httpx.AsyncClient(transport=httpx.ASGITransport(app=app), base_url=BASE_URL) as client:
            response = await client.post("/energy/connection-requests", content=body, headers=signed(body))
        await receiver.drain()
        return response

    assert asyncio.run(scenario()).status_code == 202
    (request,) = seen
    assert str(request.url) == "http://platform.test/api/v1/agency/applications/1234567890/status"
    assert json.loads(request.content)["status"] == "rejected"
    token = request.headers["authorization"].removeprefix("Bearer ")
    claims = jwt.decode(token, agency.public_key(), algorithms=["EdDSA"], audience="panjereh-exchange-api")
    assert claims["iss"] == "tavanir-sandbox"
    assert jwt.get_unverified_header(token)["kid"] == "k1"
    assert receiver.received["1234567890"].reported
