"""The Kavenegar SMS backend against a fake Kavenegar on loopback (never the internet)."""

from __future__ import annotations

import logging
import socket
import traceback
from collections.abc import Iterator
from typing import Any

import httpx
import pytest

from panjereh.core.errors import OutsideUnavailable
from panjereh.notifications.backends import SmsError, kavenegar, sms_backend
from panjereh.notifications.backends.kavenegar import KavenegarBackend
from panjereh.notifications.services import sms_send_now
from panjereh.notifications.tests.fake_kavenegar import API_KEY, FakeKavenegar, ReceivedSms

MOBILE = "09121234567"
SENDER = "2000660110"
# Persian letters and digits, a zero-width non-joiner, a newline and the characters form encoding must escape.
TEXT = "کد ورود شما به پنجره: ۴۸۲۹۱۷\nمی‌توانید با آن وارد شوید & = + ?\n@panjereh.ir #482917"
WRONG_KEY = "0A1B2C3D4E5F60718293A4B5C6D7E8F90A1B2C3D4E5F6071"


@pytest.fixture(scope="module")
def kavenegar_server() -> Iterator[FakeKavenegar]:
    with FakeKavenegar() as server:
        yield server


@pytest.fixture
def fake(kavenegar_server: FakeKavenegar) -> FakeKavenegar:
    kavenegar_server.reset()
    return kavenegar_server


def backend(fake: FakeKavenegar, api_key: str = API_KEY, sender: str = SENDER) -> KavenegarBackend:
    return KavenegarBackend(api_key, sender, fake.url)


def full_text(error: BaseException) -> str:
    """The error as a log would show it: message, chained causes and traceback."""
    return "".join(traceback.format_exception(error))


def test_a_message_reaches_kavenegar_exactly(fake: FakeKavenegar) -> None:
    backend(fake).send(MOBILE, TEXT)

    assert fake.received == [ReceivedSms(api_key=API_KEY, receptor=MOBILE, message=TEXT, sender=SENDER)]


def test_without_a_sender_no_sender_field_is_sent(fake: FakeKavenegar) -> None:
    backend(fake, sender="").send(MOBILE, TEXT)

    assert fake.received == [ReceivedSms(api_key=API_KEY, receptor=MOBILE, message=TEXT, sender=None)]


def test_a_trailing_slash_in_the_url_is_harmless(fake: FakeKavenegar) -> None:
    KavenegarBackend(API_KEY, SENDER, fake.url + "/").send(MOBILE, TEXT)

    assert [message.receptor for message in fake.received] == [MOBILE]


def test_an_unknown_key_is_refused_and_the_error_does_not_show_the_key(fake: FakeKavenegar) -> None:
    with pytest.raises(SmsError, match=r"^Kavenegar refused the message: 403 ") as refused:
        backend(fake, api_key=WRONG_KEY).send(MOBILE, TEXT)

    assert fake.received[0].api_key == WRONG_KEY  # it did reach Kavenegar, with that key in the path
    assert WRONG_KEY not in full_text(refused.value)


def test_a_disabled_account_raises_sms_error(fake: FakeKavenegar) -> None:
    fake.reset("disabled")

    with pytest.raises(SmsError, match=r"^Kavenegar refused the message: 401 حساب کاربری غیرفعال شده است$"):
        backend(fake).send(MOBILE, TEXT)


def test_no_credit_raises_sms_error_with_kavenegars_reason(fake: FakeKavenegar) -> None:
    fake.reset("no-credit")

    with pytest.raises(SmsError, match=r"^Kavenegar refused the message: 418 اعتبار حساب شما کافی نیست$"):
        backend(fake).send(MOBILE, TEXT)


def test_a_server_error_page_raises_sms_error(fake: FakeKavenegar) -> None:
    fake.reset("server-error")

    with pytest.raises(SmsError, match=r"^Kavenegar refused the message: HTTP 502 not a Kavenegar answer$"):
        backend(fake).send(MOBILE, TEXT)


def test_an_answer_that_is_not_json_raises_sms_error_even_with_http_200(fake: FakeKavenegar) -> None:
    fake.reset("garbage")

    with pytest.raises(SmsError, match=r"^Kavenegar refused the message: HTTP 200 not a Kavenegar answer$"):
        backend(fake).send(MOBILE, TEXT)


def test_a_server_that_does_not_answer_times_out_as_sms_error(
    fake: FakeKavenegar, monkeypatch: pytest.MonkeyPatch
) -> None:
    fake.reset("stall")
    monkeypatch.setattr(kavenegar, "TIMEOUT_SECONDS", 0.3)

    with pytest.raises(SmsError, match=r"^Kavenegar unreachable: ReadTimeout$") as unreachable:
        backend(fake).send(MOBILE, TEXT)

    assert [message.receptor for message in fake.received] == [MOBILE]
    assert API_KEY not in full_text(unreachable.value)


