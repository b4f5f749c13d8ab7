"""An API answer to a logged-in caller (a session or a bearer token) is about that person: no cache on
the way may keep it (`Cache-Control: no-store`), and one that keys on the URL alone must tell callers
apart (`Vary: Authorization, Cookie`)."""

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
        if request.path.startswith("/api/") and (
            "HTTP_AUTHORIZATION" in request.META or (user and user.is_authenticated)
        ):
            add_never_cache_headers(response)
            patch_vary_headers(response, ("Authorization", "Cookie"))
        return response
