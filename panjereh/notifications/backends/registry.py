"""The registry of SMS backends (the generic `Registry` is panjereh.core.registry's).

@register("console")
class ConsoleBackend(SmsBackend): ...
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TypeVar

from panjereh.core.registry import Registry, UnknownName
from panjereh.notifications.backends.base import SmsBackend

__all__ = ["Registry", "UnknownName", "register", "sms_backends"]

B = TypeVar("B", bound=type[SmsBackend])

sms_backends: Registry[type[SmsBackend]] = Registry("SMS_BACKEND")


def register(name: str) -> Callable[[B], B]:
    """Registers an SmsBackend class as `name`, the value of settings.SMS_BACKEND that picks it."""

    def decorator(backend: B) -> B:
        sms_backends.register(name)(backend)
        backend.name = name
        return backend

    return decorator
