"""The Ed25519 key that signs audit checkpoints.

From AUDIT_SIGNING_KEY (base64 of the 32-byte raw private key) when set; otherwise generated once
into var/keys/audit-ed25519.key (mode 0600). Its public half is published in AuditSigningKey so
anyone with the database, or an exported file, can verify offline.
"""

from __future__ import annotations

import base64
import functools
import hashlib
import os
from pathlib import Path

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey
from cryptography.hazmat.primitives.serialization import Encoding, PublicFormat
from django.conf import settings

from panjereh.core.keyfiles import ed25519_key_file


def _raw_public(key: Ed25519PrivateKey) -> bytes:
    return key.public_key().public_bytes(Encoding.Raw, PublicFormat.Raw)


def key_id_of(public_raw: bytes) -> str:
    return "audit-" + hashlib.sha256(public_raw).hexdigest()[:16]


@functools.cache
def signing_key() -> tuple[str, Ed25519PrivateKey]:
    """(key id, private key)."""
    configured = os.environ.get("AUDIT_SIGNING_KEY", "")
    if configured:
        key = Ed25519PrivateKey.from_private_bytes(base64.b64decode(configured))
    else:
        key = ed25519_key_file(_key_path())
    return key_id_of(_raw_public(key)), key


def public_key_b64() -> str:
    return base64.b64encode(_raw_public(signing_key()[1])).decode()


def _existing_public_key_b64() -> str | None:
    """This installation's public key if it has one already (configured, or in its key file)."""
    if os.environ.get("AUDIT_SIGNING_KEY", "") or _key_path().exists():
        return public_key_b64()
    return None


def _key_path() -> Path:
    return Path(settings.VAR_DIR) / "keys" / "audit-ed25519.key"


def sign(message: bytes) -> str:
    return base64.b64encode(signing_key()[1].sign(message)).decode()


def verify(public_b64: str, message: bytes, signature_b64: str) -> bool:
    try:
        Ed25519PublicKey.from_public_bytes(base64.b64decode(public_b64)).verify(
            base64.b64decode(signature_b64), message
        )
    except (InvalidSignature, ValueError):
        return False
    return True


def trusted_public_keys(extra: list[str] | None = None) -> dict[str, str]:
    """The keys a checkpoint may be signed with: the one this installation signs with, retired ones
    listed in AUDIT_TRUSTED_KEYS (comma-separated base64 raw Ed25519 public keys), and any given.
    Never the keys the database or an exported file claims: whoever could rewrite the log could
    write those too."""
    own = _existing_public_key_b64()  # a verifier never makes a signing key (nor a file for one)
    configured = [k.strip() for k in os.environ.get("AUDIT_TRUSTED_KEYS", "").split(",") if k.strip()]
    keys = [*([own] if own else []), *configured]
    keys.extend(extra or [])
    trusted: dict[str, str] = {}
    for key in keys:
        try:
            raw = base64.b64decode(key, validate=True)
            Ed25519PublicKey.from_public_bytes(raw)
        except ValueError:
            continue
        trusted[key_id_of(raw)] = key
    return trusted
