"""/api/v1/documents: public verification of issued documents, and the published verification keys."""

from __future__ import annotations

import datetime
from typing import Any

from django.http import HttpRequest
from ninja import Field, Router, Schema

from panjereh.applications.documents import verification
from panjereh.applications.documents.signing import compact_payload
from panjereh.core.client_address import request_address_key

router = Router(tags=["documents"], auth=None)


class VerifiedDocumentOut(Schema):
    id: str
    kind: str
    title: str
    issued_at: datetime.datetime
    expires_at: datetime.datetime | None
    revoked_at: datetime.datetime | None
    claims: dict[str, Any] = Field(..., description="the minimal claims; national codes masked (*******679)")
    key_id: str


class VerificationOut(Schema):
    valid: bool
    status: str = Field(..., description="valid | revoked | expired | not_found | bad_signature")
    document: VerifiedDocumentOut | None
    reason_fa: str


class PayloadIn(Schema):
    payload: str = Field(..., max_length=4096, description="what the QR code carries: PJ1.<fields>.<signature>")

    model_config = {"extra": "forbid"}


class SignedCopyIn(Schema):
    national_code: str = Field(..., max_length=20, description="the holder's national code, as printed on the document")

    model_config = {"extra": "forbid"}


class SignedCopyOut(Schema):
    payload: str = Field(..., description="PJ1.<signed fields>.<signature>, checkable offline with the published keys")
    verify_url: str = Field(..., description="the public page that checks this payload")


class KeyOut(Schema):
    key_id: str
    kid: str
    alg: str
    kty: str
    crv: str
    use: str
    x: str = Field(..., description="the raw 32-byte Ed25519 public key, base64url without padding")
    public_key: str
    created_at: datetime.datetime
    retired_at: datetime.datetime | None
    revoked_at: datetime.datetime | None


class KeysOut(Schema):
    keys: list[KeyOut]


@router.get("/keys", response=KeysOut, summary="The published verification keys (JWKS-like; revoked ones marked)")
def keys(request: HttpRequest) -> dict[str, Any]:
    return {"keys": verification.published_keys()}


@router.post("/verification", response=VerificationOut, summary="Verify the payload a document's QR code carries")
def verify_payload(request: HttpRequest, body: PayloadIn) -> dict[str, Any]:
    return verification.payload_verify(body.payload)


@router.post(
    "/{document_id}/signed-copy", response=SignedCopyOut, summary="The signed payload, for one holding the document"
)
def signed_copy(request: HttpRequest, document_id: str, body: SignedCopyIn) -> dict[str, str]:
    """A verifier who holds the document (its id, from the QR code, and the holder's national code printed
    on it) gets the payload to check offline. An unknown id and a wrong code are both 404
    `document_not_found`; after twenty wrong codes from an address in an hour, or 500 for a document in a
    day: 429 `too_many_attempts`."""
    document = verification.signed_copy(document_id[:40], body.national_code, address=request_address_key(request))
    return {"payload": compact_payload(document), "verify_url": verification.signed_verify_url(document)}


@router.get("/{document_id}/verification", response=VerificationOut, summary="Is this document genuine and current?")
def verify_document(request: HttpRequest, document_id: str) -> dict[str, Any]:
    return verification.document_verify(document_id)
