"""One-time-code login over the real exchange path, and the attacks on it."""

from __future__ import annotations

import datetime
import json
from typing import Any

import httpx
import pytest
from django.contrib.auth.models import User
from django.contrib.sessions.models import Session
from django.test import Client

from panjereh.accounts.models import ApiToken, Citizen, OtpChallenge
from panjereh.accounts.otp import otp_request, otp_verify, sms_text
from panjereh.accounts.tests.conftest import MOBILE, OTHER, OTHER_MOBILE, PERSON, Outbox, ask_code, login, verify
from panjereh.exchange.models import AuditRecord
from panjereh.notifications.tests.fake_kavenegar import API_KEY as KAVENEGAR_KEY
from panjereh.notifications.tests.fake_kavenegar import FakeKavenegar
from panjereh.sandbox.people import person

pytestmark = pytest.mark.usefixtures("live_exchange")


def error_code(response: Any) -> str:
    return str(response.json()["error"]["code"])


def test_a_person_logs_in_and_sees_the_registry_identity(client: Client, outbox: Outbox) -> None:
    sent = ask_code(client, "۰۰۱۲۳۴۵۶۷۹", "+98 912 000 5679")  # Persian digits, international form
    assert sent.status_code == 202
    assert sent.json()["expires_in"] == 120
    (message,) = outbox.messages()
    assert message["to"] == MOBILE and "پنجره ملی" in message["text"]
    code = outbox.last_code(MOBILE)
    assert message["text"].splitlines()[-1] == f"@localhost #{code}"  # the WebOTP line
    answer = verify(client, sent.json()["challenge_id"], code)
    assert answer.status_code == 200
    me = client.get("/api/v1/me").json()
    someone = person(PERSON)
    assert (me["first_name"], me["last_name"], me["father_name"]) == (
        someone.first_name, someone.last_name, someone.father_name,
    )  # fmt: skip
    assert me["birth_date"] == someone.birth_date.isoformat()
    assert me["birth_date_jalali"] == someone.birth_date_jalali
    assert me["identity_from_registry"] is True and me["mobile"] == "0912***5679"
    # Both inquiries went through the gateway, audited under the person's national code.
    inquiries = set(AuditRecord.objects.filter(subject=PERSON).values_list("provider", "data_service", "outcome"))
    assert inquiries == {("cra", "mobile-ownership", "ok"), ("sabtahval", "person", "ok")}


def test_a_code_typed_in_persian_digits_works(client: Client, outbox: Outbox) -> None:
    sent = ask_code(client)
    persian = outbox.last_code(MOBILE).translate(str.maketrans("0123456789", "۰۱۲۳۴۵۶۷۸۹"))
    assert verify(client, sent.json()["challenge_id"], persian).status_code == 200


def test_me_without_a_session_is_401(client: Client) -> None:
    answer = client.get("/api/v1/me")
    assert answer.status_code == 401 and error_code(answer) == "not_authenticated"


@pytest.mark.parametrize(
    "national_code",
    ["001234567", "00123456790", "0012345678", "1111111111", "0000000000", "00123456a9", "۰۰۱۲۳۴5679",
     "0012\u200c345679", "\u202e0012345679", "0012345679\u200f", "", "   "],
)  # fmt: skip
def test_malformed_national_codes_are_422(client: Client, outbox: Outbox, national_code: str) -> None:
    answer = ask_code(client, national_code)
    assert answer.status_code == 422 and error_code(answer) == "invalid_national_code"
    assert answer.json()["error"]["field"] == "national_code"
    assert outbox.messages() == [] and not OtpChallenge.objects.exists()


@pytest.mark.parametrize("mobile", ["0912000567", "091200056790", "08120005679", "0912000567x", "۰۹۱۲۰۰۰5679", ""])
def test_malformed_mobiles_are_422(client: Client, outbox: Outbox, mobile: str) -> None:
    answer = ask_code(client, mobile=mobile)
    assert answer.status_code == 422 and error_code(answer) == "invalid_mobile"
    assert outbox.messages() == []


def test_a_mobile_of_someone_else_is_403_and_no_code_is_sent(client: Client, outbox: Outbox) -> None:
    answer = ask_code(client, PERSON, OTHER_MOBILE)
    assert answer.status_code == 403 and error_code(answer) == "mobile_not_owned"
    assert outbox.messages() == [] and not OtpChallenge.objects.exists()


