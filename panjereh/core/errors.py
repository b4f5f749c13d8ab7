"""The one error envelope of every API: {"error": {"code", "message", "field"}}."""

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
    422: ("invalid_request", "داده‌های درخواست معتبر نیستند."),
    429: ("too_many_requests", "تعداد درخواست‌ها بیش از حد مجاز است؛ کمی بعد دوباره تلاش کنید."),
    500: ("internal_error", "خطایی در سامانه رخ داد؛ لطفاً بعداً دوباره تلاش کنید."),
    502: ("bad_gateway", "سامانه دستگاه ارائه‌دهنده پاسخ درستی نداد."),
    504: ("gateway_timeout", "سامانه دستگاه ارائه‌دهنده در زمان مقرر پاسخ نداد."),
}


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


class ApiError(Exception):
    """A domain error an API answers with its status, code and Persian message."""

    def __init__(self, status: int, code: str, message: str, field: str | None = None) -> None:
        super().__init__(message)
        self.status = status
        self.code = code
        self.message = message
        self.field = field
