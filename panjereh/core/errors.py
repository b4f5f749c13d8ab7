"""The one error model.

Services refuse with a `DomainError`: a kind (the subclass), a snake_case code, a Persian sentence
for the person and the field it is about. They never name an HTTP status. Each edge maps the kind
once: the API to the envelope {"error": {"code", "message", "field"}} (panjereh.api.main), the
portal to a form error or a page, the gateway to its own answers.
"""

from __future__ import annotations

from django.http import JsonResponse

# Default Persian sentences for each status, when nothing more specific is known.
STATUS_ERRORS: dict[int, tuple[str, str]] = {
    400: ("bad_request", "درخواست نادرست است."),
    401: ("not_authenticated", "برای این کار باید وارد شوید."),
    403: ("forbidden", "اجازه این کار را ندارید."),
    404: ("not_found", "موردی با این نشانی پیدا نشد."),
    405: ("method_not_allowed", "این روش درخواست برای این نشانی پذیرفته نیست."),
    409: ("conflict", "این درخواست با وضعیت کنونی ناسازگار است."),
    413: ("payload_too_large", "حجم درخواست بیش از حد مجاز است."),
    414: ("uri_too_long", "نشانی درخواست بیش از حد طولانی است."),
    422: ("invalid_request", "داده‌های درخواست معتبر نیستند."),
    429: ("too_many_requests", "تعداد درخواست‌ها بیش از حد مجاز است؛ کمی بعد دوباره تلاش کنید."),
    431: ("headers_too_large", "سرآیندهای درخواست بیش از حد بزرگ‌اند."),
    500: ("internal_error", "خطایی در سامانه رخ داد؛ لطفاً بعداً دوباره تلاش کنید."),
    502: ("bad_gateway", "سامانه دستگاه ارائه‌دهنده پاسخ درستی نداد."),
    503: ("service_unavailable", "سامانه لحظه‌ای در دسترس نیست؛ چند ثانیه دیگر دوباره تلاش کنید."),
    504: ("gateway_timeout", "سامانه دستگاه ارائه‌دهنده در زمان مقرر پاسخ نداد."),
}


class DomainError(Exception):
    """A refusal: what was refused (`code`), a Persian sentence saying why, the field it is about, and,
    for a refusal that passes, in how many seconds to ask again."""

    def __init__(self, code: str, message: str, field: str | None = None, *, retry_after: int | None = None) -> None:
        super().__init__(message)
        self.code = code
        self.message = message
        self.field = field
        self.retry_after = retry_after


class InvalidInput(DomainError):
    """What was sent is not valid: a field's value, a form, an unknown service."""


class NotAccepted(DomainError):
    """Understood, and refused as it stands: a wrong or expired one-time code, a missing header."""


class NotAuthenticated(DomainError):
    """Who is asking is not known."""


class NotAllowed(DomainError):
    """Who is asking may not do this."""


class NotFound(DomainError):
    """No such thing, or none this person may see (never say which)."""


class Conflict(DomainError):
    """Not now: the thing's state does not allow it, or it was done already."""


class TooLarge(DomainError):
    """What was sent is larger than allowed."""


class TooMany(DomainError):
    """Too many tries or requests; later, perhaps."""


class OutsideUnavailable(DomainError):
    """A system outside the platform (a registry, an SMS provider, an agency) did not answer well."""


class OutsideTimeout(DomainError):
    """A system outside the platform did not answer in time."""


# The one mapping from a refusal's kind to an HTTP status, for the edges that speak HTTP.
HTTP_STATUS: dict[type[DomainError], int] = {
    InvalidInput: 422,
    NotAccepted: 400,
    NotAuthenticated: 401,
    NotAllowed: 403,
    NotFound: 404,
    Conflict: 409,
    TooLarge: 413,
    TooMany: 429,
    OutsideUnavailable: 502,
    OutsideTimeout: 504,
}


def http_status(error: DomainError) -> int:
    for kind in type(error).__mro__:
        if kind in HTTP_STATUS:
            return HTTP_STATUS[kind]
    return 400


def error_body(code: str, message: str, field: str | None = None) -> dict[str, dict[str, str | None]]:
    return {"error": {"code": code, "message": message, "field": field}}


def error_response(
    status: int, code: str | None = None, message: str | None = None, field: str | None = None
) -> JsonResponse:
    default_code, default_message = STATUS_ERRORS.get(status, STATUS_ERRORS[400 if status < 500 else 500])
    return JsonResponse(
        error_body(code or default_code, message or default_message, field),
        status=status,
        json_dumps_params={"ensure_ascii": False},
    )


def domain_error_response(error: DomainError) -> JsonResponse:
    """The envelope for a refusal, with its kind's status (and `Retry-After` when it passes)."""
    response = error_response(http_status(error), error.code, error.message, error.field)
    if error.retry_after is not None:
        response["Retry-After"] = str(error.retry_after)
    return response
