"""Start-up checks (`panjereh check`, and every management command): an SMS_BACKEND that names no
registered backend is said at start-up, not at the first message."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core.checks import CheckMessage, Error

from panjereh.notifications.backends import sms_backends


def sms_backend_known(app_configs: Any = None, **kwargs: Any) -> list[CheckMessage]:
    name = getattr(settings, "SMS_BACKEND", "console")
    if name in sms_backends:
        return []
    known = ", ".join(sms_backends.names())
    return [Error(f"SMS_BACKEND={name!r} names no SMS backend.", hint=f"One of: {known}.", id="panjereh.E001")]
