"""Anyone may check an issued document: by its id (online) or by the payload its QR code carries.

Every answer has one shape, {"valid", "status", "document", "reason_fa"}; a made-up id, a changed byte
or a key nobody published is an answer (valid false), never an exception. Also here: the published
verification keys, revocation of documents and keys, and the QR code that carries the payload.
"""

from __future__ import annotations

import binascii
import io
import json
import re
from typing import Any, Literal
from urllib.parse import quote

import segno
from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey
from django.db import transaction
from django.utils import timezone

from panjereh.applications.constants import Actor
from panjereh.applications.documents.signing import (
    ID_ALPHABET,
    canonical,
    compact_payload,
    signature_valid,
    signed_fields,
    unb64url,
)
from panjereh.applications.models import ApplicationEvent, DocumentKey, IssuedDocument
from panjereh.core import ratelimit
from panjereh.core.errors import NotFound, TooMany
from panjereh.persian import is_valid_national_code, normalize_national_code, to_persian_digits

VerificationStatus = Literal["valid", "revoked", "expired", "not_found", "bad_signature"]
PAYLOAD_PREFIX = "PJ1"
PAYLOAD_MAX_CHARS = 4096  # a QR code holds under 3 KB; anything longer is not ours
DOCUMENT_ID = re.compile(f"^[{ID_ALPHABET}]{{8,32}}$")
SIGNED_KEYS = {"id", "kind", "title", "claims", "issued_at", "expires_at", "kid"}
MISSES_PER_ADDRESS = "20/h"  # wrong national codes typed to get a document's signed payload
# Per document, from all addresses together: so high that one with the id alone cannot casually shut out the
# verifier holding the document (one address, at 20 an hour, makes 480 a day), and a bound on guessing. The
# public page shows only the code's last three digits (*******679): about 909,000 valid codes fit the other
# seven, so at 500 a day trying them all takes about five years (docs/documents.md).
MISSES_PER_DOCUMENT = "500/d"

REASONS: dict[str, str] = {
    "valid": "این سند اصیل و معتبر است: امضای دیجیتال آن درست است و سند باطل یا منقضی نشده است.",
    "revoked": "این سند باطل شده است و دیگر اعتبار ندارد.",
    "key_revoked": "کلید امضای این سند باطل شده است؛ سند دیگر اعتبار ندارد و باید دوباره صادر شود.",
    "expired": "مهلت اعتبار این سند به پایان رسیده است.",
    "not_found": "سندی با این شناسه در پنجره ملی صادر نشده است.",
    "bad_signature": "امضای این سند درست نیست؛ سند یا کد آن دست‌کاری شده است.",
    "malformed": "کد سند خوانا نیست یا دست‌کاری شده است.",
    "mismatch": "محتوای کد با سند ثبت‌شده یکسان نیست؛ کد دست‌کاری شده است.",
}


def mask_national_code(code: str) -> str:
    """The last three digits only: 0012345679 → *******679. Enough for a checker to compare with the
    holder's card, too few to make guessing the rest worth trying (MISSES_PER_DOCUMENT)."""
    text = str(code)
    if len(text) != 10:
        return "*" * len(text)
    return "*******" + text[-3:]


def masked_claims(claims: Any) -> Any:
    """The claims with every national code masked, however deep it sits."""
    if isinstance(claims, dict):
        return {
            key: mask_national_code(value)
            if key == "national_code" and isinstance(value, str)
            else masked_claims(value)
            for key, value in claims.items()
        }
    if isinstance(claims, list):
        return [masked_claims(item) for item in claims]
    return claims


def document_public(document: IssuedDocument) -> dict[str, Any]:
    """What a verifier is shown of a document: never more than its minimal claims, national code masked."""
    return {
        "id": document.id,
        "kind": document.kind,
        "title": document.title,
        "issued_at": document.issued_at,
        "expires_at": document.expires_at,
        "revoked_at": document.revoked_at,
        "claims": masked_claims(document.claims),
        "key_id": document.key_id,
    }


def _answer(status: VerificationStatus, document: IssuedDocument | None = None, reason: str = "") -> dict[str, Any]:
    return {
        "valid": status == "valid",
        "status": status,
        "document": document_public(document) if document is not None else None,
        "reason_fa": reason or REASONS[status],
    }


def document_find(document_id: str) -> IssuedDocument | None:
    text = (document_id or "").strip().upper()
    if not DOCUMENT_ID.fullmatch(text):
        return None
    return IssuedDocument.objects.select_related("key", "citizen").filter(pk=text).first()


