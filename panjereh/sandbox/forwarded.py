"""The sandbox power distributor's own system receiving applications the national window forwards.

``POST /energy/connection-requests`` takes an application (docs/forwarding.md) only when the platform's
token checks out: EdDSA under the platform's public key (``SANDBOX_PLATFORM_PUBLIC_KEY``, a PEM),
``iss`` = ``panjereh-platform``, ``aud`` = this system (``SANDBOX_AGENCY_SYSTEM``, default
``tavanir-sandbox``), ``iat`` within 30 s, a ``jti`` not seen before and ``body_sha256`` equal to the
SHA-256 of the exact body. Anything else is 401. It answers 202, remembers the request (the same
tracking code again is answered 202 and not decided twice) and, ``SANDBOX_REPORT_DELAY_SECONDS``
later (default 1), reports its decision to ``{SANDBOX_PLATFORM_URL}/api/v1/agency/applications/
{tracking_code}/status`` as the agency system, with a token signed by ``SANDBOX_AGENCY_PRIVATE_KEY``
(an Ed25519 PEM whose public half the platform holds as the system's credential,
``SANDBOX_AGENCY_KEY_ID``). The rule: up to 100 kW is approved; more is refused with a reason.
"""

from __future__ import annotations

import asyncio
import hashlib
import logging
import os
import time
import uuid
from collections import OrderedDict
from dataclasses import dataclass, field
from typing import Any

import httpx
import jwt
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey
from cryptography.hazmat.primitives.serialization import load_pem_private_key, load_pem_public_key

from .protocol import ApiError, JSONObject, decode_object, finite_number

logger = logging.getLogger(__name__)

PATH = "/energy/connection-requests"
PLATFORM_ISSUER = "panjereh-platform"
DEFAULT_SYSTEM = "tavanir-sandbox"
PLATFORM_API_AUDIENCE = "panjereh-exchange-api"  # what the platform's API for agency systems expects
MAX_AGE_SECONDS = 30
MAX_POWER_KW = 100
REMEMBERED = 10_000  # requests and token ids kept in memory, oldest forgotten first

BAD_SIGNATURE = "امضای درخواست معتبر نیست؛ فقط درخواست‌های امضاشده پنجره ملی پذیرفته می‌شود."
NOT_CONFIGURED = "کلید عمومی پنجره ملی به سامانه آزمایشی داده نشده است."
APPROVED = "درخواست انشعاب برق بررسی و پذیرفته شد."


def decide(request: JSONObject) -> tuple[str, str]:
    """(status, Persian reason) for a forwarded connection request: the sandbox's one rule."""
    form = request.get("form")
    power = form.get("power_kw") if isinstance(form, dict) else None
    if isinstance(power, int | float) and finite_number(power) and power > MAX_POWER_KW:
        return "rejected", (
            f"قدرت درخواستی ({power:g} کیلووات) بیش از سقف {MAX_POWER_KW} کیلووات انشعاب عادی است؛ "
            "برای انشعاب دیماندی به اداره برق منطقه مراجعه کنید."
        )
    return "issued", APPROVED


@dataclass
class Received:
    tracking_code: str
    request: JSONObject
    status: str = ""  # what was decided
    reported: bool = False  # the platform took the report


