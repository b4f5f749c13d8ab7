"""Applications forwarded to an agency's own system: a signed POST, retried with doubling waits,
dead-lettered to the agency's inbox; the agency system reports its decision back through the API."""

from __future__ import annotations

import datetime
import hashlib
import json
import threading
import time
import uuid
from collections.abc import Iterator
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any
from wsgiref.simple_server import make_server

import httpx
import jwt
import pytest
from django.test import Client
from django.utils import timezone

from conftest import _QuietHandler, _ThreadingWSGIServer
from panjereh.applications.constants import Actor, DeliveryStatus, Status
from panjereh.applications.models import Application, Delivery, IssuedDocument
from panjereh.applications.services.forwarding import delivery_attempt
from panjereh.exchange import services as exchange_services
from panjereh.exchange.client import platform_public_key
from panjereh.exchange.models import AgencySystem
from panjereh.sandbox.app import SandboxApp
from panjereh.sandbox.forwarded import ForwardReceiver

from .conftest import apply, citizen, client_for, run_tasks

FORM = {"postal_code": "1314567890", "usage": "residential", "power_kw": 25}
SECRET = "a-shared-secret-of-the-tavanir-sandbox-system-0123456789"


@dataclass
class Webhook:
    """A stand-in for an agency system's webhook on loopback that answers with `statuses` in turn."""

    statuses: list[int] = field(default_factory=lambda: [202])
    received: list[tuple[dict[str, str], bytes]] = field(default_factory=list)
    url: str = ""

    def answer(self) -> int:
        return self.statuses.pop(0) if len(self.statuses) > 1 else self.statuses[0]


@pytest.fixture
def webhook(world: str) -> Iterator[Webhook]:
    hook = Webhook()

    class Handler(BaseHTTPRequestHandler):
        def do_POST(self) -> None:
            body = self.rfile.read(int(self.headers["Content-Length"]))
            hook.received.append(({k.lower(): v for k, v in self.headers.items()}, body))
            self.send_response(hook.answer())
            self.send_header("Content-Length", "2")
            self.end_headers()
            self.wfile.write(b"{}")

        def log_message(self, format: str, *args: Any) -> None:
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    hook.url = f"http://127.0.0.1:{server.server_port}"
    AgencySystem.objects.filter(code="tavanir-sandbox").update(base_url=hook.url)
    try:
        yield hook
    finally:
        server.shutdown()
        server.server_close()


def forwarded_application(power_kw: int = 25) -> Application:
    client = client_for(citizen())
    submitted = apply(client, "electricity-connection", {**FORM, "power_kw": power_kw})
    assert submitted.status_code == 201, submitted.content
    run_tasks()
    return Application.objects.get(tracking_code=submitted.json()["tracking_code"])


def run_when_due(delivery: Delivery) -> None:
    """The queued task, once its wait is over: the clock is moved on rather than waited for."""
    Delivery.objects.filter(pk=delivery.pk).update(next_attempt_at=timezone.now())
    delivery_attempt(delivery.pk)
    delivery.refresh_from_db()


def test_an_application_is_forwarded_signed_by_the_platform_and_marked_delivered(webhook: Webhook) -> None:
    application = forwarded_application()
    assert application.status == Status.FORWARDED
    delivery = Delivery.objects.get(application=application)
    assert (delivery.status, delivery.attempts, delivery.last_error) == (DeliveryStatus.DELIVERED, 1, "")
    assert delivery.url == webhook.url + "/energy/connection-requests"
    ((headers, body),) = webhook.received
    payload = json.loads(body)
    assert payload == delivery.payload
    assert payload["tracking_code"] == application.tracking_code
    assert payload["form"] == FORM
    assert payload["applicant"]["national_code"] == application.citizen.national_code
    assert headers["idempotency-key"] == f"delivery-{delivery.pk}"
    token = headers["authorization"].removeprefix("Bearer ")
    claims = jwt.decode(token, platform_public_key()[1], algorithms=["EdDSA"], audience="tavanir-sandbox",
                        issuer="panjereh-platform", options={"require": ["iat", "jti", "body_sha256"]})  # fmt: skip
    assert claims["body_sha256"] == hashlib.sha256(body).hexdigest()
    assert jwt.get_unverified_header(token)["kid"] == platform_public_key()[0]


