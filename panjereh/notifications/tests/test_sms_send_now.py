"""notifications' `sms_send_now`: one message now, in the request; a failure is sms_unavailable."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from panjereh.core.errors import OutsideUnavailable
from panjereh.notifications.services import sms_send_now

MOBILE = "09121234567"
TEXT = "کد ورود شما: ۴۸۲۹۱۷"


def test_the_message_goes_to_the_configured_backends_outbox(settings: Any, tmp_path: Path) -> None:
    settings.SMS_BACKEND = "file"
    settings.SMS_OUTBOX = str(tmp_path / "outbox.jsonl")

    sms_send_now(mobile=MOBILE, text=TEXT)

    lines = [json.loads(line) for line in (tmp_path / "outbox.jsonl").read_text(encoding="utf-8").splitlines()]
    assert [(line["to"], line["text"]) for line in lines] == [(MOBILE, TEXT)]


def test_a_backend_that_cannot_send_is_sms_unavailable_in_persian(settings: Any, tmp_path: Path) -> None:
    settings.SMS_BACKEND = "file"
    settings.SMS_OUTBOX = str(tmp_path)  # a folder: the outbox cannot be written

    with pytest.raises(OutsideUnavailable) as unavailable:
        sms_send_now(mobile=MOBILE, text=TEXT)

    assert unavailable.value.code == "sms_unavailable"
    assert unavailable.value.message == "فرستادن پیامک ممکن نشد؛ کمی بعد دوباره تلاش کنید."
    assert str(unavailable.value.__cause__).startswith("cannot write the SMS outbox: ")


def test_an_unknown_backend_is_sms_unavailable(settings: Any) -> None:
    settings.SMS_BACKEND = "carrier-pigeon"

    with pytest.raises(OutsideUnavailable) as unavailable:
        sms_send_now(mobile=MOBILE, text=TEXT)

    assert unavailable.value.code == "sms_unavailable"
