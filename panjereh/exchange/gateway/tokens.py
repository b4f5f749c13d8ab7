"""Checking a consumer system's token: signature, algorithm, issuer, age, and single use.

Algorithms are matched to the key a system registered: an HS256 token is only ever checked
against an HS256 secret and an EdDSA token against an Ed25519 public key, so a token cannot pass
by switching its algorithm (e.g. HMAC keyed with a public key); `none` is never accepted.
"""

from __future__ import annotations

import time
from dataclasses import dataclass

import jwt

from panjereh.exchange.constants import TOKEN_MAX_AGE_SECONDS
from panjereh.exchange.gateway.registry import Snapshot, System

ALLOWED_ALGORITHMS = frozenset({"HS256", "EdDSA"})
MAX_TOKEN_CHARS = 4096


class TokenRefused(Exception):
    """Why a token is refused (English, for the log; the caller answers with a Persian sentence)."""


@dataclass(frozen=True)
class Caller:
    system: System
    jti: str


class SeenTokenIds:
    """`jti`s seen in the last minute by this process. (A deployment with many gateway processes
    shares this through Redis: see docs/exchange.md.)"""

    def __init__(self, ttl: float = 2 * TOKEN_MAX_AGE_SECONDS + 5) -> None:
        self.ttl = ttl
        self._seen: dict[str, float] = {}
        self._next_purge = 0.0

    def first_use(self, key: str, now: float) -> bool:
        if now >= self._next_purge:
            self._seen = {k: expiry for k, expiry in self._seen.items() if expiry > now}
            self._next_purge = now + 1.0
        if key in self._seen:
            return False
        self._seen[key] = now + self.ttl
        return True


def verify(authorization: str, snapshot: Snapshot, seen: SeenTokenIds) -> Caller:
    if not authorization.startswith("Bearer ") or len(authorization) > MAX_TOKEN_CHARS:
        raise TokenRefused("missing or malformed bearer token")
    token = authorization[7:].strip()
    try:
        unverified = jwt.api_jwt.decode_complete(token, options={"verify_signature": False})
    except jwt.PyJWTError as error:
        raise TokenRefused(f"unreadable token: {error}") from None
    header, claims = unverified["header"], unverified["payload"]
    algorithm = header.get("alg")
    if algorithm not in ALLOWED_ALGORITHMS:
        raise TokenRefused(f"algorithm {algorithm!r} not allowed")
    issuer = claims.get("iss")
    system = snapshot.systems.get(issuer) if isinstance(issuer, str) else None
    if system is None:
        raise TokenRefused("unknown or inactive issuer")
    kid = header.get("kid")
    keys = [key for key in system.keys if key.alg == algorithm and (kid is None or key.key_id == kid)]
    if not keys:
        raise TokenRefused("no active key of this algorithm for the issuer")
    for key in keys:
        try:
            claims = jwt.decode(
                token, key.key, algorithms=[key.alg], options={"require": ["iss", "iat", "jti"], "verify_iat": False}
            )
            break
        except jwt.InvalidSignatureError:
            continue
        except jwt.PyJWTError as error:
            raise TokenRefused(f"invalid token: {error}") from None
    else:
        raise TokenRefused("signature does not verify")
    now = time.time()
    issued_at, jti = claims.get("iat"), claims.get("jti")
    if not isinstance(issued_at, int | float) or abs(now - issued_at) > TOKEN_MAX_AGE_SECONDS:
        raise TokenRefused("iat outside the allowed window")
    if not isinstance(jti, str) or not 8 <= len(jti) <= 100:
        raise TokenRefused("jti missing or malformed")
    if not seen.first_use(f"{system.code}:{jti}", time.monotonic()):
        raise TokenRefused("jti already used")
    return Caller(system=system, jti=jti)