def test_a_closed_port_raises_sms_error_without_the_key() -> None:
    with socket.socket() as bound_not_listening:  # held, so nothing else can take the port meanwhile
        bound_not_listening.bind(("127.0.0.1", 0))
        port = bound_not_listening.getsockname()[1]

        with pytest.raises(SmsError, match=r"^Kavenegar unreachable: ConnectError$") as unreachable:
            KavenegarBackend(API_KEY, SENDER, f"http://127.0.0.1:{port}").send(MOBILE, TEXT)

    assert API_KEY not in full_text(unreachable.value)


def test_the_key_never_reaches_the_log(fake: FakeKavenegar, caplog: pytest.LogCaptureFixture) -> None:
    caplog.set_level(logging.DEBUG)

    backend(fake).send(MOBILE, TEXT)
    with pytest.raises(SmsError):
        backend(fake, api_key=WRONG_KEY).send(MOBILE, TEXT)

    assert len(fake.received) == 2
    assert API_KEY not in caplog.text
    assert WRONG_KEY not in caplog.text


def test_from_settings_without_a_key_raises_sms_error(settings: Any) -> None:
    settings.KAVENEGAR_API_KEY = ""

    with pytest.raises(SmsError, match=r"^KAVENEGAR_API_KEY is not set$"):
        KavenegarBackend.from_settings()


def test_from_settings_reads_key_sender_and_url(settings: Any) -> None:
    settings.KAVENEGAR_API_KEY = API_KEY
    settings.KAVENEGAR_SENDER = SENDER
    settings.KAVENEGAR_URL = "http://127.0.0.1:9"

    assert KavenegarBackend.from_settings() == KavenegarBackend(API_KEY, SENDER, "http://127.0.0.1:9")


def test_sms_send_now_with_the_kavenegar_backend_reaches_kavenegar(settings: Any, fake: FakeKavenegar) -> None:
    settings.SMS_BACKEND = "kavenegar"
    settings.KAVENEGAR_API_KEY = API_KEY
    settings.KAVENEGAR_SENDER = SENDER
    settings.KAVENEGAR_URL = fake.url

    sms_send_now(mobile=MOBILE, text=TEXT)

    assert fake.received == [ReceivedSms(api_key=API_KEY, receptor=MOBILE, message=TEXT, sender=SENDER)]


def test_the_kavenegar_backend_without_a_key_raises_sms_error(settings: Any) -> None:
    settings.SMS_BACKEND = "kavenegar"
    settings.KAVENEGAR_API_KEY = ""

    with pytest.raises(SmsError, match=r"^KAVENEGAR_API_KEY is not set$"):
        sms_backend()


def test_sms_send_now_without_a_kavenegar_key_is_sms_unavailable(settings: Any) -> None:
    settings.SMS_BACKEND = "kavenegar"
    settings.KAVENEGAR_API_KEY = ""

    with pytest.raises(OutsideUnavailable) as unavailable:
        sms_send_now(mobile=MOBILE, text=TEXT)

    assert unavailable.value.code == "sms_unavailable"
    assert str(unavailable.value.__cause__) == "KAVENEGAR_API_KEY is not set"


def test_a_sandbox_number_is_refused_without_any_request_to_kavenegar(
    fake: FakeKavenegar, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.INFO, logger="panjereh.notifications.sms")

    with pytest.raises(SmsError, match=r"^sandbox number 0912\*\*\*5679: a real provider never gets it$"):
        backend(fake).send("09120005679", TEXT)

    assert fake.received == []
    (record,) = caplog.records
    assert (record.sms_outcome, record.sms_backend, record.sms_to) == ("failed", "kavenegar", "0912***5679")
    assert "09120005679" not in caplog.text


@pytest.mark.parametrize("spelling", ["+98 912 000 5679", "۰۹۱۲۰۰۰۵۶۷۹", "9120005679"])
def test_a_sandbox_number_in_any_spelling_is_refused(fake: FakeKavenegar, spelling: str) -> None:
    with pytest.raises(SmsError, match=r"^sandbox number 0912\*\*\*5679: "):
        backend(fake).send(spelling, TEXT)

    assert fake.received == []


def test_a_number_just_outside_the_sandbox_range_reaches_kavenegar(fake: FakeKavenegar) -> None:
    backend(fake).send("09120015679", TEXT)

    assert [message.receptor for message in fake.received] == ["09120015679"]


def test_the_fake_answers_as_kavenegar_does(fake: FakeKavenegar) -> None:
    answer = httpx.post(f"{fake.url}/v1/{API_KEY}/sms/send.json", data={"receptor": MOBILE, "message": TEXT})

    assert answer.status_code == 200
    body = answer.json()
    assert body["return"] == {"status": 200, "message": "تایید شد"}
    [entry] = body["entries"]
    assert {key: entry[key] for key in ("message", "status", "statustext", "sender", "receptor", "cost")} == {
        "message": TEXT,
        "status": 1,
        "statustext": "در صف ارسال",
        "sender": "10004346",
        "receptor": MOBILE,
        "cost": 120,
    }
    assert isinstance(entry["messageid"], int) and isinstance(entry["date"], int)
