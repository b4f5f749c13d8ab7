"""An answer to a logged-in caller is about that person: no cache on the way may keep it
(`Cache-Control: no-store`), and one that keys on the URL alone must tell callers apart (`Vary`).

- The API: a session or a bearer token; always `no-store`, `Vary: Authorization, Cookie`.
- Pages: a logged-in session; `no-store` and `Vary: Cookie`, the home page and search included (they
  greet the person by name), unless the view set its own Cache-Control (a document's PDF, the service
  worker's script, which is the same for everyone). Static files never reach here (WhiteNoise answers
  them first), so they stay cacheable.
"""

from __future__ import annotations

from collections.abc import Callable

from django.http import HttpRequest, HttpResponse
from django.utils.cache import add_never_cache_headers, patch_vary_headers


class PrivateAnswers:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        user = getattr(request, "user", None)
        logged_in = bool(user and user.is_authenticated)
        if request.path.startswith("/api/"):
            if "HTTP_AUTHORIZATION" in request.META or logged_in:
                add_never_cache_headers(response)
                patch_vary_headers(response, ("Authorization", "Cookie"))
        elif logged_in:
            if not response.has_header("Cache-Control"):
                add_never_cache_headers(response)
            patch_vary_headers(response, ("Cookie",))
        return response
