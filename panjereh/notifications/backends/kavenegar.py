"""Kavenegar (kavenegar.com), an Iranian SMS provider, over its REST API:

    POST {KAVENEGAR_URL}/v1/{API_KEY}/sms/send.json   receptor=09…&message=…[&sender=…][&localid=N]
    → 200 {"return": {"status": 200, "message": "تایید شد"}, "entries": [{"messageid": …, "status": …}]}
    → 4xx {"return": {"status": 4xx, "message": "…"}, "entries": null}
      (403 unknown API key, 401 account disabled, 418 not enough credit)

`localid` is the message's own number: Kavenegar sends a message once per localid, so a message
whose fate is unknown (the worker died while it was being sent) may be handed over again.

A real provider (`is_real`): the numbers kept for synthetic people never reach it (see base.py).
Tests run it against a local fake server speaking this protocol, never the internet.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Self
from urllib.parse import quote

import httpx
from django.conf import settings

from panjereh.notifications.backends.base import SmsBackend, SmsError
from panjereh.notifications.backends.registry import register

TIMEOUT_SECONDS = 10.0


@register("kavenegar")
@dataclass(frozen=True)
class KavenegarBackend(SmsBackend):
    is_real = True
    deduplicates = True

    api_key: str
    sender: str = ""
    base_url: str = "https://api.kavenegar.com"

    @classmethod
    def from_settings(cls) -> Self:
        if not settings.KAVENEGAR_API_KEY:
            raise SmsError("KAVENEGAR_API_KEY is not set")
        return cls(settings.KAVENEGAR_API_KEY, settings.KAVENEGAR_SENDER, settings.KAVENEGAR_URL)

    def _send(self, to: str, text: str, local_id: int | None) -> None:
        url = f"{self.base_url.rstrip('/')}/v1/{quote(self.api_key, safe='')}/sms/send.json"
        form = {"receptor": to, "message": text}
        if self.sender:
            form["sender"] = self.sender
        if local_id is not None:
            form["localid"] = str(local_id)
        try:
            response = httpx.post(url, data=form, timeout=TIMEOUT_SECONDS, follow_redirects=False)
        except httpx.HTTPError as error:
            raise SmsError(f"Kavenegar unreachable: {type(error).__name__}") from error
        status, message = _status_of(response)
        if response.status_code != 200 or status != 200:
            # The API key is part of the URL: never put the URL in an error message or a log.
            raise SmsError(f"Kavenegar refused the message: {status} {message}")


def _status_of(response: httpx.Response) -> tuple[Any, str]:
    try:
        body = response.json()
        result = body["return"]
        return result.get("status"), str(result.get("message", ""))
    except (ValueError, KeyError, TypeError, AttributeError):
        # Never 200, even when the HTTP status is: a proxy's or captive portal's page is not a sent message.
        return f"HTTP {response.status_code}", "not a Kavenegar answer"