def test_a_failing_webhook_is_retried_with_doubling_waits_and_then_dead_lettered(
    webhook: Webhook, settings: Any
) -> None:
    settings.FORWARD_MAX_TRIES = 3
    settings.FORWARD_BACKOFF_SECONDS = 10
    webhook.statuses = [500]
    application = forwarded_application()
    delivery = Delivery.objects.get(application=application)
    assert (delivery.status, delivery.attempts, delivery.last_error) == (DeliveryStatus.PENDING, 1, "HTTP 500")
    assert delivery.next_attempt_at is not None
    wait = delivery.next_attempt_at - timezone.now()
    assert datetime.timedelta(seconds=8) < wait <= datetime.timedelta(seconds=10)
    assert run_tasks() == 0  # the next try waits its turn
    delivery_attempt(delivery.pk)  # and a second task for it, run early, neither posts nor spends a try
    delivery.refresh_from_db()
    assert (delivery.attempts, len(webhook.received)) == (1, 1)

    run_when_due(delivery)
    assert (delivery.status, delivery.attempts) == (DeliveryStatus.PENDING, 2)
    assert delivery.next_attempt_at is not None
    wait = delivery.next_attempt_at - timezone.now()
    assert datetime.timedelta(seconds=18) < wait <= datetime.timedelta(seconds=20)

    run_when_due(delivery)
    assert (delivery.status, delivery.attempts, delivery.last_error) == (DeliveryStatus.DEAD, 3, "HTTP 500")
    application.refresh_from_db()
    assert application.status == Status.WAITING_FOR_AGENCY
    assert application.events.last().message.startswith("سامانه دستگاه درخواست را پس از چند بار تلاش")  # type: ignore[union-attr]
    assert len(webhook.received) == 3
    tokens = [headers["authorization"] for headers, _ in webhook.received]
    assert len(set(tokens)) == 3  # each try is signed afresh (a new jti), the body is the same
    assert len({body for _, body in webhook.received}) == 1

    run_when_due(delivery)  # a dead delivery is never tried again
    assert len(webhook.received) == 3


def test_a_webhook_that_refuses_the_request_is_not_tried_again_and_a_person_takes_it_over(
    webhook: Webhook,
) -> None:
    webhook.statuses = [422]
    application = forwarded_application()
    delivery = Delivery.objects.get(application=application)
    assert (delivery.status, delivery.attempts, delivery.last_error) == (DeliveryStatus.DEAD, 1, "HTTP 422")
    application.refresh_from_db()
    assert application.status == Status.WAITING_FOR_AGENCY
    run_when_due(delivery)
    assert len(webhook.received) == 1


def test_a_webhook_asking_to_come_back_later_is_tried_again(webhook: Webhook) -> None:
    webhook.statuses = [429, 202]
    application = forwarded_application()
    delivery = Delivery.objects.get(application=application)
    assert (delivery.status, delivery.last_error) == (DeliveryStatus.PENDING, "HTTP 429")
    run_when_due(delivery)
    assert delivery.status == DeliveryStatus.DELIVERED


def test_a_webhook_that_recovers_gets_the_application_on_a_later_try(webhook: Webhook) -> None:
    webhook.statuses = [503, 202]
    application = forwarded_application()
    delivery = Delivery.objects.get(application=application)
    assert delivery.status == DeliveryStatus.PENDING
    run_when_due(delivery)
    assert (delivery.status, delivery.attempts, delivery.last_error) == (DeliveryStatus.DELIVERED, 2, "")
    assert delivery.delivered_at is not None


# --- the agency system reports back --------------------------------------------------------------


def system_token(system: str = "tavanir-sandbox", secret: str = SECRET, **claims: Any) -> str:
    body = {"iss": system, "aud": "panjereh-exchange-api", "iat": int(time.time()), "jti": uuid.uuid4().hex, **claims}
    return jwt.encode(body, secret, algorithm="HS256")


def report(tracking_code: str, body: dict[str, Any], token: str | None = None) -> Any:
    headers = {"HTTP_AUTHORIZATION": f"Bearer {token or system_token()}"}
    return Client().post(f"/api/v1/agency/applications/{tracking_code}/status", json.dumps(body),
                         content_type="application/json", **headers)  # fmt: skip


