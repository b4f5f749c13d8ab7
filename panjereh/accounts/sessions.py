"""Sessions and API tokens after a one-time-code login.

- A new session key at login (no fixation), `login_at` kept in it.
- Idle timeout: the cookie and the stored session live SESSION_IDLE_SECONDS, renewed on each request.
- Absolute timeout: SESSION_ABSOLUTE_SECONDS after login the session ends, however active.
- Logout deletes the session server-side, so a copied cookie is worthless after it.
- API clients may take a bearer token instead (API_TOKEN_SECONDS); only its SHA-256 is stored.
"""

from __future__ import annotations

import datetime
import hashlib
import secrets
import time
from collections.abc import Callable
from typing import Any

from django.conf import settings
from django.contrib.auth import login, logout
from django.http import HttpRequest, HttpResponse
from django.utils import timezone

from panjereh.accounts.models import ApiToken

LOGIN_AT = "login_at"
BACKEND = "django.contrib.auth.backends.ModelBackend"


def session_login(request: HttpRequest, user: Any) -> None:
    login(request, user, backend=BACKEND)  # cycles the session key; mark_login_time runs on its signal


def mark_login_time(sender: Any, request: HttpRequest | None, user: Any, **kwargs: Any) -> None:
    """On every login (citizens, staff in the admin): the start of the absolute timeout."""
    if request is not None and hasattr(request, "session"):
        request.session[LOGIN_AT] = time.time()


def session_logout(request: HttpRequest) -> None:
    logout(request)  # flushes: the stored session is deleted, a new empty one takes its place


class AbsoluteSessionTimeout:
    """Ends a logged-in session SESSION_ABSOLUTE_SECONDS after its login, however active it was."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        session = getattr(request, "session", None)
        if session is not None and request.user.is_authenticated:
            login_at = session.get(LOGIN_AT)
            if not isinstance(login_at, int | float) or time.time() - login_at > settings.SESSION_ABSOLUTE_SECONDS:
                session_logout(request)
        return self.get_response(request)


def api_token_issue(user: Any) -> tuple[str, datetime.datetime]:
    token = secrets.token_urlsafe(32)
    now = timezone.now()
    expires = now + datetime.timedelta(seconds=settings.API_TOKEN_SECONDS)
    ApiToken.objects.create(key_hash=_hash(token), user=user, created_at=now, expires_at=expires)
    return token, expires


def api_token_user(token: str) -> Any | None:
    """The user a live token belongs to, or None."""
    if not token or len(token) > 100:
        return None
    found = (
        ApiToken.objects.select_related("user__citizen")  # the person with it: one query, not two (citizen_of)
        .filter(key_hash=_hash(token), revoked_at__isnull=True, expires_at__gt=timezone.now())
        .first()
    )
    return found.user if found is not None and found.user.is_active else None


def api_token_revoke(token: str) -> bool:
    return bool(
        ApiToken.objects.filter(key_hash=_hash(token), revoked_at__isnull=True).update(revoked_at=timezone.now())
    )


def _hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()
