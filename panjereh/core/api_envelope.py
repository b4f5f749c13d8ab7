"""Every answer under /api/ is in the envelope, including the ones the framework or the server would
give in plain text: a method the path does not take (405, with its Allow header kept), and a request
whose address or headers are too long (414, 431).

The size limits sit below the HTTP server's own (granian refuses longer ones itself, with a bare
status and no body), so whatever the server lets through is answered here, in the envelope under the
API prefixes and as a Persian page elsewhere. Behind nginx, its `large_client_header_buffers` must be
larger than these, or nginx answers first (docs/api.md).
"""

from __future__ import annotations

from collections.abc import Callable

from django.http import HttpRequest, HttpResponse

from panjereh.core.views import error_page

# Like nginx's defaults (a request line in 8 KB, all the headers in 4 × 8 KB); a real browser or
# client never comes near either.
MAX_TARGET_BYTES = 8 * 1024
MAX_HEADER_BYTES = 32 * 1024


def oversize_status(target_bytes: int, header_bytes: int) -> int | None:
    """414 for a request target (path and query) too long, 431 for headers too large, else None."""
    if target_bytes > MAX_TARGET_BYTES:
        return 414
    if header_bytes > MAX_HEADER_BYTES:
        return 431
    return None


class OversizeRequest:
    """First in the middleware: nothing else reads a request that is refused for its size."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        meta = request.META
        target = len(meta.get("PATH_INFO", "")) + len(meta.get("QUERY_STRING", "")) + 1
        headers = sum(len(name) + len(str(value)) for name, value in request.headers.items())
        status = oversize_status(target, headers)
        if status is None:
            return self.get_response(request)
        return error_page(request, status)


class MethodNotAllowedEnvelope:
    """A 405 from the framework (an empty body, or ninja's plain text) becomes the envelope under the
    API and a Persian page elsewhere, with its Allow header kept."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        if response.status_code != 405 or response.get("Content-Type", "").startswith("application/json"):
            return response
        if not request.path.startswith("/api/") and response.content:
            return response  # a page of ours already
        answer = error_page(request, 405)
        if response.has_header("Allow"):
            answer["Allow"] = response["Allow"]
        return answer