def _verdict(document: IssuedDocument) -> dict[str, Any]:
    if not signature_valid(signed_fields(document), document.signature, document.key.public_key):
        return _answer("bad_signature")
    if document.key.revoked_at is not None:
        return _answer("revoked", document, REASONS["key_revoked"])
    if document.revoked_at is not None:
        reason = REASONS["revoked"]
        if document.revoked_reason:
            reason = f"{reason} دلیل ابطال: {document.revoked_reason}"
        return _answer("revoked", document, reason)
    if document.expires_at is not None and document.expires_at <= timezone.now():
        return _answer("expired", document)
    return _answer("valid", document)


def document_verify(document_id: str) -> dict[str, Any]:
    """Valid only if the id exists, its stored fields check against its key's signature, and neither the
    key nor the document is revoked, and the document has not expired."""
    document = document_find(document_id)
    if document is None:
        return _answer("not_found")
    return _verdict(document)


def _parse_payload(compact: str) -> tuple[dict[str, Any], bytes, str] | None:
    """(signed fields, their exact bytes, signature) from `PJ1.<fields>.<sig>`; None if malformed."""
    if not isinstance(compact, str) or len(compact) > PAYLOAD_MAX_CHARS:
        return None
    parts = compact.strip().split(".")
    if len(parts) != 3 or parts[0] != PAYLOAD_PREFIX or not parts[1] or not parts[2]:
        return None
    try:
        raw = unb64url(parts[1])
        fields = json.loads(raw.decode("utf-8"))
    except (ValueError, binascii.Error, UnicodeDecodeError):
        return None
    if not isinstance(fields, dict) or set(fields) != SIGNED_KEYS or not isinstance(fields["kid"], str):
        return None
    if not isinstance(fields["id"], str) or canonical(fields) != raw:
        return None
    return fields, raw, parts[2]


def _raw_signature_valid(raw: bytes, signature: str, public_key: str) -> bool:
    try:
        Ed25519PublicKey.from_public_bytes(unb64url(public_key)).verify(unb64url(signature), raw)
    except (InvalidSignature, ValueError, binascii.Error):
        return False
    return True


def payload_verify(compact: str, *, document_id: str | None = None) -> dict[str, Any]:
    """A QR payload checked as an offline verifier would (signature under a published key), then against
    the stored document (same fields, not revoked, not expired). With `document_id`, the payload must be
    that document's."""
    parsed = _parse_payload(compact)
    if parsed is None:
        return _answer("bad_signature", reason=REASONS["malformed"])
    fields, raw, signature = parsed
    key = DocumentKey.objects.filter(pk=fields["kid"][:64]).first()
    if key is None or not _raw_signature_valid(raw, signature, key.public_key):
        return _answer("bad_signature")
    if document_id is not None and document_id.strip().upper() != fields["id"]:
        return _answer("bad_signature", reason=REASONS["mismatch"])
    document = document_find(fields["id"])
    if document is None:
        return _answer("not_found")
    if signed_fields(document) != fields or document.signature != signature:
        return _answer("bad_signature", reason=REASONS["mismatch"])
    return _verdict(document)


def published_keys() -> list[dict[str, Any]]:
    """Every verification key ever used, retired and revoked ones too (a verifier must know which are revoked)."""
    return [
        {
            "key_id": key.key_id,
            "kid": key.key_id,
            "alg": "EdDSA",
            "kty": "OKP",
            "crv": "Ed25519",
            "use": "sig",
            "x": key.public_key,
            "public_key": key.public_key,
            "created_at": key.created_at,
            "retired_at": key.retired_at,
            "revoked_at": key.revoked_at,
        }
        for key in DocumentKey.objects.order_by("-created_at")
    ]


@transaction.atomic
def document_revoke(*, document: IssuedDocument, reason: str, by: str = "") -> IssuedDocument:
    """Revokes the document (idempotent: a revoked document keeps its first revocation), with a line on
    its application's timeline."""
    reason = " ".join((reason or "").split())[:300]
    if not reason:
        raise ValueError("دلیل ابطال لازم است.")
    document = IssuedDocument.objects.select_for_update().select_related("application").get(pk=document.pk)
    if document.revoked_at is not None:
        return document
    document.revoked_at = timezone.now()
    document.revoked_reason = reason
    document.save(update_fields=["revoked_at", "revoked_reason"])
    ApplicationEvent.objects.create(
        application=document.application, at=document.revoked_at, status=document.application.status,
        message=f"سند {document.title} ({to_persian_digits(document.id)}) باطل شد: {reason}"[:500],
        actor=Actor.SYSTEM, actor_name=by[:150],
    )  # fmt: skip
    return document


@transaction.atomic
def key_revoke(*, key_id: str) -> DocumentKey:
    """Revokes a signing key: every document it signed stops verifying; new documents get a new key."""
    key = DocumentKey.objects.select_for_update().get(pk=key_id)
    if key.revoked_at is None:
        now = timezone.now()
        key.revoked_at = now
        key.retired_at = key.retired_at or now
        key.save(update_fields=["revoked_at", "retired_at"])
    return key