@pytest.fixture
def registered(webhook: Webhook) -> Application:
    """An application delivered to tavanir-sandbox, which holds an HS256 credential."""
    system = AgencySystem.objects.get(code="tavanir-sandbox")
    exchange_services.credential_add_shared_secret(system=system, key_id="tavanir-test", secret=SECRET)
    return forwarded_application()


def test_the_agency_system_issues_the_application_and_the_document_is_issued(registered: Application) -> None:
    response = report(registered.tracking_code, {"status": "in_progress", "reason": "در دست بررسی فنی است."})
    assert response.status_code == 200, response.content
    assert response.json() == {"tracking_code": registered.tracking_code, "status": "forwarded"}

    response = report(registered.tracking_code, {"status": "issued", "reason": "انشعاب برق تأیید شد."})
    assert response.status_code == 200, response.content
    assert response.json()["status"] == "issued"
    registered.refresh_from_db()
    assert (registered.status, registered.decision_reason) == (Status.ISSUED, "انشعاب برق تأیید شد.")
    assert registered.decided_by == AgencySystem.objects.get(code="tavanir-sandbox").name
    document = IssuedDocument.objects.get(application=registered)
    assert document.claims["power_kw"] == 25
    actors = list(registered.events.values_list("actor", flat=True))
    assert actors[-2:] == [Actor.AGENCY_SYSTEM, Actor.AGENCY_SYSTEM]

    again = report(registered.tracking_code, {"status": "rejected", "reason": "دیگر دیر است."})
    assert again.status_code == 409
    assert again.json()["error"]["code"] == "wrong_status"


def test_a_rejection_needs_a_reason_and_a_status_must_be_known(registered: Application) -> None:
    response = report(registered.tracking_code, {"status": "rejected", "reason": "  "})
    assert response.status_code == 422
    assert response.json()["error"] == {
        "code": "reason_required", "message": "دلیل رد درخواست را بنویسید؛ متقاضی آن را می‌بیند.", "field": "reason"
    }  # fmt: skip
    response = report(registered.tracking_code, {"status": "approved"})
    assert response.status_code == 422
    assert response.json()["error"]["field"] == "status"
    response = report(registered.tracking_code, {"status": "issued", "extra": 1})
    assert response.status_code == 422
    registered.refresh_from_db()
    assert registered.status == Status.FORWARDED

    response = report(registered.tracking_code, {"status": "rejected", "reason": "ظرفیت شبکه کافی نیست."})
    assert response.json()["status"] == "rejected"
    assert not IssuedDocument.objects.exists()


def test_another_system_cannot_see_or_decide_the_application(registered: Application) -> None:
    other = AgencySystem.objects.get(code="sabt-sandbox")
    other_secret = "another-shared-secret-of-the-sabt-sandbox-0123456789"
    exchange_services.credential_add_shared_secret(system=other, key_id="sabt-test", secret=other_secret)
    response = report(registered.tracking_code, {"status": "issued"}, system_token("sabt-sandbox", other_secret))
    assert response.status_code == 404
    assert response.json()["error"]["code"] == "not_found"
    # The same answer as for a code that does not exist at all.
    unknown = report("1111111111", {"status": "issued"}, system_token("sabt-sandbox", other_secret))
    assert unknown.status_code == 404
    registered.refresh_from_db()
    assert registered.status == Status.FORWARDED


def test_a_bad_or_missing_token_is_refused_with_401(registered: Application) -> None:
    code = registered.tracking_code
    for token in (system_token(secret="x" * 40), system_token(aud="panjereh-exchange-gateway"),
                  system_token(iat=int(time.time()) - 300), "not-a-token"):  # fmt: skip
        response = report(code, {"status": "issued"}, token)
        assert response.status_code == 401, token
        assert response.json()["error"]["code"] == "not_authenticated"
    missing = Client().post(f"/api/v1/agency/applications/{code}/status", '{"status": "issued"}',
                            content_type="application/json")  # fmt: skip
    assert missing.status_code == 401
    replayed = system_token()
    assert report(code, {"status": "in_progress"}, replayed).status_code == 200
    assert report(code, {"status": "in_progress"}, replayed).status_code == 401
    registered.refresh_from_db()
    assert registered.status == Status.FORWARDED


