"""Application tests run the real path: the platform inquires through a gateway on loopback in
front of the sandbox agencies process; tasks run in this process from the real task table."""

from __future__ import annotations

import contextlib
import json
from collections.abc import Iterator
from typing import Any
from urllib.parse import urlsplit

import httpx
import pytest
from django.test import Client
from django.utils import timezone

from conftest import run_tasks as run_tasks  # the tests here import it from this module
from panjereh.accounts.models import Citizen
from panjereh.accounts.services import citizen_get_or_create
from panjereh.agencies.services import agency_upsert
from panjereh.applications.constants import DecisionMode, Status
from panjereh.applications.documents import signing
from panjereh.applications.models import Application, IssuedDocument, ServiceDefinition
from panjereh.applications.tracking import new_tracking_code
from panjereh.catalog.models import Service
from panjereh.persian import make_national_code

CLEAN = "0012345679"  # the judiciary has no record of this sandbox person (8th digit is not 9)
WITH_RECORD = make_national_code("001234590")  # 8th digit 9: the sandbox judiciary reports a record


def flagship_catalog() -> None:
    """The agencies and service profiles the sample definitions point at, then the definitions."""
    from panjereh.agencies.services import agency_upsert
    from panjereh.applications.sample import DEFINITIONS, sample_definitions_load
    from panjereh.catalog.models import Service
    from panjereh.catalog.sample.agencies import AGENCIES_BY_CODE
    from panjereh.exchange.client import PLATFORM_AGENCY
    from panjereh.exchange.models import AgencySystem
    from panjereh.exchange.sample import SERVICES, sample_exchange_setup

    if not AgencySystem.objects.filter(code="tavanir-sandbox").exists():  # tests without a live exchange
        for code in {service.agency for service in SERVICES} | {PLATFORM_AGENCY}:
            agency_upsert(is_sample=True, **AGENCIES_BY_CODE[code])
        sample_exchange_setup(sandbox_url="http://127.0.0.1:9")  # nothing listens: no inquiry is expected
    for spec in DEFINITIONS:
        agency = agency_upsert(is_sample=True, **AGENCIES_BY_CODE[spec["agency"]])
        Service.objects.get_or_create(code=spec["service"], defaults={"agency": agency, "title": spec["title"]})
    sample_definitions_load()


@pytest.fixture
def world(live_exchange: str, outbox: Any, settings: Any, sandbox_url: str) -> Iterator[str]:
    settings.PAYMENT_GATEWAY = "sandbox"  # fees are paid at the sandbox bank, in the sandbox process
    settings.SANDBOX_BANK_URL = f"{sandbox_url}/bank/"
    flagship_catalog()
    yield live_exchange


def pay(client: Client, tracking_code: str, action: str = "approve") -> str:
    """The application's fee paid as a person would: the payment started, the choice made on the sandbox
    bank's page, and the return the bank sends the person to followed. Returns the payment's id."""
    started = client.post(f"/api/v1/applications/{tracking_code}/payments")
    assert started.status_code == 201, started.content
    answer = httpx.post(started.json()["redirect_url"], data={"action": action}, follow_redirects=False, timeout=10)
    assert answer.status_code == 303, answer.text
    back = urlsplit(answer.headers["location"])
    client.get(f"{back.path}?{back.query}")
    return str(started.json()["payment_id"])


@contextlib.contextmanager
def agency_down(sandbox_url: str, agency: str) -> Iterator[None]:
    """The sandbox agency refuses every call until the block ends (its fault knob, over HTTP)."""
    httpx.put(f"{sandbox_url}/_faults/{agency}", json={"down": True}, timeout=5).raise_for_status()
    try:
        yield
    finally:
        httpx.delete(f"{sandbox_url}/_faults", timeout=5)


def citizen(national_code: str = CLEAN, mobile: str = "09120005679") -> Citizen:
    person = citizen_get_or_create(national_code=national_code, first_name="سارا", last_name="رضایی")
    person.mobile = mobile
    person.save(update_fields=["mobile"])
    return person


def registry_name(national_code: str = CLEAN) -> str:
    """The name the sandbox civil registry gives: what a document names its holder (never a local copy)."""
    from panjereh.sandbox.people import person

    someone = person(national_code)
    return f"{someone.first_name} {someone.last_name}"


def client_for(person: Citizen) -> Client:
    client = Client()
    client.force_login(person.user)
    return client


def apply(
    client: Client, service: str, data: dict[str, Any] | None = None, key: str = "key-00000001", **extra: Any
) -> Any:
    body = {"service": service, "data": data or {}}
    return client.post("/api/v1/applications", json.dumps(body), content_type="application/json",
                       HTTP_IDEMPOTENCY_KEY=key, **extra)  # fmt: skip


def issue(person: Citizen | None = None, valid_days: int | None = 90) -> IssuedDocument:
    """A signed document on an issued application, built directly (no inquiries)."""
    definition = ServiceDefinition.objects.filter(code="criminal-record-certificate").first()
    if definition is None:
        agency = agency_upsert(code="judiciary", name="قوه قضاییه")
        service = Service.objects.create(code="judiciary-crc", agency=agency, title="گواهی عدم سوء پیشینه")
        definition = ServiceDefinition.objects.create(
            code="criminal-record-certificate", service=service, agency=agency, title="گواهی عدم سوء پیشینه",
            decision_mode=DecisionMode.AUTOMATIC,
        )  # fmt: skip
    person = person or citizen()
    application = Application.objects.create(
        tracking_code=new_tracking_code(), citizen=person, definition=definition, agency=definition.agency,
        status=Status.ISSUED, decision_mode=DecisionMode.AUTOMATIC, submitted_at=timezone.now(),
    )  # fmt: skip
    claims = {"holder": "سارا رضایی", "national_code": person.national_code, "no_criminal_record": True}
    document = signing.document_sign(
        application=application, kind="criminal-record-certificate", title="گواهی عدم سوء پیشینه", claims=claims,
        valid_days=valid_days,
    )  # fmt: skip
    document.save(force_insert=True)
    return document
