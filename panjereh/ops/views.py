"""`/readyz`: whether this process can serve (panjereh.ops.health); `/metrics` for Prometheus, for the
holder of METRICS_TOKEN only (panjereh.ops.metrics)."""

from __future__ import annotations

import hmac

from django.conf import settings
from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

from panjereh.ops.health import readiness
from panjereh.ops.metrics import exposition


@never_cache
@require_GET
def readyz(request: HttpRequest) -> JsonResponse:
    status, checks = readiness()
    return JsonResponse({"status": status, "checks": checks}, status=503 if status == "not_ready" else 200)


@never_cache
@require_GET
def metrics(request: HttpRequest) -> HttpResponse:
    """Not there at all unless METRICS_TOKEN is set; then only with `Authorization: Bearer <token>`."""
    token = settings.METRICS_TOKEN
    if not token:
        raise Http404
    given = request.headers.get("Authorization", "").removeprefix("Bearer ").strip()
    if not hmac.compare_digest(given.encode(), token.encode()):
        response = HttpResponse("metrics need the bearer token\n", status=401, content_type="text/plain")
        response["WWW-Authenticate"] = 'Bearer realm="metrics"'
        return response
    return HttpResponse(exposition(), content_type="text/plain; version=0.0.4; charset=utf-8")
