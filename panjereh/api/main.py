"""The /api/v1/ assembly: each app's router, and every error mapped once to the envelope."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import RequestDataTooBig
from django.http import Http404, HttpRequest, HttpResponse
from ninja import NinjaAPI
from ninja.errors import AuthenticationError, HttpError, ValidationError
from ninja.renderers import JSONRenderer

from panjereh.accounts.api import auth_router, me_router
from panjereh.agencies.api import router as agencies_router
from panjereh.applications.agency_api import router as agency_applications_router
from panjereh.applications.api import router as applications_router
from panjereh.applications.documents.api import router as documents_router
from panjereh.appointments.api import offices_router, service_offices_router
from panjereh.appointments.api import router as appointments_router
from panjereh.catalog.api import router as catalog_router
from panjereh.core.errors import STATUS_ERRORS, DomainError, domain_error_response, error_response
from panjereh.evaluation.api import router as evaluation_router
from panjereh.evaluation.api import statistics_router
from panjereh.exchange.api import audit_router, onboarding_router
from panjereh.exchange.system_api import router as exchange_router
from panjereh.payments.api import bills_router
from panjereh.payments.api import router as payments_router


class PersianJSONRenderer(JSONRenderer):
    """UTF-8 JSON: Persian text as it is, half the bytes of escaped code points."""

    json_dumps_params = {"ensure_ascii": False}


ENVELOPE = {
    "type": "object",
    "required": ["error"],
    "properties": {
        "error": {
            "type": "object",
            "required": ["code", "message", "field"],
            "properties": {
                "code": {"type": "string", "description": "what was refused, e.g. invalid_national_code"},
                "message": {"type": "string", "description": "why, in Persian, for the person"},
                "field": {"anyOf": [{"type": "string"}, {"type": "null"}], "description": "the field it is about"},
            },
        }
    },
}


def error_statuses(path: str, method: str, operation: dict[str, Any]) -> list[int]:
    """The error statuses an operation may answer, each in the envelope. Any request may be too long
    (414, 431: core/api_envelope.py) or meet a database that does not answer for a moment (503)."""
    statuses = [414, 422, 429, 431, 500, 503]
    if operation.get("security"):
        statuses += [401, 403]
    if "{" in path or method == "get":  # a thing the path names, or that does not exist yet
        statuses.append(404)
    if method == "post":
        statuses += [400, 409, 413, 502, 504]
    return sorted(set(statuses))


class PanjerehAPI(NinjaAPI):
    """Ninja's API, with every operation's error answers in its OpenAPI document (the envelope)."""

    def get_openapi_schema(self, *, path_prefix: str | None = None, path_params: Any = None) -> Any:
        schema = super().get_openapi_schema(path_prefix=path_prefix, path_params=path_params)
        schema.setdefault("components", {}).setdefault("schemas", {})["Error"] = ENVELOPE
        error = {"content": {"application/json": {"schema": {"$ref": "#/components/schemas/Error"}}}}
        for path, operations in schema.get("paths", {}).items():
            for method, operation in operations.items():
                responses = operation.setdefault("responses", {})
                for status in error_statuses(path, method, operation):
                    responses.setdefault(status, {"description": STATUS_ERRORS.get(status, ("", ""))[0], **error})
                for status, answer in responses.items():  # an operation's own (openapi_extra): the envelope too
                    if int(status) >= 400:
                        answer.setdefault("content", error["content"])
        return schema


api = PanjerehAPI(
    renderer=PersianJSONRenderer(),
    title="Panjereh API",
    version="1",
    description='پنجره ملی خدمات دولت — رابط برنامه‌نویسی. Every error: {"error": {"code", "message", "field"}}.',
    urls_namespace="api",
)
api.add_router("/services", catalog_router)
api.add_router("/agencies", agencies_router)
api.add_router("/agencies", onboarding_router)
api.add_router("/auth", auth_router)
api.add_router("/me", me_router)
api.add_router("/exchange", exchange_router)
api.add_router("/audit", audit_router)
api.add_router("/applications", applications_router)
api.add_router("/documents", documents_router)
api.add_router("/payments", payments_router)
api.add_router("/bills", bills_router)
api.add_router("/services", service_offices_router)
api.add_router("/offices", offices_router)
api.add_router("/appointments", appointments_router)
api.add_router("/agency/applications", agency_applications_router)
api.add_router("/evaluation", evaluation_router)
api.add_router("/statistics", statistics_router)

FIELD_MESSAGES = {
    "missing": "فیلد «{field}» لازم است.",
    "extra_forbidden": "فیلد «{field}» شناخته نیست.",
    "int_parsing": "فیلد «{field}» باید عدد صحیح باشد.",
    "greater_than_equal": "مقدار «{field}» کمتر از حد مجاز است.",
    "less_than_equal": "مقدار «{field}» بیشتر از حد مجاز است.",
    "string_too_long": "مقدار «{field}» بیش از حد بلند است.",
    "string_pattern_mismatch": "مقدار «{field}» با قالب خواسته‌شده نمی‌خواند.",
    "literal_error": "مقدار «{field}» مجاز نیست.",
    "enum": "مقدار «{field}» مجاز نیست.",
    "bool_parsing": "مقدار «{field}» باید true یا false باشد.",
}


@api.exception_handler(ValidationError)
def on_validation_error(request: HttpRequest, exc: ValidationError) -> HttpResponse:
    first = exc.errors[0] if exc.errors else {}
    location = [
        str(part) for part in first.get("loc", ()) if part not in ("query", "body", "path", "header", "payload")
    ]
    field = ".".join(location) or None
    template = FIELD_MESSAGES.get(first.get("type", ""), "مقدار «{field}» نادرست است.")
    message = template.format(field=field or "درخواست")
    return error_response(422, "invalid_request", message, field)


@api.exception_handler(DomainError)
def on_domain_error(request: HttpRequest, exc: DomainError) -> HttpResponse:
    return domain_error_response(exc)


@api.exception_handler(Http404)
def on_not_found(request: HttpRequest, exc: Http404) -> HttpResponse:
    return error_response(404)


@api.exception_handler(AuthenticationError)
def on_authentication_error(request: HttpRequest, exc: AuthenticationError) -> HttpResponse:
    return error_response(401)


@api.exception_handler(RequestDataTooBig)
def on_body_too_large(request: HttpRequest, exc: RequestDataTooBig) -> HttpResponse:
    return error_response(413)  # Django's own answer would be a 400


@api.exception_handler(HttpError)
def on_http_error(request: HttpRequest, exc: HttpError) -> HttpResponse:
    return error_response(exc.status_code)
