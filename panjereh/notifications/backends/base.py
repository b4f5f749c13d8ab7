"""The abstract SMS backend: every message goes through one `send`, which times the call and logs
its outcome, as GOV.UK Notify's `app/clients/sms/__init__.py` does for its providers.

A backend that is a real provider (`is_real = True`) is never asked to send to the numbers kept for
synthetic people (`panjereh.persian.is_sandbox_mobile`): `send` refuses them with SmsError before
the provider is called, as Notify's simulated recipients never reach a provider.

The log line, on the logger `panjereh.notifications.sms` (INFO when sent, WARNING when not):

    sms sent backend=file to=0912***4567 duration_ms=0.4
    sms failed backend=kavenegar to=0912***5679 duration_ms=0.0 error=sandbox number ...

with the same facts as the record's attributes `sms_outcome`, `sms_backend`, `sms_to` and
`duration_ms`. The number is always masked; the text is never logged (it may be a one-time code).
"""

from __future__ import annotations

import logging
import time
from abc import ABC, abstractmethod
from typing import ClassVar, Self

from panjereh.persian import InvalidMobile, is_sandbox_mobile, mask_mobile

logger = logging.getLogger("panjereh.notifications.sms")


class SmsError(Exception):
    """The message could not be handed to the SMS provider."""


class SmsBackend(ABC):
    name: ClassVar[str] = ""  # the name it is registered under (settings.SMS_BACKEND), set by @register
    is_real: ClassVar[bool] = False  # a real provider, which must never get a sandbox number
    # Sends a message once however often it is handed over with the same `local_id` (Kavenegar's
    # localid): only then may a message whose fate is unknown be handed over again.
    deduplicates: ClassVar[bool] = False

    @classmethod
    def from_settings(cls) -> Self:
        """The backend as the settings configure it now."""
        return cls()

    def send(self, to: str, text: str, *, local_id: int | None = None) -> None:
        """Hands one message to the backend and logs the outcome; raises SmsError when it cannot.
        `local_id`: the message's own number, for a backend that `deduplicates` by it."""
        started = time.perf_counter()
        try:
            if self.is_real and is_sandbox_mobile(to):
                raise SmsError(f"sandbox number {masked(to)}: a real provider never gets it")
            self._send(to, text, local_id)
        except SmsError as error:
            self._log("failed", to, started, str(error))
            raise
        except Exception as error:
            # Not a refusal the backend foresaw: only its kind, since its text may hold a URL or the number.
            self._log("failed", to, started, type(error).__name__)
            raise
        self._log("sent", to, started)

    @abstractmethod
    def _send(self, to: str, text: str, local_id: int | None) -> None:
        """Hand the message over; raise SmsError when it is not taken."""

    def _log(self, outcome: str, to: str, started: float, error: str = "") -> None:
        duration_ms = round((time.perf_counter() - started) * 1000, 1)
        name, number = self.name or type(self).__name__, masked(to)
        facts = {"sms_outcome": outcome, "sms_backend": name, "sms_to": number, "duration_ms": duration_ms}
        if outcome != "sent":
            logger.warning("sms %s backend=%s to=%s duration_ms=%s error=%s", outcome, name, number, duration_ms,
                           error, extra=facts)  # fmt: skip
        else:
            logger.info("sms %s backend=%s to=%s duration_ms=%s", outcome, name, number, duration_ms, extra=facts)


def masked(mobile: str) -> str:
    """`0912***4567`; never more of a number, even one that does not validate."""
    try:
        return mask_mobile(mobile)
    except InvalidMobile:
        return "***"