def test_the_code_is_stored_only_as_a_keyed_hash(client: Client, outbox: Outbox) -> None:
    ask_code(client)
    challenge = OtpChallenge.objects.get()
    code = outbox.last_code(MOBILE)
    assert code not in challenge.code_hash and len(challenge.code_hash) == 64


def test_brute_force_locks_the_challenge_even_for_the_right_code(client: Client, outbox: Outbox) -> None:
    challenge_id = ask_code(client).json()["challenge_id"]
    right = outbox.last_code(MOBILE)
    wrong = f"{(int(right) + 1) % 1_000_000:06d}"
    answers = [verify(client, challenge_id, wrong) for _ in range(5)]
    assert [a.status_code for a in answers] == [400, 400, 400, 400, 429]
    assert {error_code(a) for a in answers[:4]} == {"wrong_code"}
    assert "۱ بار" in answers[3].json()["error"]["message"]
    locked = verify(client, challenge_id, right)
    assert locked.status_code == 429 and error_code(locked) == "too_many_requests"
    assert client.get("/api/v1/me").status_code == 401


def test_a_used_code_cannot_be_replayed(client: Client, outbox: Outbox) -> None:
    challenge_id = ask_code(client).json()["challenge_id"]
    code = outbox.last_code(MOBILE)
    assert verify(client, challenge_id, code).status_code == 200
    replay = verify(Client(), challenge_id, code)
    assert replay.status_code == 400 and error_code(replay) == "expired_code"


def test_an_expired_code_is_refused(client: Client, outbox: Outbox) -> None:
    challenge_id = ask_code(client).json()["challenge_id"]
    OtpChallenge.objects.filter(pk=challenge_id).update(
        expires_at=datetime.datetime.now(datetime.UTC) - datetime.timedelta(seconds=1)
    )
    answer = verify(client, challenge_id, outbox.last_code(MOBILE))
    assert answer.status_code == 400 and error_code(answer) == "expired_code"


def test_a_code_does_not_answer_another_challenge(client: Client, outbox: Outbox) -> None:
    mine = ask_code(client).json()["challenge_id"]
    theirs = ask_code(Client(), OTHER, OTHER_MOBILE).json()["challenge_id"]
    assert mine != theirs
    answer = verify(client, theirs, outbox.last_code(MOBILE))
    assert answer.status_code == 400 and error_code(answer) == "wrong_code"


@pytest.mark.parametrize("challenge_id", ["not-a-uuid", "00000000-0000-0000-0000-000000000000", ""])
def test_an_unknown_challenge_is_a_wrong_code(client: Client, challenge_id: str) -> None:
    answer = verify(client, challenge_id, "123456")
    assert answer.status_code == 400 and error_code(answer) == "wrong_code"


def test_resend_floods_are_limited_per_mobile(client: Client, outbox: Outbox, settings: Any) -> None:
    assert ask_code(client).status_code == 202
    too_soon = ask_code(client)
    assert too_soon.status_code == 429 and error_code(too_soon) == "too_many_requests"
    settings.OTP_RESEND_SECONDS = 0
    settings.OTP_RATE_PER_MOBILE = "3/h"
    assert [ask_code(client).status_code for _ in range(3)] == [202, 202, 429]  # 3 in the window, then no more
    assert len(outbox.messages()) == 3


def test_requests_are_limited_per_address(client: Client, outbox: Outbox, settings: Any) -> None:
    settings.OTP_RATE_PER_IP = "2/h"
    statuses = [ask_code(client, "1111111111", MOBILE).status_code for _ in range(2)]  # even bad ones count
    assert statuses == [422, 422]
    blocked = ask_code(client)  # past the free allowance: only with a proof of work (test_proof_of_work.py)
    assert blocked.status_code == 429 and error_code(blocked) == "proof_of_work_required"
    assert outbox.messages() == []
    assert ask_code(client, REMOTE_ADDR="10.0.0.2").status_code == 202  # another address is not blocked


def test_strangers_cannot_use_up_the_owners_allowance(client: Client, outbox: Outbox, settings: Any) -> None:
    """Refused ownership checks name the victim's mobile (or national code) but send them nothing, so
    they count against the asking address only: the owner still gets a code."""
    settings.OTP_RATE_PER_MOBILE = settings.OTP_RATE_PER_NATIONAL_CODE = "3/h"
    for n in range(6):  # any national code with the victim's mobile, then the victim's code with any mobile
        assert ask_code(client, OTHER, MOBILE, REMOTE_ADDR=f"10.0.1.{n}").status_code == 403
        assert ask_code(client, PERSON, OTHER_MOBILE, REMOTE_ADDR=f"10.0.2.{n}").status_code == 403
    assert outbox.messages() == []
    assert ask_code(client, REMOTE_ADDR="10.0.3.1").status_code == 202
    assert [m["to"] for m in outbox.messages()] == [MOBILE]


