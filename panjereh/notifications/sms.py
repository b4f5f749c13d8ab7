"""Sending an SMS, behind a registry of backends chosen by settings.SMS_BACKEND:

- `console`: the message is printed (development);
- `file`: each message is appended as one JSON line {"to", "text", "at"} to settings.SMS_OUTBOX
  (default var/sms/outbox.jsonl), the default of `panjereh demo`, where the sandbox's codes appear;
- `kavenegar`: Kavenegar's HTTP API (see kavenegar.py).
"""

from __future__ import annotations

import datetime
import fcntl
import json
import os
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Protocol

from django.conf import settings


class SmsError(Exception):
    """The message could not be handed to the SMS provider."""


class SmsBackend(Protocol):
    def send(self, to: str, text: str) -> None: ...


class ConsoleBackend:
    def send(self, to: str, text: str) -> None:
        sys.stdout.write(f"[SMS to {to}]\n{text}\n")
        sys.stdout.flush()


class FileBackend:
    def __init__(self, path: Path | None = None) -> None:
        self.path = path or outbox_path()

    def send(self, to: str, text: str) -> None:
        line = json.dumps({"to": to, "text": text, "at": _now_iso()}, ensure_ascii=False) + "\n"
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            # One write under an exclusive lock, so lines from several processes never interleave.
            fd = os.open(self.path, os.O_WRONLY | os.O_CREAT | os.O_APPEND, 0o600)
            try:
                fcntl.flock(fd, fcntl.LOCK_EX)
                os.write(fd, line.encode())
            finally:
                os.close(fd)
        except OSError as error:
            raise SmsError(f"cannot write the SMS outbox: {error}") from error


def outbox_path() -> Path:
    configured = getattr(settings, "SMS_OUTBOX", "")
    return Path(configured) if configured else Path(settings.VAR_DIR) / "sms" / "outbox.jsonl"


def _now_iso() -> str:
    return datetime.datetime.now(datetime.UTC).isoformat(timespec="seconds")


def _kavenegar() -> SmsBackend:
    from panjereh.notifications.kavenegar import KavenegarBackend

    return KavenegarBackend.from_settings()


BACKENDS: dict[str, Callable[[], SmsBackend]] = {
    "console": ConsoleBackend,
    "file": FileBackend,
    "kavenegar": _kavenegar,
}


def sms_backend() -> SmsBackend:
    name = getattr(settings, "SMS_BACKEND", "console")
    if name not in BACKENDS:
        raise SmsError(f"unknown SMS_BACKEND {name!r}; one of {', '.join(sorted(BACKENDS))}")
    return BACKENDS[name]()


def send_sms(to: str, text: str) -> None:
    """Hand one message to the configured backend; raises SmsError when it cannot."""
    sms_backend().send(to, text)
