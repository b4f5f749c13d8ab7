"""SMS backends behind a registry, one chosen by settings.SMS_BACKEND:

- `console`: printed on standard output (development; the default);
- `file`: one JSON line per message in settings.SMS_OUTBOX (the default of `panjereh demo`);
- `kavenegar`: Kavenegar's HTTP API, a real provider (never given a sandbox number).

Each is a subclass of `SmsBackend` (base.py) with `@register("name")` (registry.py); importing
this package imports them all, so the registry is complete. Other apps send through
`panjereh.notifications.services`, never through this package.
"""

from __future__ import annotations

from django.conf import settings

from panjereh.notifications.backends import console, file, kavenegar  # noqa: F401  (each registers itself)
from panjereh.notifications.backends.base import SmsBackend, SmsError
from panjereh.notifications.backends.registry import UnknownName, register, sms_backends

__all__ = ["SmsBackend", "SmsError", "UnknownName", "register", "sms_backend", "sms_backends"]


def sms_backend() -> SmsBackend:
    """The backend settings.SMS_BACKEND names, made from the settings as they are now; SmsError
    (naming the known backends) for an unknown name, or when the backend is not configured."""
    try:
        backend = sms_backends.get(settings.SMS_BACKEND)
    except UnknownName as error:
        raise SmsError(str(error)) from None
    return backend.from_settings()
