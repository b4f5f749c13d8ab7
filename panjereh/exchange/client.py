"""How the platform itself asks other agencies for data: through the gateway, over HTTP, with its
own signed token, like any agency system. There is no side door around the checks and the audit."""

from __future__ import annotations

import functools
import hashlib
import json
import time
import uuid
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import httpx
import jwt
import urllib3
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from cryptography.hazmat.primitives.serialization import Encoding, PublicFormat
from django.conf import settings

from panjereh.core.keyfiles import ed25519_key_file
from panjereh.core.request_id import HEADER, current_request_id

PLATFORM_AGENCY = "ito"  # the Information Technology Organisation runs the national window
PLATFORM_SYSTEM = "panjereh-platform"


def platform_signing_key() -> Ed25519PrivateKey:
    """The platform's private key, for what it signs besides its exchange tokens (forwarded applications)."""
    return _platform_key()


@functools.cache
def _platform_key() -> Ed25519PrivateKey:
    return ed25519_key_file(Path(settings.VAR_DIR) / "keys" / "platform-ed25519.key")


@functools.cache
def platform_public_key() -> tuple[str, str]:
    """(key id, PEM) of the platform's signing key, to register as its credential."""
    public = _platform_key().public_key()
    raw = public.public_bytes(Encoding.Raw, PublicFormat.Raw)
    pem = public.public_bytes(Encoding.PEM, PublicFormat.SubjectPublicKeyInfo).decode()
    return "platform-" + hashlib.sha256(raw).hexdigest()[:12], pem


def platform_token() -> str:
    key_id, _ = platform_public_key()
    claims = {"iss": PLATFORM_SYSTEM, "iat": int(time.time()), "jti": uuid.uuid4().hex}
    return jwt.encode(claims, _platform_key(), algorithm="EdDSA", headers={"kid": key_id})


def http() -> httpx.Client:
    """The process's pooled client, for other calls the platform makes to agency systems."""
    return _http()


@functools.cache
def _http() -> httpx.Client:
    """One pooled client for the process (httpx clients are thread-safe): a new one per call cost
    a TLS context and a connection each time, tens of milliseconds. Inquiries use `_inquiries`."""
    return httpx.Client(timeout=10, follow_redirects=False)


class ExchangeUnreachable(Exception):
    """The gateway itself could not be reached, or did not answer in time."""


@functools.cache
def _inquiries() -> urllib3.PoolManager:
    """The process's keep-alive connections to the gateway (thread-safe). urllib3 rather than httpx:
    an inquiry costs its caller less than half the CPU, and the worker makes three for every
    smart-service application. No retries: a token is good only once."""
    return urllib3.PoolManager(num_pools=4, maxsize=16, retries=False, timeout=urllib3.Timeout(total=10))


@dataclass(frozen=True)
class Answer:
    status: int
    data: dict[str, Any]
    audit_id: str | None

    @property
    def ok(self) -> bool:
        return self.status == 200


def inquire(
    provider: str, service: str, body: dict[str, Any], *, purpose: str, subject: str = "", application: str = ""
) -> Answer:
    """One inquiry through the gateway at settings.EXCHANGE_URL; ExchangeUnreachable if it cannot be asked."""
    headers = {"Authorization": f"Bearer {platform_token()}", "X-Purpose": purpose,
               "Content-Type": "application/json"}  # fmt: skip
    if subject:
        headers["X-Subject"] = subject
    if application:
        headers["X-Application"] = application
    if request_id := current_request_id():  # the gateway logs it and passes it on to the provider
        headers[HEADER] = request_id
    url = f"{settings.EXCHANGE_URL.rstrip('/')}/exchange/v1/{provider}/{service}"
    try:
        response = _inquiries().request("POST", url, body=json.dumps(body).encode(), headers=headers)
    except urllib3.exceptions.HTTPError as error:
        raise ExchangeUnreachable(f"{type(error).__name__}: {error}") from error
    try:
        data = json.loads(response.data)
    except ValueError:
        data = {}
    return Answer(response.status, data if isinstance(data, dict) else {}, response.headers.get("X-Audit-Id"))
