"""Two agencies with services, systems, a data service each, grants and audit rows, and helpers
to make staff members and log them in."""

from __future__ import annotations

import base64
import datetime
import re
from dataclasses import dataclass
from urllib.parse import parse_qs, urlparse

from django.contrib.auth.models import User
from django.test import Client
from django_otp.oath import TOTP
from django_otp.plugins.otp_totp.models import TOTPDevice

from conftest import admin_login
from panjereh.accounts.services import staff_create
from panjereh.agencies.models import Agency
from panjereh.catalog.models import Service
from panjereh.exchange import services as exchange
from panjereh.exchange.audit.store import append_batch
from panjereh.exchange.models import AgencySystem, DataService, Grant

PASSWORD = "a-long-staff-password-1404"


def code_now(device: TOTPDevice, *, drift: int = 0) -> str:
    """The code an authenticator app shows now for this device (drift: steps later or earlier)."""
    totp = TOTP(device.bin_key, device.step, device.t0, device.digits, device.drift)
    totp.drift = drift
    return f"{totp.token():0{device.digits}d}"


@dataclass
class Side:
    agency: Agency
    system: AgencySystem
    data_service: DataService


@dataclass
class Exchange:
    a: Side  # faraja
    b: Side  # ict
    a_reads_b: Grant  # consumer in A, provider B
    b_reads_b: Grant  # B's own system reads B: nothing of A


def exchange_world() -> Exchange:
    """Needs the `catalog` fixture (faraja and ict with services)."""
    purpose = exchange.purpose_upsert(code="identity-check", name="احراز هویت")
    sides = {}
    for code in ("faraja", "ict"):
        agency = Agency.objects.get(code=code)
        system = exchange.system_register(agency=agency, code=f"{code}-portal", name=f"سامانه {agency.name}")
        data_service = exchange.data_service_publish(
            system=system, code=f"{code}-data", title=f"داده {agency.name}", endpoint="/x", purposes=[purpose]
        )
        sides[code] = Side(agency, system, data_service)
    a, b = sides["faraja"], sides["ict"]
    a_reads_b = exchange.grant_request(consumer=a.system, data_service=b.data_service, purposes=[purpose])
    b_reads_b = exchange.grant_request(consumer=b.system, data_service=b.data_service, purposes=[purpose])
    now = datetime.datetime.now(datetime.UTC)
    calls = [("faraja-portal", "faraja", "ict"), ("ict-portal", "ict", "ict"), ("ict-portal", "ict", "faraja")]
    append_batch([
        {"at": now, "consumer": consumer, "consumer_agency": consumer_agency, "provider": provider,
         "data_service": f"{provider}-data", "purpose": "identity-check", "subject": "", "application": "",
         "outcome": "ok", "status": 200, "latency_ms": 1.0, "request_hash": "", "response_hash": "", "jti": ""}
        for consumer, consumer_agency, provider in calls
    ])  # fmt: skip
    return Exchange(a, b, a_reads_b, b_reads_b)


def make_staff(username: str, role: str, agency: str | None) -> User:
    new = staff_create(username=username, role=role, agency_code=agency, password=PASSWORD)
    return new.member.user


def logged_in(username: str, role: str, agency: str | None) -> Client:
    client = Client()
    admin_login(client, make_staff(username, role, agency))
    return client


def service_of(agency: str) -> Service:
    return Service.objects.filter(agency__code=agency).order_by("pk").first()  # type: ignore[return-value]


def printed(output: str, label: str) -> str:
    """A `label: value` line of a command's output."""
    match = re.search(rf"^{label}: (\S+)$", output, re.MULTILINE)
    assert match, output
    return match.group(1)


def app_code(uri: str) -> str:
    """What an authenticator app shows for an otpauth:// address."""
    params = parse_qs(urlparse(uri).query)
    secret = params["secret"][0]
    key = base64.b32decode(secret + "=" * (-len(secret) % 8))
    return f"{TOTP(key, step=int(params['period'][0]), digits=int(params['digits'][0])).token():06d}"
