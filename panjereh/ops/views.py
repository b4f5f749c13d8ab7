"""`/readyz`: whether this process can serve (panjereh.ops.health)."""

from __future__ import annotations

from django.http import HttpRequest, JsonResponse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

from panjereh.ops.health import readiness


@never_cache
@require_GET
def readyz(request: HttpRequest) -> JsonResponse:
    status, checks = readiness()
    return JsonResponse({"status": status, "checks": checks}, status=503 if status == "not_ready" else 200)