@dataclass
class ForwardReceiver:
    """What the receiver knows: the keys, where to report, and what it received (in memory)."""

    platform_key: Ed25519PublicKey | None = None
    system: str = DEFAULT_SYSTEM
    platform_url: str = ""
    agency_key: Ed25519PrivateKey | None = None
    agency_key_id: str = ""
    report_delay_seconds: float = 1.0
    transport: httpx.AsyncBaseTransport | None = None  # tests route the reports elsewhere
    received: OrderedDict[str, Received] = field(default_factory=OrderedDict)
    _seen: OrderedDict[str, float] = field(default_factory=OrderedDict)
    _tasks: set[asyncio.Task[None]] = field(default_factory=set)

    @classmethod
    def from_env(cls) -> ForwardReceiver:
        """Configured from ``SANDBOX_PLATFORM_PUBLIC_KEY`` and friends; ``ValueError`` for a bad value."""
        platform_pem = os.environ.get("SANDBOX_PLATFORM_PUBLIC_KEY", "").strip()
        agency_pem = os.environ.get("SANDBOX_AGENCY_PRIVATE_KEY", "").strip()
        try:
            delay = float(os.environ.get("SANDBOX_REPORT_DELAY_SECONDS") or "1")
        except ValueError as exc:
            raise ValueError("SANDBOX_REPORT_DELAY_SECONDS must be a number of seconds") from exc
        return cls(
            platform_key=public_key(platform_pem) if platform_pem else None,
            system=os.environ.get("SANDBOX_AGENCY_SYSTEM") or DEFAULT_SYSTEM,
            platform_url=os.environ.get("SANDBOX_PLATFORM_URL", "").rstrip("/"),
            agency_key=private_key(agency_pem) if agency_pem else None,
            agency_key_id=os.environ.get("SANDBOX_AGENCY_KEY_ID", ""),
            report_delay_seconds=max(0.0, delay),
        )

    def check(self, authorization: bytes | None, body: bytes) -> None:
        """``ApiError`` 401 unless the platform signed this very body, for this system, just now."""
        if self.platform_key is None:
            raise ApiError(503, "service_unavailable", NOT_CONFIGURED)
        text = (authorization or b"").decode("latin-1")
        if not text.startswith("Bearer "):
            raise ApiError(401, "not_authenticated", BAD_SIGNATURE)
        try:
            claims = jwt.decode(
                text[7:].strip(), self.platform_key, algorithms=["EdDSA"], audience=self.system,
                issuer=PLATFORM_ISSUER, options={"require": ["iss", "aud", "iat", "jti", "body_sha256"]},
            )  # fmt: skip
        except jwt.PyJWTError:
            raise ApiError(401, "not_authenticated", BAD_SIGNATURE) from None
        now = time.time()
        if not finite_number(claims["iat"]) or abs(now - claims["iat"]) > MAX_AGE_SECONDS:
            raise ApiError(401, "not_authenticated", BAD_SIGNATURE)
        if claims["body_sha256"] != hashlib.sha256(body).hexdigest():
            raise ApiError(401, "not_authenticated", BAD_SIGNATURE)
        jti = str(claims["jti"])
        self._forget(self._seen, now - 2 * MAX_AGE_SECONDS)
        if jti in self._seen:
            raise ApiError(401, "not_authenticated", BAD_SIGNATURE)
        self._seen[jti] = now

    def take(self, body: bytes) -> Received:
        """Remembers a checked request; the same tracking code again is the same request."""
        request = decode_object(body)
        code = request.get("tracking_code")
        if not isinstance(code, str) or not code.isalnum() or len(code) > 32:
            raise ApiError(422, "invalid_request", "کد رهگیری درخواست معتبر نیست.", "tracking_code")
        known = self.received.get(code)
        if known is not None:
            return known
        item = Received(code, request)
        item.status, reason = decide(request)
        self.received[code] = item
        while len(self.received) > REMEMBERED:
            self.received.popitem(last=False)
        if self.platform_url and self.agency_key is not None:
            task = asyncio.get_running_loop().create_task(self._report_later(item, reason))
            self._tasks.add(task)
            task.add_done_callback(self._tasks.discard)
        return item

    async def _report_later(self, item: Received, reason: str) -> None:
        await asyncio.sleep(self.report_delay_seconds)
        for wait in (0, 1, 2, 4):  # the platform may be restarting: a few tries, then give up (logged)
            await asyncio.sleep(wait)
            try:
                answer = await self.report(item.tracking_code, item.status, reason)
            except httpx.HTTPError as error:
                logger.warning("sandbox: report of %s failed: %s", item.tracking_code, error)
                continue
            if answer.status_code < 500:
                item.reported = answer.status_code == 200
                if not item.reported:
                    logger.warning("sandbox: report of %s refused: %s", item.tracking_code, answer.text[:300])
                return

    async def report(self, tracking_code: str, status: str, reason: str) -> httpx.Response:
        """One report to the platform, signed as this agency system."""
        url = f"{self.platform_url}/api/v1/agency/applications/{tracking_code}/status"
        headers = {"Authorization": f"Bearer {self.token()}"}
        async with httpx.AsyncClient(timeout=10, transport=self.transport) as client:
            return await client.post(url, json={"status": status, "reason": reason}, headers=headers)

    def token(self) -> str:
        """The agency system's token for the platform's API (the same as for the exchange, aud = its API)."""
        if self.agency_key is None:
            raise ValueError("SANDBOX_AGENCY_PRIVATE_KEY is not set")
        claims = {"iss": self.system, "aud": PLATFORM_API_AUDIENCE, "iat": int(time.time()), "jti": uuid.uuid4().hex}
        headers = {"kid": self.agency_key_id} if self.agency_key_id else None
        return jwt.encode(claims, self.agency_key, algorithm="EdDSA", headers=headers)

    async def drain(self) -> None:
        """Waits for the reports under way (tests)."""
        while self._tasks:
            await asyncio.gather(*list(self._tasks), return_exceptions=True)

    def listing(self) -> list[dict[str, Any]]:
        return [
            {"tracking_code": item.tracking_code, "status": item.status, "reported": item.reported}
            for item in self.received.values()
        ]

    @staticmethod
    def _forget(seen: OrderedDict[str, float], before: float) -> None:
        while seen and (next(iter(seen.values())) < before or len(seen) > REMEMBERED):
            seen.popitem(last=False)


def public_key(pem: str) -> Ed25519PublicKey:
    key = load_pem_public_key(pem.encode())
    if not isinstance(key, Ed25519PublicKey):
        raise ValueError("SANDBOX_PLATFORM_PUBLIC_KEY must be an Ed25519 public key (PEM)")
    return key


def private_key(pem: str) -> Ed25519PrivateKey:
    key = load_pem_private_key(pem.encode(), password=None)
    if not isinstance(key, Ed25519PrivateKey):
        raise ValueError("SANDBOX_AGENCY_PRIVATE_KEY must be an Ed25519 private key (PEM)")
    return key
