"""A per-client limit on the pages and APIs anyone may call without logging in (the home page, search,
life events, offices and their free slots, help pages, document verification, the catalog, the audit
log's head, the single sign-on's discovery): one client hammering search must not slow it for
everyone. Counted per address in the shared cache (Redis with REDIS_URL), answered 429 in the envelope
under /api/, as a Persian page elsewhere.

`PUBLIC_RATE_PER_IP` (600 a minute by default: a person never comes near it; "" turns it off) and
`PUBLIC_RATE_LIMITED_PATHS` (path prefixes; `/` is the home page alone) are settings. Writes anyone
may make have limits of their own that count what they protect (page feedback: panjereh/help/), and are
under this one too: past its own allowance a feedback may carry a proof the server must check.
"""

from __future__ import annotations

from collections.abc import Callable

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.cache import add_never_cache_headers

from panjereh.core import ratelimit
from panjereh.core.client_address import request_address_key
from panjereh.core.errors import error_response

MESSAGE = "از این نشانی درخواست‌های بسیاری رسیده است؛ کمی بعد دوباره تلاش کنید."


class PublicRateLimit:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        rate = getattr(settings, "PUBLIC_RATE_PER_IP", "")
        if rate and limited(request.path):
            address = request_address_key(request)
            if not ratelimit.allow("public", address, rate):
                return _too_many(request)
        return self.get_response(request)


def limited(path: str) -> bool:
    """On one of the listed prefixes; "/" is the home page itself, not a prefix of every path."""
    return any(
        path == prefix if prefix == "/" else path.startswith(prefix) for prefix in settings.PUBLIC_RATE_LIMITED_PATHS
    )


def _too_many(request: HttpRequest) -> HttpResponse:
    if request.path.startswith("/api/"):
        response: HttpResponse = error_response(429, "too_many_requests", MESSAGE)
    else:
        response = render(request, "portal/error.html", {"status": 429, "message": MESSAGE}, status=429)
    response["Retry-After"] = "60"
    add_never_cache_headers(response)  # a refusal of the moment, and the page may name a logged-in person
    return response
