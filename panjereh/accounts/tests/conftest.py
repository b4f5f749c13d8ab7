"""Login tests run the real path: the platform asks the sandbox registries through a gateway on
loopback; codes go to an SMS outbox file in the test's folder."""

from __future__ import annotations

import datetime
import json
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest
from django.test import Client

from panjereh.accounts.models import Citizen
from panjereh.accounts.services import citizen_get_or_create, oidc_client_register
from panjereh.agencies.services import agency_upsert

PERSON, MOBILE = "0012345679", "09120005679"  # a sandbox person and their mobile (same last four digits)
OTHER, OTHER_MOBILE = "1234567891", "09120007891"


class Outbox:
    def __init__(self, path: Path) -> None:
        self.path = path

    def messages(self) -> list[dict[str, Any]]:
        if not self.path.exists():
            return []
        return [json.loads(line) for line in self.path.read_text(encoding="utf-8").splitlines()]

    def last_code(self, to: str) -> str:
        texts = [m["text"] for m in self.messages() if m["to"] == to]
        assert texts, f"no SMS to {to}"
        match = re.search(r"#(\d{6})$", texts[-1])
        assert match, texts[-1]
        return match.group(1)


@pytest.fixture(autouse=True)
def _limits(fresh_limits: None) -> None:
    """Rate-limit windows do not leak from one login test to the next."""


@pytest.fixture
def sandbox_faults(sandbox_url: str) -> Iterator[str]:
    yield sandbox_url
    httpx.delete(f"{sandbox_url}/_faults", timeout=5)


def ask_code(client: Client, national_code: str = PERSON, mobile: str = MOBILE, **extra: Any) -> Any:
    return client.post("/api/v1/auth/otp", {"national_code": national_code, "mobile": mobile},
                       content_type="application/json", **extra)  # fmt: skip


def verify(client: Client, challenge_id: str, code: str, **fields: Any) -> Any:
    return client.post("/api/v1/auth/otp/verify", {"challenge_id": challenge_id, "code": code, **fields},
                       content_type="application/json")  # fmt: skip


def login(client: Client, outbox: Outbox, national_code: str = PERSON, mobile: str = MOBILE) -> Any:
    sent = ask_code(client, national_code, mobile)
    assert sent.status_code == 202, sent.content
    answer = verify(client, sent.json()["challenge_id"], outbox.last_code(mobile))
    assert answer.status_code == 200, answer.content
    return answer


# Single sign-on: an agency window registered as a client, and a citizen who logs in through it.
SSO_REDIRECT = "http://127.0.0.1:8100/agency-window/callback"
SSO_CODE = "0012345679"


@pytest.fixture
def window() -> dict[str, str]:
    agency = agency_upsert(code="sabt", name="سازمان ثبت اسناد و املاک کشور")
    client_id, secret = oidc_client_register(agency=agency, name="پنجره خدمات ثبت", redirect_uris=[SSO_REDIRECT])
    return {"client_id": client_id, "secret": secret}


@pytest.fixture
def citizen() -> Citizen:
    person = citizen_get_or_create(national_code=SSO_CODE, first_name="مریم", last_name="احمدی")
    person.birth_date = datetime.date(1990, 3, 21)
    person.gender = "female"
    person.save()
    return person