def test_refused_ownership_checks_are_limited_per_address(client: Client, outbox: Outbox, settings: Any) -> None:
    settings.OTP_REFUSED_PER_IP = "2/h"
    assert [ask_code(client, OTHER, MOBILE).status_code for _ in range(2)] == [403, 403]
    blocked = ask_code(client, OTHER, MOBILE)
    assert blocked.status_code == 429 and error_code(blocked) == "proof_of_work_required"
    asked = AuditRecord.objects.filter(data_service="mobile-ownership").count()
    assert asked == 2  # the third was refused before the registry was asked
    assert ask_code(client, REMOTE_ADDR="10.0.0.2").status_code == 202


def test_codes_sent_are_limited_per_national_code(client: Client, outbox: Outbox, settings: Any) -> None:
    settings.OTP_RESEND_SECONDS = 0
    settings.OTP_RATE_PER_NATIONAL_CODE = "2/h"
    statuses = [ask_code(client, REMOTE_ADDR=f"10.0.4.{n}").status_code for n in range(3)]
    assert statuses == [202, 202, 429] and len(outbox.messages()) == 2
    assert "کد ملی" in ask_code(client, REMOTE_ADDR="10.0.4.9").json()["error"]["message"]


def test_login_gives_a_new_session_key(client: Client, outbox: Outbox) -> None:
    client.get("/")  # whatever session the visitor (or someone who planted the cookie) had
    planted = "fixation0fixation0fixation0fixa"
    client.cookies["sessionid"] = planted
    login(client, outbox)
    assert client.cookies["sessionid"].value != planted
    assert not Session.objects.filter(session_key=planted).exists()


def test_logout_kills_the_session_server_side(client: Client, outbox: Outbox) -> None:
    login(client, outbox)
    stolen = client.cookies["sessionid"].value
    assert client.post("/api/v1/auth/logout").status_code == 204
    assert not Session.objects.filter(session_key=stolen).exists()
    thief = Client()
    thief.cookies["sessionid"] = stolen
    assert thief.get("/api/v1/me").status_code == 401


def test_the_idle_timeout_ends_a_session(client: Client, outbox: Outbox, settings: Any) -> None:
    login(client, outbox)
    assert client.get("/api/v1/me").status_code == 200
    Session.objects.update(expire_date=datetime.datetime.now(datetime.UTC) - datetime.timedelta(seconds=1))
    assert client.get("/api/v1/me").status_code == 401


def test_the_absolute_timeout_ends_an_active_session(client: Client, outbox: Outbox, settings: Any) -> None:
    login(client, outbox)
    settings.SESSION_ABSOLUTE_SECONDS = 0
    assert client.get("/api/v1/me").status_code == 401


def test_api_clients_can_take_a_bearer_token(client: Client, outbox: Outbox) -> None:
    challenge_id = ask_code(client).json()["challenge_id"]
    answer = verify(client, challenge_id, outbox.last_code(MOBILE), token=True)
    body = answer.json()
    assert answer.status_code == 200 and body["token_type"] == "Bearer" and 0 < body["expires_in"] <= 900
    assert "sessionid" not in answer.cookies
    api = Client()
    bearer = {"HTTP_AUTHORIZATION": f"Bearer {body['access_token']}"}
    assert api.get("/api/v1/me", **bearer).json()["national_code"] == PERSON
    assert api.get("/api/v1/me/data-access", **bearer).status_code == 200
    assert api.post("/api/v1/auth/logout", **bearer).status_code == 204
    assert api.get("/api/v1/me", **bearer).status_code == 401
    assert api.get("/api/v1/me", HTTP_AUTHORIZATION="Bearer forged").status_code == 401


