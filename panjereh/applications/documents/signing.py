"""Issued documents: minimal claims signed with Ed25519 under a key id.

What is signed is the canonical JSON (sorted keys, no spaces, UTF-8) of
{"id", "kind", "title", "claims", "issued_at", "expires_at", "kid"}. The private keys live in
var/keys/documents/<kid>.key (made on first use, never in the database); the public keys are in
DocumentKey and stay published after rotation, so old documents keep verifying.
"""

from __future__ import annotations

import base64
import datetime
import functools
import hashlib
import json
import secrets
from pathlib import Path
from typing import Any

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey
from cryptography.hazmat.primitives.serialization import Encoding, PublicFormat
from django.conf import settings
from django.db import transaction
from django.utils import timezone

from panjereh.applications.models import Application, DocumentKey, IssuedDocument
from panjereh.core.keyfiles import ed25519_key_file
from panjereh.infra import rows

ID_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"  # no 0/O or 1/I: read out, typed in
ID_LENGTH = 16  # 80 bits: not guessable


def b64url(raw: bytes) -> str:
    return base64.urlsafe_b64encode(raw).rstrip(b"=").decode("ascii")


def unb64url(text: str) -> bytes:
    return base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))


def new_document_id() -> str:
    return "".join(secrets.choice(ID_ALPHABET) for _ in range(ID_LENGTH))


def _key_path(key_id: str) -> Path:
    return Path(settings.VAR_DIR) / "keys" / "documents" / f"{key_id}.key"


@functools.cache
def _private_key(key_id: str) -> Ed25519PrivateKey:
    return ed25519_key_file(_key_path(key_id))


def _public_raw(key: Ed25519PrivateKey) -> bytes:
    return key.public_key().public_bytes(Encoding.Raw, PublicFormat.Raw)


def signing_key() -> DocumentKey:
    """The key new documents are signed with: the newest one not retired, made on first use. The
    process keeps the one it found and only checks, with a one-row read, that it is still neither
    retired nor revoked (a rotation retires it): the ORM's query for it, on every document signed, was
    a large share of the worker's CPU."""
    kept = _SIGNING_KEY[0] if _SIGNING_KEY else None
    if kept is not None and rows.values(DocumentKey, kept.pk, STILL_SIGNING) == dict.fromkeys(STILL_SIGNING):
        return kept
    key = DocumentKey.objects.filter(retired_at__isnull=True, revoked_at__isnull=True).first()
    if key is None:
        key = _first_key() if not DocumentKey.objects.exists() else key_rotate()
    _SIGNING_KEY[:] = [key]
    return key


FIRST_KEY_ID = "doc-first"


def _first_key() -> DocumentKey:
    """The installation's first key, under one known id, so that workers signing their first
    documents at the same moment agree on one key (the key file is made once: core.keyfiles) instead
    of each making its own."""
    public = b64url(_public_raw(_private_key(FIRST_KEY_ID)))
    key, _ = DocumentKey.objects.get_or_create(
        key_id=FIRST_KEY_ID, defaults={"public_key": public, "created_at": timezone.now()}
    )
    return key


_SIGNING_KEY: list[DocumentKey] = []  # the process's signing key, as signing_key() last found it
STILL_SIGNING = ("retired_at", "revoked_at")  # both empty while a key signs


@transaction.atomic
def key_rotate() -> DocumentKey:
    """A new signing key; the previous ones are retired (they still verify what they signed)."""
    now = timezone.now()
    key_id = "doc-" + now.strftime("%Y%m%d") + "-" + secrets.token_hex(3)
    public = b64url(_public_raw(_private_key(key_id)))
    DocumentKey.objects.filter(retired_at__isnull=True).update(retired_at=now)
    return DocumentKey.objects.create(key_id=key_id, public_key=public, created_at=now)


def signed_fields(document: IssuedDocument) -> dict[str, Any]:
    return {
        "id": document.id,
        "kind": document.kind,
        "title": document.title,
        "claims": document.claims,
        "issued_at": document.issued_at.isoformat(timespec="seconds"),
        "expires_at": document.expires_at.isoformat(timespec="seconds") if document.expires_at else None,
        "kid": document.key_id,
    }


def canonical(value: dict[str, Any]) -> bytes:
    return json.dumps(value, sort_keys=True, separators=(",", ":"), ensure_ascii=False).encode("utf-8")


def document_sign(
    *, application: Application, kind: str, title: str, claims: dict[str, Any], valid_days: int | None
) -> IssuedDocument:
    """A signed document for the application, not yet stored (the caller saves it with the decision)."""
    key = signing_key()
    issued_at = timezone.now().replace(microsecond=0)
    document = IssuedDocument(
        id=new_document_id(),
        application=application,
        citizen=application.citizen,
        kind=kind,
        title=title,
        claims=claims,
        issued_at=issued_at,
        expires_at=issued_at + datetime.timedelta(days=valid_days) if valid_days else None,
        key=key,
    )
    document.signature = b64url(_private_key(key.key_id).sign(canonical(signed_fields(document))))
    return document


def compact_payload(document: IssuedDocument) -> str:
    """What the QR code carries: `PJ1.<signed fields, base64url>.<signature>`, checkable offline with
    the published keys (GET /api/v1/documents/keys)."""
    return f"PJ1.{b64url(canonical(signed_fields(document)))}.{document.signature}"


def signature_valid(fields: dict[str, Any], signature: str, public_key: str) -> bool:
    try:
        Ed25519PublicKey.from_public_bytes(unb64url(public_key)).verify(unb64url(signature), canonical(fields))
    except (InvalidSignature, ValueError):
        return False
    return True


def fingerprint(public_key: str) -> str:
    return hashlib.sha256(unb64url(public_key)).hexdigest()[:16]
