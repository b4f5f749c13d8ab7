"""Checking a consumer system's token: signature, algorithm, issuer, age, and single use.

Algorithms are matched to the key a system registered: an HS256 token is only ever checked
against an HS256 secret and an EdDSA token against an Ed25519 public key, so a token cannot pass
by switching its algorithm (e.g. HMAC keyed with a public key); `none` is never accepted.

The token is parsed here in one strict pass rather than with PyJWT's decode: PyJWT checks every
character of each segment in a Python loop and we would parse twice (the issuer picks the key),
which together cost more than all other checks of an inquiry (measured: bench/exchange.py). The
signature itself is checked by `hmac` and `cryptography`, as PyJWT would; tests sign with PyJWT.
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import hmac
import json
import math
import re
import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, TypeGuard

from cryptography.exceptions import InvalidSignature

from panjereh.exchange.constants import TOKEN_MAX_AGE_SECONDS
from panjereh.exchange.gateway.registry import Key, Snapshot, System

ALLOWED_ALGORITHMS = frozenset({"HS256", "EdDSA"})
# A token is for one place: the gateway (no `aud`, or this one) or the agency-system API (this one),
# so a token captured on its way to one cannot be spent at the other.
GATEWAY_AUDIENCE = "panjereh-exchange-gateway"
API_AUDIENCE = "panjereh-exchange-api"
MAX_TOKEN_CHARS = 4096
SEGMENT = re.compile(rb"[A-Za-z0-9_-]+")


class TokenRefused(Exception):
    """Why a token is refused (English, for the log; the caller answers with a Persian sentence)."""


@dataclass(frozen=True)
class Caller:
    system: System
    jti: str


@dataclass(frozen=True)
class Parsed:
    header: dict[str, Any]
    claims: dict[str, Any]
    signing_input: bytes
    signature: bytes


def _b64(segment: bytes) -> bytes:
    decoded = base64.urlsafe_b64decode(segment + b"=" * (-len(segment) % 4))
    if base64.urlsafe_b64encode(decoded).rstrip(b"=") != segment:  # one spelling per value, no malleability
        raise ValueError("non-canonical base64url")
    return decoded


def parse(token: str) -> Parsed:
    try:
        raw = token.encode("ascii")
        header_b64, claims_b64, signature_b64 = raw.split(b".")
        if not all(SEGMENT.fullmatch(part) for part in (header_b64, claims_b64, signature_b64)):
            raise ValueError("not base64url")
        header = json.loads(_b64(header_b64).decode("utf-8"))  # UTF-8 only, as RFC 7519 says
        claims = json.loads(_b64(claims_b64).decode("utf-8"))
        signature = _b64(signature_b64)
    except (UnicodeError, ValueError, binascii.Error, RecursionError):
        raise TokenRefused("malformed token") from None
    if not isinstance(header, dict) or not isinstance(claims, dict):
        raise TokenRefused("malformed token")
    return Parsed(header, claims, header_b64 + b"." + claims_b64, signature)


def _signature_valid(key: Key, parsed: Parsed) -> bool:
    if key.alg == "HS256":
        expected = hmac.new(key.key, parsed.signing_input, hashlib.sha256).digest()
        return hmac.compare_digest(expected, parsed.signature)
    try:
        key.key.verify(parsed.signature, parsed.signing_input)
    except InvalidSignature:
        return False
    return True


def verify(
    authorization: str,
    snapshot: Snapshot,
    first_use: Callable[[str], bool] | None,
    *,
    audience: str = GATEWAY_AUDIENCE,
) -> Caller:
    """The calling system, if the token is good. `first_use(key)` claims the token id (replay.py);
    with None the caller claims it itself (the gateway does, asynchronously): see `jti_key`."""
    if not authorization.startswith("Bearer ") or len(authorization) > MAX_TOKEN_CHARS:
        raise TokenRefused("missing or malformed bearer token")
    parsed = parse(authorization[7:].strip())
    algorithm = parsed.header.get("alg")
    if not isinstance(algorithm, str) or algorithm not in ALLOWED_ALGORITHMS:
        raise TokenRefused(f"algorithm {algorithm!r} not allowed")
    if "crit" in parsed.header:
        raise TokenRefused("critical header extensions are not supported")
    issuer = parsed.claims.get("iss")
    system = snapshot.systems.get(issuer) if isinstance(issuer, str) else None
    if system is None:
        raise TokenRefused("unknown or inactive issuer")
    kid = parsed.header.get("kid")
    if kid is not None and not isinstance(kid, str):
        raise TokenRefused("kid must be a string")
    keys = [key for key in system.keys if key.alg == algorithm and (kid is None or key.key_id == kid)]
    if not any(_signature_valid(key, parsed) for key in keys):
        raise TokenRefused("signature does not verify with an active key of the issuer")
    aud = parsed.claims.get("aud", GATEWAY_AUDIENCE if audience == GATEWAY_AUDIENCE else None)
    if aud != audience:
        raise TokenRefused("token meant for another audience")
    return Caller(system=system, jti=_checked_claims(parsed.claims, system, first_use))


def _checked_claims(claims: dict[str, Any], system: System, first_use: Callable[[str], bool] | None) -> str:
    now = time.time()
    issued_at, jti = claims.get("iat"), claims.get("jti")
    if not _number(issued_at) or abs(now - issued_at) > TOKEN_MAX_AGE_SECONDS:
        raise TokenRefused("iat missing or outside the allowed window")
    if "exp" in claims and (not _number(claims["exp"]) or claims["exp"] <= now):
        raise TokenRefused("expired")
    if "nbf" in claims and (not _number(claims["nbf"]) or claims["nbf"] > now + 1):
        raise TokenRefused("not valid yet")
    if not isinstance(jti, str) or not 8 <= len(jti) <= 100:
        raise TokenRefused("jti missing or malformed")
    if first_use is not None and not first_use(jti_key(system.code, jti)):
        raise TokenRefused("jti already used")
    return jti


def jti_key(system_code: str, jti: str) -> str:
    return f"{system_code}:{jti}"


def _number(value: Any) -> TypeGuard[float]:
    """A real, finite number: not a bool, not NaN or infinity, not an integer too big for a float."""
    if isinstance(value, bool) or not isinstance(value, int | float):
        return False
    try:
        return math.isfinite(value)
    except OverflowError:
        return False