def test_a_civil_registry_outage_does_not_block_login(client: Client, outbox: Outbox, sandbox_faults: str) -> None:
    httpx.put(f"{sandbox_faults}/_faults/civil-registry", json={"down": True}, timeout=5).raise_for_status()
    login(client, outbox)
    me = client.get("/api/v1/me").json()
    assert me["identity_from_registry"] is False and me["first_name"] == ""
    assert Citizen.objects.get(national_code=PERSON).identity_checked_at is None
    # The registry is back: the next login asks again and fills the identity in.
    httpx.delete(f"{sandbox_faults}/_faults", timeout=5).raise_for_status()
    OtpChallenge.objects.update(created_at=datetime.datetime.now(datetime.UTC) - datetime.timedelta(minutes=5))
    login(Client(), outbox)
    assert Citizen.objects.get(national_code=PERSON).first_name == person(PERSON).first_name


def test_a_telecom_registry_outage_is_502_and_sends_nothing(
    client: Client, outbox: Outbox, sandbox_faults: str
) -> None:
    httpx.put(f"{sandbox_faults}/_faults/telecom-registry", json={"down": True}, timeout=5).raise_for_status()
    answer = ask_code(client)
    assert answer.status_code == 502 and error_code(answer) == "registry_unavailable"
    assert outbox.messages() == [] and not OtpChallenge.objects.exists()


def test_an_sms_failure_is_502_and_leaves_no_challenge(client: Client, settings: Any) -> None:
    settings.SMS_BACKEND = "kavenegar"
    settings.KAVENEGAR_API_KEY = ""  # not configured: the backend refuses
    answer = ask_code(client)
    assert answer.status_code == 502 and error_code(answer) == "sms_unavailable"
    assert answer.json()["error"]["message"] == "فرستادن پیامک ممکن نشد؛ کمی بعد دوباره تلاش کنید."
    assert not OtpChallenge.objects.exists()
    # No code went out, so none is counted against the person's allowance.
    settings.OTP_RATE_PER_MOBILE = settings.OTP_RATE_PER_NATIONAL_CODE = "1/h"
    settings.SMS_BACKEND = "console"
    assert ask_code(client).status_code == 202


def test_a_sandbox_persons_code_never_reaches_a_real_provider(client: Client, settings: Any) -> None:
    with FakeKavenegar() as kavenegar:
        settings.SMS_BACKEND = "kavenegar"
        settings.KAVENEGAR_API_KEY, settings.KAVENEGAR_URL = KAVENEGAR_KEY, kavenegar.url
        answer = ask_code(client)  # PERSON's own number, in the sandbox range
        assert kavenegar.received == []
    assert answer.status_code == 502 and error_code(answer) == "sms_unavailable"
    assert not OtpChallenge.objects.exists()


def test_the_code_goes_out_through_notifications_to_the_file_backends_outbox(outbox: Outbox) -> None:
    challenge = otp_request(national_code=PERSON, mobile=MOBILE, ip=None)

    (message,) = outbox.messages()
    assert message["to"] == MOBILE and message["text"] == sms_text(outbox.last_code(MOBILE))
    assert otp_verify(challenge_id=str(challenge.pk), code=outbox.last_code(MOBILE)).national_code == PERSON


def test_old_challenges_and_tokens_are_purged_now_and_then(client: Client, outbox: Outbox) -> None:
    long_ago = datetime.datetime.now(datetime.UTC) - datetime.timedelta(days=2)
    old = OtpChallenge.objects.create(national_code=OTHER, mobile=OTHER_MOBILE, code_hash="0" * 64,
                                      created_at=long_ago, expires_at=long_ago)  # fmt: skip
    user = Citizen.objects.create(user=User.objects.create(username="nc-x"), national_code=OTHER).user
    ApiToken.objects.create(key_hash="1" * 64, user=user, created_at=long_ago, expires_at=long_ago)
    soon = datetime.datetime.now(datetime.UTC) + datetime.timedelta(minutes=5)
    live = ApiToken.objects.create(key_hash="2" * 64, user=user, created_at=long_ago, expires_at=soon)
    assert ask_code(client).status_code == 202
    assert not OtpChallenge.objects.filter(pk=old.pk).exists()
    assert list(ApiToken.objects.values_list("pk", flat=True)) == [live.pk]
    assert OtpChallenge.objects.count() == 1  # the new one


