"""A proof of work (ALTCHA) instead of a refusal, for a crowd behind one address.

Iran's mobile carriers put many people behind one public address. Once an address has used its free
allowance of code requests (or of refused ownership checks), a request from it is taken only with a
solved ALTCHA challenge: the browser spends a moment of work, and a person behind a busy address still
logs in, while a script pays for each try. The challenge is signed with a key derived from SECRET_KEY,
expires in minutes, and each solution is taken once (remembered in the shared cache until it expires).

`ALTCHA_COST` (PBKDF2 iterations for each derived key; the browser derives about 256 keys) sets the
work; `OTP_RATE_PER_IP_PROVEN` is what one address may still ask with proofs.
"""

from __future__ import annotations

import datetime
import hashlib
from typing import Any

import altcha
from django.conf import settings
from django.core.cache import cache
from django.utils import timezone
from django.utils.crypto import salted_hmac

ALGORITHM = "PBKDF2/SHA-256"
VALID_SECONDS = 300
MAX_PAYLOAD_CHARS = 4096


def challenge_new() -> dict[str, Any]:
    """A signed challenge, as the ALTCHA widget fetches it."""
    expires = timezone.now() + datetime.timedelta(seconds=VALID_SECONDS)
    challenge = altcha.create_challenge(
        algorithm=ALGORITHM, cost=settings.ALTCHA_COST, expires_at=expires, hmac_secret=_key()
    )
    return challenge.to_dict()


def proof_accept(payload: str | None) -> bool:
    """Whether `payload` is a solution of a challenge of ours, unexpired and not used before; it is
    used up by this call."""
    if not payload or len(payload) > MAX_PAYLOAD_CHARS:
        return False
    result = altcha.verify_solution(payload, _key())
    if not result.verified:
        return False
    signature = altcha.Payload.from_base64(payload).challenge.signature or ""  # one use per challenge,
    used = "pow-used:" + hashlib.sha256(signature.encode()).hexdigest()  # however the payload is written
    # None: the shared cache did not answer. The proof is taken (it still cost its work) rather than a
    # crowd refused while Redis is down; ratelimit says so in the log.
    return cache.add(used, 1, timeout=VALID_SECONDS + 60) is not False


def _key() -> str:
    return salted_hmac("panjereh.accounts.proof_of_work", "altcha", algorithm="sha256").hexdigest()
