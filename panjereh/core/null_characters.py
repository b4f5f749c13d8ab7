"""A NUL character in what a client sends (the address, a form, a JSON body) is refused at the door: no
person types one, PostgreSQL refuses to store or even compare text that holds one (a 500 if it got that
far), and Django's forms refuse it already but the API's schemas do not. 422 `invalid_request` in the
envelope under the API's prefixes, a Persian 400 page elsewhere."""

from __future__ import annotations

from collections.abc import Callable
from urllib.parse import unquote_to_bytes

from django.core.exceptions import RequestDataTooBig
from django.http import HttpRequest, HttpResponse

from panjereh.core.errors import error_response
from panjereh.core.views import API_PREFIXES, error_page

MESSAGE = "درخواست نویسه‌ای دارد که پذیرفته نیست (نویسه تهی)."
# In a body: the byte itself and its JSON escape; in a form, its percent-encoding.
JSON_FORMS = (b"\x00", b"\\u0000")
FORM_FORMS = (b"\x00", b"%00")


def holds_null(request: HttpRequest) -> bool:
    """Whether the address, the cookies (the session's key is looked up in the database) or a JSON or
    form body carries a NUL."""
    if "\x00" in request.path or b"\x00" in unquote_to_bytes(request.META.get("QUERY_STRING", "")):
        return True
    if any("\x00" in value for value in request.COOKIES.values()):
        return True
    if request.method in ("GET", "HEAD", "OPTIONS"):
        return False
    kind = request.content_type or ""
    forms = JSON_FORMS if kind == "application/json" else FORM_FORMS if kind.endswith("urlencoded") else ()
    if not forms:
        return False
    try:
        body = request.body
    except RequestDataTooBig:  # answered 413 by whoever reads it next
        return False
    return any(form in body for form in forms)


class NullCharacters:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if holds_null(request):
            if request.path.startswith(API_PREFIXES):
                return error_response(422, "invalid_request", MESSAGE)
            return error_page(request, 400)
        return self.get_response(request)