@pytest.mark.parametrize(
    ("content_type", "origin"),
    [("text/plain", "https://evil.example"), ("text/plain", None), ("application/json", "https://evil.example")],
)
def test_another_site_cannot_log_a_browser_in(
    client: Client, outbox: Outbox, content_type: str, origin: str | None
) -> None:
    """Login CSRF: a page elsewhere posts the attacker's own code, so that the victim's browser would
    act in the attacker's account. A simple (preflight-free) request or a foreign Origin is refused."""
    sent = ask_code(client)
    body = json.dumps({"challenge_id": sent.json()["challenge_id"], "code": outbox.last_code(MOBILE)})
    extra = {"HTTP_ORIGIN": origin} if origin else {}
    answer = client.post("/api/v1/auth/otp/verify", body, content_type=content_type, **extra)
    assert answer.status_code == 403 and error_code(answer) == "cross_site_login"
    assert "sessionid" not in client.cookies and client.get("/api/v1/me").status_code == 401
    assert OtpChallenge.objects.get().attempts == 0  # nothing spent: the code still works from the site itself
    own = client.post("/api/v1/auth/otp/verify", body, content_type="application/json", HTTP_ORIGIN="http://testserver")
    assert own.status_code == 200


@pytest.mark.parametrize(
    ("national_code", "message"),
    [("0012345678", "این کد ملی معتبر نیست؛ آن را دوباره از روی کارت ملی بخوانید و وارد کنید."),
     ("1111111111", "این کد ملی معتبر نیست؛ آن را دوباره از روی کارت ملی بخوانید و وارد کنید."),
     ("001-234567-8", "این کد ملی معتبر نیست؛ آن را دوباره از روی کارت ملی بخوانید و وارد کنید."),
     ("001234567", "کد ملی معتبر نیست؛ ده رقم کد ملی را وارد کنید."),
     ("abc", "کد ملی معتبر نیست؛ ده رقم کد ملی را وارد کنید."),
     ("0012\u200c345679", "کد ملی معتبر نیست؛ ده رقم کد ملی را وارد کنید."),
     ("۰۰۱۲۳۴5679", "رقم‌های کد ملی را همه با یک صفحه‌کلید بنویسید: همه فارسی یا همه انگلیسی.")],
)  # fmt: skip
def test_a_refused_national_code_is_told_what_is_wrong_with_it(
    client: Client, outbox: Outbox, national_code: str, message: str
) -> None:
    answer = ask_code(client, national_code)
    assert answer.status_code == 422
    assert answer.json() == {"error": {"code": "invalid_national_code", "message": message, "field": "national_code"}}
    assert outbox.messages() == []


@pytest.mark.parametrize("national_code", ["001-234567-9", "۰۰۱-۲۳۴۵۶۷-۹", "٠٠١ ٢٣٤٥٦٧ ٩", "001\u2013234567\u20139"])
def test_a_national_code_as_printed_on_the_card_is_accepted(client: Client, outbox: Outbox, national_code: str) -> None:
    sent = ask_code(client, national_code)
    assert sent.status_code == 202
    assert OtpChallenge.objects.get(pk=sent.json()["challenge_id"]).national_code == PERSON
    assert verify(client, sent.json()["challenge_id"], outbox.last_code(MOBILE)).status_code == 200
    assert client.get("/api/v1/me").json()["national_code"] == PERSON


@pytest.mark.parametrize("malformed", ["123", "abcdef", "12345a", "1234567", "", "۱۲۳", "12\u200b3456"])
def test_a_malformed_code_is_refused_and_spends_no_try(client: Client, outbox: Outbox, malformed: str) -> None:
    challenge_id = ask_code(client).json()["challenge_id"]
    for _ in range(6):  # more than the tries a challenge has
        answer = verify(client, challenge_id, malformed)
        assert answer.status_code == 400  # the contract's wrong_code, with a message of its own
        assert answer.json() == {"error": {"code": "wrong_code", "field": "code",
                                           "message": "کد ورود شش رقم است؛ شش رقم پیامک‌شده را وارد کنید."}}  # fmt: skip
    assert OtpChallenge.objects.get().attempts == 0
    assert verify(client, challenge_id, outbox.last_code(MOBILE)).status_code == 200


def test_a_locked_challenge_says_so_whatever_is_sent(client: Client, outbox: Outbox) -> None:
    challenge_id = ask_code(client).json()["challenge_id"]
    OtpChallenge.objects.filter(pk=challenge_id).update(attempts=5)
    for code in ("12", outbox.last_code(MOBILE)):
        answer = verify(client, challenge_id, code)
        assert answer.status_code == 429 and error_code(answer) == "too_many_requests"
    assert OtpChallenge.objects.get().attempts == 5
