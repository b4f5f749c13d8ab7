"""Payments tests talk to the sandbox bank over real HTTP: the sandbox process on loopback."""

from __future__ import annotations

import datetime
from typing import Any
from urllib.parse import parse_qs, urlsplit

import httpx
import pytest

from conftest import run_tasks as run_tasks  # the tests here import it from this module
from panjereh.accounts.models import Citizen
from panjereh.accounts.services import citizen_get_or_create
from panjereh.agencies.models import Agency
from panjereh.agencies.services import agency_upsert
from panjereh.payments.constants import Purpose
from panjereh.payments.models import Payment
from panjereh.payments.services import payment_start

NOW = datetime.datetime(2024, 7, 10, 9, 0, tzinfo=datetime.UTC)


@pytest.fixture
def bank(settings: Any, sandbox_url: str) -> str:
    settings.PAYMENT_GATEWAY = "sandbox"
    settings.SANDBOX_BANK_URL = f"{sandbox_url}/bank/"
    return sandbox_url


@pytest.fixture
def payer(transactional_db: None) -> Citizen:
    """Committed rows: the worker run in these tests closes old connections, which a test's own
    transaction would not survive on PostgreSQL."""
    citizen = citizen_get_or_create(national_code="0012345679")
    citizen.mobile = "09121234567"
    citizen.save(update_fields=["mobile"])
    return citizen


@pytest.fixture
def agency(transactional_db: None) -> Agency:
    return agency_upsert(code="judiciary", name="قوه قضاییه")


def start(payer: Citizen, agency: Agency, amount: int = 500_000, subject: str = "123456789012") -> Payment:
    return payment_start(
        citizen=payer, agency=agency, purpose=Purpose.BILL, subject=subject, description="آزمون پرداخت",
        amount_rials=amount, return_url=lambda pk: f"http://127.0.0.1:9/payments/{pk}/return", now=NOW,
    )  # fmt: skip


def at_the_bank(payment: Payment, action: str) -> dict[str, str]:
    """What the person does on the bank's page; the query the bank sends them back with ({} if none)."""
    answer = httpx.post(payment.redirect_url, data={"action": action}, follow_redirects=False, timeout=10)
    if answer.status_code != 303:
        return {}
    return {key: values[0] for key, values in parse_qs(urlsplit(answer.headers["location"]).query).items()}
