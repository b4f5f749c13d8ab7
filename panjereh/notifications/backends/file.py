"""`file`: each message is appended as one JSON line {"to", "text", "at"} to settings.SMS_OUTBOX
(default var/sms/outbox.jsonl), the default of `panjereh demo`, where the sandbox's codes appear."""

from __future__ import annotations

import datetime
import fcntl
import json
import os
from pathlib import Path

from django.conf import settings

from panjereh.notifications.backends.base import SmsBackend, SmsError
from panjereh.notifications.backends.registry import register


@register("file")
class FileBackend(SmsBackend):
    def __init__(self, path: Path | None = None) -> None:
        self.path = path or outbox_path()

    def _send(self, to: str, text: str, local_id: int | None) -> None:
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
