"""/api/v1/applications: apply for a service, follow it, appeal, rate, complain."""

from __future__ import annotations

import functools
import re
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from django.conf import settings
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.utils import timezone
from ninja import Field, Router, Schema, Status
from ninja.decorators import decorate_view

from panjereh.accounts.api import SESSION_OR_TOKEN
from panjereh.accounts.selectors import citizen_of
from panjereh.applications import selectors, services
from panjereh.applications.forms import FormInvalid
from panjereh.applications.models import Application
from panjereh.core.errors import NotAccepted, NotAllowed, NotFound, error_body, error_response
from panjereh.payments.constants import RETURN_PATH

if TYPE_CHECKING:  # the type only: the person comes from accounts' selectors
    from panjereh.accounts.models import Citizen

router = Router(tags=["applications"], auth=SESSION_OR_TOKEN)
# Printable ASCII, as the IETF draft's examples, but no comma: a server joins a header sent twice with one
# (granian: "a,b"), and which of two keys to honour would be a guess.
IDEMPOTENCY_KEY = re.compile(r"^[\x21-\x2b\x2d-\x7e]{8,128}$")


def body_limit(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
    """413 before the body is parsed, for a declared or an actual size over APPLICATION_MAX_BYTES."""

    @functools.wraps(view)
    def wrapped(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        declared = request.headers.get("Content-Length", "0")
        limit = settings.APPLICATION_MAX_BYTES
        if (declared.isdigit() and int(declared) > limit) or len(request.body) > limit:
            return error_response(413, "payload_too_large", "حجم درخواست بیش از اندازه مجاز یک فرم است.")
        return view(request, *args, **kwargs)

    return wrapped


class ApplicationIn(Schema):
    service: str = Field(
        ..., min_length=1, max_length=100, description="the service's code, e.g. criminal-record-certificate"
    )
    data: dict[str, Any] = Field(default_factory=dict, description="the form's fields; {} for a service with none")

    model_config = {"extra": "forbid"}


class SubmittedOut(Schema):
    tracking_code: str
    status: str


class EventOut(Schema):
    at: Any
    status: str
    message: str
    actor: str
    actor_name: str


class DecisionOut(Schema):
    outcome: str
    reason: str
    decided_at: Any
    decided_by: str
    rule_version: str | None
    inputs_hash: str | None


class DocumentRefOut(Schema):
    id: str
    kind: str
    title: str
    issued_at: Any
    expires_at: Any
    revoked: bool
    verify_url: str


class AgencyRefOut(Schema):
    code: str
    name: str


class ApplicationOut(Schema):
    tracking_code: str
    service: str
    title: str
    agency: AgencyRefOut
    status: str
    status_label: str
    decision_mode: str
    submitted_at: Any
    due_at: Any
    data: dict[str, Any]
    timeline: list[EventOut]
    decision: DecisionOut | None
    documents: list[DocumentRefOut]
    appealed: bool
    fee: FeeOut | None = Field(description="the service's fee and this application's payments; null when free")


class PaymentRefOut(Schema):
    payment_id: str
    status: str = Field(description="pending, paid, failed or refunded")
    amount_rials: int
    reference: str = Field(description="the bank's reference number, once paid")
    created_at: Any
    settled_at: Any
    refund_due: bool = Field(description="paid, and owed back (rejected, or paid twice); not yet returned")


class FeeOut(Schema):
    amount_rials: int
    paid: bool
    payments: list[PaymentRefOut]


class PaymentStartedOut(Schema):
    payment_id: str
    amount_rials: int
    redirect_url: str = Field(description="the bank's page: send the person there")
    status: str


class ApplicationListItem(Schema):
    tracking_code: str
    service: str
    title: str
    status: str
    submitted_at: Any


class TextIn(Schema):
    text: str = Field("", max_length=2000)


class RatingIn(Schema):
    stars: int = Field(..., ge=1, le=5)
    comment: str = Field("", max_length=1000)


def _citizen(request: HttpRequest) -> Citizen:
    citizen = citizen_of(request.auth)  # type: ignore[attr-defined]
    if citizen is None:
        raise NotAllowed("not_a_citizen", "فقط شهروندان با کد ملی می‌توانند درخواست ثبت کنند.")
    return citizen


def _own(request: HttpRequest, tracking_code: str) -> Application:
    application = selectors.application_for(request.auth, tracking_code)  # type: ignore[attr-defined]
    if application is None:
        raise NotFound("not_found", "درخواستی با این کد رهگیری پیدا نشد.")
    return application


@router.post(
    "", response={201: SubmittedOut}, summary="Apply for a service (send an Idempotency-Key header)",
    openapi_extra={"parameters": [{"in": "header", "name": "Idempotency-Key", "required": True,
                                   "description": "once; printable ASCII without a comma",
                                   "schema": {"type": "string", "minLength": 8, "maxLength": 128,
                                              "pattern": IDEMPOTENCY_KEY.pattern}}]},
)  # fmt: skip
@decorate_view(body_limit)
def submit(request: HttpRequest, payload: ApplicationIn) -> Status[dict[str, str]] | JsonResponse:
    key = request.headers.get("Idempotency-Key", "")
    if not key:
        raise NotAccepted("idempotency_key_required", "سرآیند Idempotency-Key لازم است.", "Idempotency-Key")
    if "," in key:
        raise NotAccepted("invalid_idempotency_key", "سرآیند Idempotency-Key باید یک بار و بی ویرگول فرستاده شود.",
                          "Idempotency-Key")  # fmt: skip
    if not IDEMPOTENCY_KEY.fullmatch(key):
        raise NotAccepted("invalid_idempotency_key", "Idempotency-Key باید ۸ تا ۱۲۸ نویسه لاتین چاپی باشد.",
                       "Idempotency-Key")  # fmt: skip
    citizen = _citizen(request)
    try:
        application, _ = services.application_submit(
            citizen=citizen, service=payload.service, data=payload.data, idempotency_key=key
        )
    except FormInvalid as invalid:
        return form_invalid_response(invalid)
    return Status(201, {"tracking_code": application.tracking_code, "status": application.status})


def form_invalid_response(invalid: FormInvalid) -> JsonResponse:
    """422 with the envelope, plus `fields`: a Persian message for every field that needs fixing."""
    first = next(iter(invalid.errors))
    body = error_body("invalid_form", "فرم درخواست کامل یا درست نیست: " + invalid.errors[first], f"data.{first}")
    body["error"]["fields"] = invalid.errors  # type: ignore[assignment]
    return JsonResponse(body, status=422, json_dumps_params={"ensure_ascii": False})


@router.get("", response=list[ApplicationListItem], summary="My applications, newest first")
def my_applications(request: HttpRequest) -> list[dict[str, Any]]:
    citizen = _citizen(request)
    return [
        {"tracking_code": a.tracking_code, "service": a.definition.code, "title": a.definition.title,
         "status": a.status, "submitted_at": a.submitted_at}
        for a in selectors.applications_of(citizen)[:200]
    ]  # fmt: skip


@router.get(
    "/{tracking_code}", response=ApplicationOut, summary="One application: status, timeline, decision, documents"
)
def application_detail(request: HttpRequest, tracking_code: str) -> dict[str, Any]:
    return selectors.application_detail(_own(request, tracking_code))


@router.post("/{tracking_code}/appeal", response=ApplicationOut, summary="Appeal an automatic rejection to a person")
def appeal(request: HttpRequest, tracking_code: str, payload: TextIn) -> dict[str, Any]:
    application = _own(request, tracking_code)
    services.application_appeal(application=application, citizen=_citizen(request), text=payload.text)
    return selectors.application_detail(_own(request, tracking_code))


@router.post("/{tracking_code}/rating", response={201: dict[str, int]}, summary="Rate a finished service (1–5)")
def rate(request: HttpRequest, tracking_code: str, payload: RatingIn) -> Status[dict[str, int]]:
    rating = services.rating_add(
        application=_own(request, tracking_code), citizen=_citizen(request), stars=payload.stars,
        comment=payload.comment,
    )  # fmt: skip
    return Status(201, {"stars": rating.stars})


@router.post("/{tracking_code}/complaints", response={201: dict[str, int]}, summary="File a complaint")
def complain(request: HttpRequest, tracking_code: str, payload: TextIn) -> Status[dict[str, int]]:
    complaint = services.complaint_file(
        application=_own(request, tracking_code), citizen=_citizen(request), text=payload.text
    )
    return Status(201, {"id": complaint.pk})


@router.post(
    "/{tracking_code}/payments",
    response={201: PaymentStartedOut},
    summary="Start paying the application's fee: 201 with the bank's page to send the person to",
)
def pay(request: HttpRequest, tracking_code: str) -> Status[dict[str, Any]]:
    origin = settings.PUBLIC_ORIGIN.rstrip("/") or request.build_absolute_uri("/").rstrip("/")
    payment = services.application_payment_start(
        citizen=_citizen(request), tracking_code=tracking_code,
        return_url=lambda payment_id: origin + RETURN_PATH.format(payment_id), now=timezone.now(),
    )  # fmt: skip
    return Status(201, {"payment_id": str(payment.id), "amount_rials": payment.amount_rials,
                        "redirect_url": payment.redirect_url, "status": payment.status})  # fmt: skip
