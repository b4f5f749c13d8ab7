"""A little exchange world: a consumer system, a provider with a fake system on loopback, grants."""

from __future__ import annotations

import asyncio
import time
import uuid
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

import httpx
import jwt
import pytest
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from cryptography.hazmat.primitives.serialization import Encoding, PublicFormat

from panjereh.agencies.services import agency_upsert
from panjereh.exchange import services
from panjereh.exchange.gateway.app import Gateway
from panjereh.exchange.models import AgencySystem, DataService
from panjereh.exchange.tests.fakes import FakeProvider

SECRET = "a-shared-secret-of-at-least-32-characters!!"
SUBJECT = "0499370899"
REQUEST_SCHEMA = {
    "type": "object",
    "properties": {"national_code": {"type": "string", "pattern": "^[0-9]{10}$"}},
    "required": ["national_code"],
    "additionalProperties": False,
}
RESPONSE_SCHEMA = {"type": "object", "required": ["has_record"], "properties": {"has_record": {"type": "boolean"}}}


@pytest.fixture(scope="session")
def provider_server() -> Iterator[FakeProvider]:
    server = FakeProvider()
    yield server
    server.stop()


@dataclass
class World:
    consumer: AgencySystem
    provider_system: AgencySystem
    service: DataService
    ed_key: Ed25519PrivateKey
    provider: FakeProvider

    def token(self, **overrides: Any) -> str:
        claims = {"iss": "moi-portal", "iat": int(time.time()), "jti": uuid.uuid4().hex}
        headers = {"kid": overrides.pop("kid", "main")}
        key: Any = overrides.pop("key", SECRET)
        algorithm = overrides.pop("alg", "HS256")
        claims.update(overrides)
        return jwt.encode({k: v for k, v in claims.items() if v is not None}, key, algorithm=algorithm, headers=headers)

    def headers(self, token: str | None = None, **extra: str) -> dict[str, str]:
        base = {
            "Authorization": f"Bearer {token or self.token()}",
            "X-Purpose": "criminal-record-certificate",
            "X-Subject": SUBJECT,
        }
        base.update(extra)
        return {k: v for k, v in base.items() if v}

    def call(
        self,
        body: Any = None,
        *,
        path: str = "/exchange/v1/judiciary/criminal-record",
        method: str = "POST",
        headers: dict[str, str] | None = None,
        content: bytes | None = None,
    ) -> httpx.Response:
        """One call through a fresh gateway (its own event loop and caches), as an agency system makes it."""
        return asyncio.run(self._call([(method, path, headers or self.headers(), body, content)]))[0]

    def calls(self, requests: list[tuple[str, str, dict[str, str], Any, bytes | None]]) -> list[httpx.Response]:
        """Several calls in order through one gateway, so its breakers and caches carry over."""
        return asyncio.run(self._call(requests))

    async def _call(self, requests: list[tuple[str, str, dict[str, str], Any, bytes | None]]) -> list[httpx.Response]:
        gateway = Gateway()
        transport = httpx.ASGITransport(app=gateway)
        answers = []
        async with httpx.AsyncClient(transport=transport, base_url="http://testserver") as client:
            for method, path, headers, body, content in requests:
                if content is None and body is None:
                    body = {"national_code": SUBJECT}
                answers.append(
                    await client.request(method, path, headers=headers, json=None if content else body, content=content)
                )
        await gateway.aclose()
        return answers


@pytest.fixture
def world(transactional_db: None, provider_server: FakeProvider) -> World:
    provider_server.reset()
    moi = agency_upsert(code="moi", name="وزارت کشور")
    judiciary = agency_upsert(code="judiciary", name="قوه قضاییه")
    consumer = services.system_register(agency=moi, code="moi-portal", name="درگاه وزارت کشور")
    services.credential_add_shared_secret(system=consumer, key_id="main", secret=SECRET)
    ed_key = Ed25519PrivateKey.generate()
    pem = ed_key.public_key().public_bytes(Encoding.PEM, PublicFormat.SubjectPublicKeyInfo).decode()
    services.credential_add_public_key(system=consumer, key_id="ed", public_key_pem=pem)
    provider_system = services.system_register(
        agency=judiciary, code="judiciary-system", name="سامانه قوه قضاییه", base_url=provider_server.url
    )
    certificate = services.purpose_upsert(code="criminal-record-certificate", name="صدور گواهی عدم سوء پیشینه")
    services.purpose_upsert(code="employment", name="استخدام")
    service = services.data_service_publish(
        system=provider_system,
        code="criminal-record",
        title="استعلام سوء پیشینه",
        endpoint="/judiciary/criminal-record",
        purposes=[certificate, services.purpose_upsert(code="employment", name="استخدام")],
        request_schema=REQUEST_SCHEMA,
        response_schema=RESPONSE_SCHEMA,
        timeout_ms=500,
    )
    grant = services.grant_request(consumer=consumer, data_service=service, purposes=[certificate])
    services.grant_decide(grant=grant, approve=True, by="judiciary admin")
    return World(consumer, provider_system, service, ed_key, provider_server)
