"""Every backend's `send` logs one line: the outcome, the backend, a masked number, the time taken;
never the whole number, never the text."""

from __future__ import annotations

import logging
import re
from pathlib import Path

import pytest

from panjereh.notifications.backends import SmsBackend, SmsError
from panjereh.notifications.backends.console import ConsoleBackend
from panjereh.notifications.backends.file import FileBackend

MOBILE = "09121234567"
TEXT = "کد ورود شما: ۴۸۲۹۱۷"
LOGGER = "panjereh.notifications.sms"


class Refusing(SmsBackend):
    name = "refusing"

    def _send(self, to: str, text: str, local_id: int | None) -> None:
        raise SmsError("provider down")


class Broken(SmsBackend):
    name = "broken"

    def _send(self, to: str, text: str, local_id: int | None) -> None:
        raise RuntimeError(f"a bug that quotes {to}")


class RealProvider(SmsBackend):
    name = "real"
    is_real = True

    def __init__(self) -> None:
        self.sent: list[str] = []

    def _send(self, to: str, text: str, local_id: int | None) -> None:
        self.sent.append(to)


@pytest.fixture
def log(caplog: pytest.LogCaptureFixture) -> pytest.LogCaptureFixture:
    caplog.set_level(logging.INFO, logger=LOGGER)
    return caplog


def test_a_sent_message_is_logged_at_info_with_a_masked_number_and_a_duration(
    log: pytest.LogCaptureFixture, tmp_path: Path
) -> None:
    FileBackend(tmp_path / "outbox.jsonl").send(MOBILE, TEXT)

    (record,) = log.records
    assert record.name == LOGGER and record.levelno == logging.INFO
    assert re.fullmatch(r"sms sent backend=file to=0912\*\*\*4567 duration_ms=\d+\.\d", record.getMessage())
    assert (record.sms_outcome, record.sms_backend, record.sms_to) == ("sent", "file", "0912***4567")
    assert isinstance(record.duration_ms, float) and record.duration_ms >= 0
    assert MOBILE not in log.text and TEXT not in log.text


def test_a_refused_message_is_logged_at_warning_with_the_reason_and_the_error_goes_on(
    log: pytest.LogCaptureFixture,
) -> None:
    with pytest.raises(SmsError, match=r"^provider down$"):
        Refusing().send(MOBILE, TEXT)

    (record,) = log.records
    assert record.levelno == logging.WARNING
    assert re.fullmatch(
        r"sms failed backend=refusing to=0912\*\*\*4567 duration_ms=\d+\.\d error=provider down", record.getMessage()
    )
    assert (record.sms_outcome, record.sms_backend, record.sms_to) == ("failed", "refusing", "0912***4567")
    assert MOBILE not in log.text


def test_an_unforeseen_error_is_logged_by_its_kind_only_and_goes_on(log: pytest.LogCaptureFixture) -> None:
    with pytest.raises(RuntimeError):
        Broken().send(MOBILE, TEXT)

    (record,) = log.records
    assert record.getMessage().endswith(" error=RuntimeError")
    assert record.sms_outcome == "failed"
    assert MOBILE not in log.text


def test_a_number_that_does_not_validate_is_masked_whole(log: pytest.LogCaptureFixture) -> None:
    with pytest.raises(SmsError):
        Refusing().send("12345678901234", TEXT)

    assert log.records[0].sms_to == "***"
    assert "12345678901234" not in log.text


def test_the_console_backend_logs_its_name(log: pytest.LogCaptureFixture, capsys: pytest.CaptureFixture[str]) -> None:
    ConsoleBackend().send(MOBILE, TEXT)

    assert [(record.sms_outcome, record.sms_backend) for record in log.records] == [("sent", "console")]


def test_a_real_provider_refuses_a_sandbox_number_without_being_asked(log: pytest.LogCaptureFixture) -> None:
    provider = RealProvider()

    with pytest.raises(SmsError, match=r"^sandbox number 0912\*\*\*5679: a real provider never gets it$"):
        provider.send("09120005679", TEXT)

    assert provider.sent == []
    assert [(record.sms_outcome, record.sms_to) for record in log.records] == [("failed", "0912***5679")]


def test_a_real_provider_sends_to_other_numbers(log: pytest.LogCaptureFixture) -> None:
    provider = RealProvider()

    provider.send(MOBILE, TEXT)

    assert provider.sent == [MOBILE]
    assert [record.sms_outcome for record in log.records] == ["sent"]


def test_a_backend_that_is_not_a_real_provider_takes_sandbox_numbers(tmp_path: Path) -> None:
    outbox = tmp_path / "outbox.jsonl"

    FileBackend(outbox).send("09120005679", TEXT)  # the demo's codes for sandbox people go to the outbox

    assert '"to": "09120005679"' in outbox.read_text(encoding="utf-8")
