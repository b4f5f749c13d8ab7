"""`console`: the message is printed on standard output (development; the default)."""

from __future__ import annotations

import sys

from panjereh.notifications.backends.base import SmsBackend
from panjereh.notifications.backends.registry import register


@register("console")
class ConsoleBackend(SmsBackend):
    def _send(self, to: str, text: str, local_id: int | None) -> None:
        sys.stdout.write(f"[SMS to {to}]\n{text}\n")
        sys.stdout.flush()