def verify_url(document: IssuedDocument, origin: str) -> str:
    """What the QR code holds: the short public page, which a phone's camera scans at a glance."""
    return f"{origin.rstrip('/')}/verify/{document.id}"


def signed_verify_url(document: IssuedDocument, origin: str = "") -> str:
    """The public page with the signed payload, which it checks as an offline verifier would."""
    return f"{origin.rstrip('/')}/verify/{document.id}?p={quote(compact_payload(document), safe='.-_')}"


def signed_copy(document_id: str, national_code: str, *, address: str) -> IssuedDocument:
    """The document, for a verifier who holds it and asks for its signed payload (`compact_payload`):
    they type the holder's national code printed on it. An unknown id and a wrong code get the same
    answer; wrong guesses are counted per address and per document, so the id alone reveals nothing."""
    document = document_find(document_id)
    key = document.pk if document is not None else ""
    # Counted as a miss before the code is compared (many at once cannot all pass the check), given back on a hit.
    by_address = [("signed-copy-miss-address", address, MISSES_PER_ADDRESS)]
    if not ratelimit.take(by_address):
        raise TooMany("too_many_attempts", "تلاش‌های نادرست بیش از اندازه بود؛ یک ساعت دیگر دوباره تلاش کنید.")
    by_document = [("signed-copy-miss-document", key, MISSES_PER_DOCUMENT)] if key else []
    if not ratelimit.take(by_document):
        ratelimit.give_back_all(by_address)
        raise TooMany("too_many_attempts", "برای این سند امروز تلاش‌های نادرست بسیاری شده است؛ فردا دوباره تلاش کنید "
                      "یا نسخه امضاشده را از دارنده سند بخواهید، که آن را در صفحه سند خود می‌بیند.")  # fmt: skip
    typed = national_code or ""  # as printed on the card, dashes and all
    typed = normalize_national_code(typed, separators=True) if is_valid_national_code(typed, separators=True) else ""
    if document is None or not typed or document.citizen.national_code != typed:
        raise NotFound("document_not_found", "سندی با این شناسه و این کد ملی دارنده پیدا نشد.", "national_code")
    ratelimit.give_back_all(by_address + by_document)
    return document


def _qr(document: IssuedDocument, origin: str) -> segno.QRCode:
    return segno.make(verify_url(document, origin), error="m", micro=False)


def document_qr_svg(document: IssuedDocument, origin: str) -> str:
    """An inline `<svg>` (no style attributes: the CSP allows none) of the document's verification URL."""
    svg: str = _qr(document, origin).svg_inline(
        scale=4, border=2, title="کد QR برای بررسی اصالت سند", svgclass="document-qr", lineclass=None, omitsize=True
    )
    return svg


def document_qr_png(document: IssuedDocument, origin: str) -> bytes:
    out = io.BytesIO()
    _qr(document, origin).save(out, kind="png", scale=6, border=2)
    return out.getvalue()


CLAIM_LABELS: dict[str, str] = {
    "holder": "دارنده",
    "national_code": "کد ملی",
    "no_criminal_record": "فاقد سابقه کیفری مؤثر",
    "passport_number": "شماره گذرنامه",
    "renewal_approved": "تمدید تأیید شد",
    "delivery_postal_code": "کد پستی نشانی تحویل",
    "licence_class": "پایه گواهینامه",
    "university": "دانشگاه",
    "degree": "مقطع تحصیلی",
    "study_exemption": "معافیت تحصیلی",
    "total_months": "جمع سابقه بیمه (ماه)",
    "insured_now": "اکنون بیمه‌شده است",
    "registration_numbers": "پلاک‌های ثبتی",
    "registration_number": "پلاک ثبتی",
    "postal_code": "کد پستی",
    "power_kw": "قدرت انشعاب (کیلووات)",
    "floors": "تعداد طبقات",
    "area_m2": "زیربنا (متر مربع)",
}


def _claim_text(value: Any) -> str:
    if isinstance(value, bool):
        return "بله" if value else "خیر"
    if value is None:
        return "—"
    if isinstance(value, list):
        return "، ".join(_claim_text(item) for item in value)
    if isinstance(value, dict):
        return "، ".join(f"{CLAIM_LABELS.get(k, k)}: {_claim_text(v)}" for k, v in value.items())
    return to_persian_digits(value)


def claim_rows(claims: dict[str, Any], *, mask: bool) -> list[tuple[str, str]]:
    """(Persian label, Persian text) for each claim; national codes masked when `mask`."""
    shown = masked_claims(claims) if mask else claims
    return [(CLAIM_LABELS.get(key, key), _claim_text(value)) for key, value in shown.items()]
