"""Health check and the error pages (JSON envelope under the API prefixes, Persian HTML elsewhere)."""

from __future__ import annotations

import sys

from django.db import DatabaseError, connection
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

from panjereh.core.errors import STATUS_ERRORS, error_response
from panjereh.core.outage import database_outage, outage_response

API_PREFIXES = ("/api/", "/exchange/")


@never_cache
@require_GET
def healthz(request: HttpRequest) -> JsonResponse:
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except DatabaseError:
        return JsonResponse({"status": "unavailable", "database": "down"}, status=503)
    return JsonResponse({"status": "ok"})


def error_page(request: HttpRequest, status: int) -> HttpResponse:
    if request.path.startswith(API_PREFIXES):
        return error_response(status)
    _code, message = STATUS_ERRORS[status]
    return render(request, "portal/error.html", {"status": status, "message": message}, status=status)


def bad_request(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    return error_page(request, 400)


def permission_denied(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    return error_page(request, 403)


def page_not_found(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    return error_page(request, 404)


def server_error(request: HttpRequest) -> HttpResponse:
    if database_outage(sys.exc_info()[1]):  # called while the exception is being handled
        return outage_response(request, api=request.path.startswith(API_PREFIXES))
    return error_page(request, 500)


def csrf_failure(request: HttpRequest, reason: str = "") -> HttpResponse:
    """A form sent without its token, or from another site: in Persian, not Django's English page."""
    message = "این فرم کهنه شده یا از جای دیگری فرستاده شده است؛ صفحه را دوباره باز کنید و دوباره بفرستید."
    if request.path.startswith(API_PREFIXES):
        return error_response(403, "csrf_failed", message)
    return render(request, "portal/error.html", {"status": 403, "message": message}, status=403)
