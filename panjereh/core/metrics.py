"""What the processes count for Prometheus (`/metrics`, panjereh.ops.views): request latency by route,
and exchange calls by provider, service and outcome. What the database already knows (the task queue,
messages, payments) is read at scrape time instead (panjereh.ops.metrics).

Several processes serve the platform; with PROMETHEUS_MULTIPROC_DIR set (as `panjereh demo` sets it for
its processes) each writes its values to files there and `/metrics` adds them up (prometheus_client's
multiprocess mode). Labels come only from bounded sets: URL patterns, never paths; registered
providers and services, never what a caller typed.
"""

from __future__ import annotations

import time
from collections.abc import Callable

from django.http import HttpRequest, HttpResponse
from prometheus_client import Counter, Histogram

REQUEST_SECONDS = Histogram(
    "panjereh_http_request_duration_seconds", "Time to answer a request, by URL pattern.",
    ["route", "method", "status"],
    buckets=(0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0, 10.0),
)  # fmt: skip
EXCHANGE_CALLS = Counter(
    "panjereh_exchange_calls", "Calls through the exchange gateway, by provider, data service and outcome.",
    ["provider", "service", "outcome"],
)  # fmt: skip
METHODS = frozenset({"GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"})


class RequestMetrics:
    """Times every request; labelled by the URL pattern it matched («services/<slug:code>/»)."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        started = time.perf_counter()
        response = self.get_response(request)
        match = getattr(request, "resolver_match", None)
        route = match.route if match is not None and match.route else "unmatched"
        method = request.method if request.method in METHODS else "other"
        REQUEST_SECONDS.labels(route, method, f"{response.status_code // 100}xx").observe(time.perf_counter() - started)
        return response
