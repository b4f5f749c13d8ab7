"""Issued documents in the portal: the public verification page (anyone, no login) and the owner's own
document page, QR code and PDF. Thin: the work is in panjereh.applications (verification, selectors)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from django.conf import settings
from django.contrib.auth.views import redirect_to_login
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_GET, require_POST

from panjereh.accounts.selectors import citizen_of
from panjereh.applications import selectors
from panjereh.applications.documents import verification
from panjereh.applications.documents.signing import compact_payload
from panjereh.core.client_address import request_address_key
from panjereh.core.errors import DomainError, http_status
from panjereh.notifications.services import notifications_seen
from panjereh.persian import to_ascii_digits
from panjereh.portal.pdf import document_pdf

if TYPE_CHECKING:
    from panjereh.applications.models import IssuedDocument

STATUS_HEADLINES = {
    "valid": "سند اصیل و معتبر است",
    "revoked": "این سند باطل شده است",
    "expired": "اعتبار این سند به پایان رسیده است",
    "not_found": "سندی با این شناسه پیدا نشد",
    "bad_signature": "این سند یا کد آن دست‌کاری شده است",
}
STATUS_STYLES = {"valid": "success", "revoked": "danger", "expired": "warning", "not_found": "secondary",
                 "bad_signature": "danger"}  # fmt: skip


def origin_of(request: HttpRequest) -> str:
    return settings.PUBLIC_ORIGIN.rstrip("/") or request.build_absolute_uri("/").rstrip("/")


ID_MISSING = "شناسه سند را از روی سند بنویسید."
ID_MALFORMED = "شناسه سند باید ۱۶ نویسه از حروف لاتین بزرگ و رقم باشد؛ آن را دوباره از روی سند بخوانید."


@require_GET
def verify_start(request: HttpRequest) -> HttpResponse:
    """A form to type or paste a document id; sends on to /verify/<id>. Sent empty, it asks for the id."""
    if "id" not in request.GET:
        return render(request, "portal/verify_start.html", {"typed": ""})
    typed = to_ascii_digits(request.GET["id"][:40]).strip().replace(" ", "").replace("-", "").upper()
    if verification.DOCUMENT_ID.fullmatch(typed):
        return redirect("portal:verify", document_id=typed)
    error = ID_MALFORMED if typed else ID_MISSING
    return render(request, "portal/verify_start.html", {"typed": typed, "error": error}, status=400)


@require_GET
def verify(request: HttpRequest, document_id: str) -> HttpResponse:
    return render(request, "portal/verify.html", _verify_context(document_id, request.GET.get("p", "")))


@require_POST
def verify_signed(request: HttpRequest, document_id: str) -> HttpResponse:
    """The signed payload, for a verifier holding the document who types its holder's national code."""
    context = _verify_context(document_id, "")
    context["typed_code"] = typed = request.POST.get("national_code", "")[:20]
    try:
        document = verification.signed_copy(document_id, typed, address=request_address_key(request))
    except DomainError as error:
        context["signed_error"] = error.message
        return render(request, "portal/verify.html", context, status=http_status(error))
    context.update(signed=compact_payload(document), signed_url=verification.signed_verify_url(document))
    return render(request, "portal/verify.html", context)


def _verify_context(document_id: str, payload: str) -> dict[str, Any]:
    answer = (
        verification.payload_verify(payload, document_id=document_id)
        if payload
        else verification.document_verify(document_id)
    )
    document = answer["document"]
    return {
        "answer": answer,
        "document_id": document_id[:32],
        "headline": STATUS_HEADLINES[answer["status"]],
        "style": STATUS_STYLES[answer["status"]],
        "claims": verification.claim_rows(document["claims"], mask=False) if document else [],
        "offline": bool(payload),
    }


def _own_document(request: HttpRequest, document_id: str) -> IssuedDocument | HttpResponse:
    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    document = selectors.document_of(citizen_of(request.user), document_id)
    if document is None:
        raise Http404
    return document


@require_GET
def my_document(request: HttpRequest, document_id: str) -> HttpResponse:
    document = _own_document(request, document_id)
    if isinstance(document, HttpResponse):
        return document
    notifications_seen(user_id=document.citizen.user_id, urls=[f"/me/documents/{document.id}/"])
    origin = origin_of(request)
    context = {
        "document": document,
        "claims": verification.claim_rows(document.claims, mask=False),
        "qr_svg": verification.document_qr_svg(document, origin),
        "qr_url": verification.verify_url(document, origin),
        "signed": compact_payload(document),
        "signed_url": verification.signed_verify_url(document),
        "answer": verification.document_verify(document.id),
    }
    return render(request, "portal/my_document.html", context)


@require_GET
def my_document_pdf(request: HttpRequest, document_id: str) -> HttpResponse:
    document = _own_document(request, document_id)
    if isinstance(document, HttpResponse):
        return document
    response = HttpResponse(document_pdf(document, origin_of(request)), content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="{document.id}.pdf"'
    response["Cache-Control"] = "private, no-store"
    return response
