"""The database not answering (restarted, failed over, a lock held too long) is a moment's outage, not a
fault of the request: 503 with `Retry-After`, in the envelope under the API's prefixes and as a short
Persian page elsewhere, instead of a 500 (core.views.server_error, Django's handler500, asks here). The
page is plain HTML: drawing the site's own template would ask the database again."""

from __future__ import annotations

import logging

from django.db import InterfaceError, OperationalError
from django.http import HttpRequest, HttpResponse

from panjereh.core.errors import STATUS_ERRORS, error_response

logger = logging.getLogger(__name__)

RETRY_AFTER_SECONDS = 5
PAGE = (
    '<!doctype html><html lang="fa" dir="rtl"><head><meta charset="utf-8">'
    '<meta name="viewport" content="width=device-width, initial-scale=1"><title>پنجره ملی خدمات دولت</title>'
    "</head><body><h1>سامانه لحظه‌ای در دسترس نیست</h1><p>{message}</p></body></html>"
)


def database_outage(exception: BaseException | None) -> bool:
    return isinstance(exception, OperationalError | InterfaceError)


def outage_response(request: HttpRequest, api: bool) -> HttpResponse:
    logger.warning("database unavailable, answered 503: %s %s", request.method, request.path)
    code, message = STATUS_ERRORS[503]
    response: HttpResponse
    if api:
        response = error_response(503, code, message)
    else:
        response = HttpResponse(PAGE.format(message=message), status=503, content_type="text/html; charset=utf-8")
    response["Retry-After"] = str(RETRY_AFTER_SECONDS)
    response["Cache-Control"] = "no-store"
    return response