def test_a_report_from_the_agency_system_stops_the_retries_of_a_delivery(webhook: Webhook) -> None:
    """Its 202 was lost on the way back, but it has the application: no more tries, no dead letter."""
    system = AgencySystem.objects.get(code="tavanir-sandbox")
    exchange_services.credential_add_shared_secret(system=system, key_id="tavanir-test", secret=SECRET)
    webhook.statuses = [504]
    application = forwarded_application()
    assert report(application.tracking_code, {"status": "in_progress"}).status_code == 200
    delivery = Delivery.objects.get(application=application)
    assert delivery.status == DeliveryStatus.DELIVERED
    run_when_due(delivery)
    assert len(webhook.received) == 1


# --- with the sandbox power distributor's own system -------------------------------------------------


def test_the_sandbox_power_distributor_checks_and_takes_the_platforms_delivery(world: str, sandbox_url: str) -> None:
    application = forwarded_application()
    delivery = Delivery.objects.get(application=application)
    assert delivery.url == sandbox_url + "/energy/connection-requests"
    assert (delivery.status, delivery.last_error) == (DeliveryStatus.DELIVERED, ""), delivery.last_error
    listed = httpx.get(f"{sandbox_url}/energy/connection-requests").json()["items"]
    assert application.tracking_code in [item["tracking_code"] for item in listed]


@pytest.fixture
def power_distributor(world: str, live_server: Any) -> Iterator[ForwardReceiver]:
    """The sandbox receiver in this process, on loopback, reporting to this test's platform (live_server)
    as tavanir-sandbox with an Ed25519 key registered as the system's credential."""
    from a2wsgi import ASGIMiddleware
    from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
    from cryptography.hazmat.primitives.serialization import Encoding, PublicFormat

    from panjereh.sandbox.forwarded import public_key

    agency_key = Ed25519PrivateKey.generate()
    system = AgencySystem.objects.get(code="tavanir-sandbox")
    pem = agency_key.public_key().public_bytes(Encoding.PEM, PublicFormat.SubjectPublicKeyInfo).decode()
    exchange_services.credential_add_public_key(system=system, key_id="tavanir-e2e", public_key_pem=pem)
    receiver = ForwardReceiver(
        platform_key=public_key(platform_public_key()[1]), platform_url=live_server.url, agency_key=agency_key,
        agency_key_id="tavanir-e2e", report_delay_seconds=0.2,
    )  # fmt: skip
    app = ASGIMiddleware(SandboxApp(seed=1, faults={}, receiver=receiver))  # type: ignore[arg-type]
    server = make_server("127.0.0.1", 0, app, _ThreadingWSGIServer, _QuietHandler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    AgencySystem.objects.filter(pk=system.pk).update(base_url=f"http://127.0.0.1:{server.server_port}")
    try:
        yield receiver
    finally:
        server.shutdown()
        server.server_close()
        app.loop.call_soon_threadsafe(app.loop.stop)


def wait_for_decision(application: Application, seconds: float = 15) -> Application:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        application.refresh_from_db()
        if application.status != Status.FORWARDED:
            return application
        time.sleep(0.1)
    raise AssertionError("the agency system did not report back")


@pytest.mark.parametrize(("power_kw", "status"), [(25, Status.ISSUED), (150, Status.REJECTED)])
def test_the_sandbox_power_distributor_decides_and_reports_back_to_the_platform(
    power_distributor: ForwardReceiver, power_kw: int, status: str
) -> None:
    application = wait_for_decision(forwarded_application(power_kw))
    assert application.status == status
    assert application.decided_by == AgencySystem.objects.get(code="tavanir-sandbox").name
    received = power_distributor.received[application.tracking_code]
    deadline = time.monotonic() + 5  # the platform commits before its answer reaches the sandbox
    while not received.reported and time.monotonic() < deadline:
        time.sleep(0.05)
    assert received.reported
    if status == Status.ISSUED:
        assert IssuedDocument.objects.get(application=application).claims["power_kw"] == 25
    else:
        assert "150 کیلووات" in application.decision_reason
        assert not IssuedDocument.objects.filter(application=application).exists()


def test_a_delivery_carries_the_id_of_the_request_that_submitted_the_application(webhook: Webhook) -> None:
    submitted = apply(client_for(citizen()), "electricity-connection", FORM, HTTP_X_REQUEST_ID="portal-req-00000f0r")
    assert submitted.status_code == 201, submitted.content
    run_tasks()  # the processing, then the delivery it queued
    ((headers, _),) = webhook.received
    assert headers["x-request-id"] == "portal-req-00000f0r"
