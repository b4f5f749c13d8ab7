"""Logging in with national code, mobile and a one-time code.

    otp_request: validate → rate limits → the telecom registry confirms the mobile is the
                 person's (through the exchange) → a 6-digit code, stored as a keyed hash → SMS,
                 sent now through notifications' `sms_send_now`
    otp_verify:  a code that is not six digits is refused, spending nothing → one try is spent
                 first (so parallel guesses cannot beat the limit) → the code is
                 compared in constant time → used once → the citizen, with the civil registry's
                 identity fetched on their first login

Every refusal is a DomainError (panjereh.core.errors) with its code and Persian message (CONTRACTS.md).
"""

from __future__ import annotations

import datetime
import hashlib
import hmac
import logging
import re
import secrets
import uuid

from django.conf import settings
from django.core.cache import cache
from django.db.models import F
from django.utils import timezone

from panjereh.accounts.devices import trusted_device
from panjereh.accounts.identity import RegistryUnavailable, mobile_owned
from panjereh.accounts.models import ApiToken, Citizen, OtpChallenge
from panjereh.accounts.proof_of_work import proof_accept
from panjereh.accounts.selectors import resend_wait_seconds
from panjereh.accounts.services import citizen_get_or_create, citizen_identity_confirm
from panjereh.core import ratelimit
from panjereh.core.client_address import address_key
from panjereh.core.errors import DomainError, InvalidInput, NotAccepted, NotAllowed, OutsideUnavailable, TooMany
from panjereh.notifications import services as notifications
from panjereh.persian import (
    InvalidMobile,
    InvalidNationalCode,
    normalize_mobile,
    normalize_national_code,
    to_ascii_digits,
    to_persian_digits,
)

logger = logging.getLogger(__name__)

CODE_DIGITS = 6
CODE_PATTERN = re.compile(f"[0-9]{{{CODE_DIGITS}}}")
CODE_MALFORMED = "کد ورود شش رقم است؛ شش رقم پیامک‌شده را وارد کنید."
TOO_MANY = "too_many_requests"
PROOF_REQUIRED = "proof_of_work_required"
PURGE_EVERY_SECONDS = 3600


def otp_request(
    *, national_code: str, mobile: str, ip: str | None, proof: str | None = None, device: str | None = None
) -> OtpChallenge:
    """Send a code to `mobile` if it belongs to `national_code`; returns the new challenge.

    Each limit counts what it protects, so that no stranger can use up someone else's allowance:
    every request and every refused ownership check count against the asking address (past its
    allowance, only with a proof of work: `proof`, a solved ALTCHA challenge); only codes actually
    sent count against the mobile they went to and the national code they are for. Those two a stranger
    who knows the pair can fill, so a browser this person has logged in with before (`device`, its
    device cookie: panjereh.accounts.devices) is counted against its own allowance instead.
    """
    if ip:
        _check_address(address_key(ip), proof)
    code = national_code_check(national_code)
    number = mobile_check(mobile)
    device_id = trusted_device(device, code)
    if device_id is None:
        _check_resend_wait(number)
    sent_limits = _sent_limits(code, number, device_id)
    for group, key, rate in sent_limits:  # looked at, not counted, before the inquiry
        if not ratelimit.room(group, key, rate):
            raise _sent_limited(group)
    try:
        owned = mobile_owned(code, number)
    except RegistryUnavailable as error:
        logger.warning("mobile ownership inquiry failed: %s", error)
        message = "استعلام مالکیت شماره همراه ممکن نشد؛ کمی بعد دوباره تلاش کنید."
        raise OutsideUnavailable("registry_unavailable", message) from None
    if not owned:
        if ip:
            ratelimit.allow("otp-refused-ip", address_key(ip), settings.OTP_REFUSED_PER_IP)
        raise NotAllowed("mobile_not_owned", "این شماره همراه به نام صاحب این کد ملی ثبت نشده است.", "mobile")
    _count_sent(sent_limits)
    secret = f"{secrets.randbelow(10**CODE_DIGITS):0{CODE_DIGITS}d}"
    now = timezone.now()
    if cache.add("accounts:login-records-purged", 1, timeout=PURGE_EVERY_SECONDS):  # now and then, not each time
        login_records_purge(now)
    challenge = OtpChallenge(
        id=uuid.uuid4(), national_code=code, mobile=number, created_at=now, ip=ip or None,
        expires_at=now + datetime.timedelta(seconds=settings.OTP_TTL_SECONDS),
    )  # fmt: skip
    challenge.code_hash = _code_hash(challenge.id, secret)
    challenge.save(force_insert=True)
    try:
        notifications.sms_send_now(mobile=number, text=sms_text(secret))
    except OutsideUnavailable as error:  # `sms_unavailable`: no code went out, so no challenge stays
        logger.error("OTP SMS not sent: %s", error.__cause__ or error)
        challenge.delete()
        for group, key, rate in sent_limits:
            ratelimit.give_back(group, key, rate)
        raise
    return challenge


def otp_verify(*, challenge_id: str, code: str) -> Citizen:
    """The citizen whose challenge this code answers. Every wrong guess spends one of its tries; a code that
    is not six digits is refused (400 `wrong_code`, saying it must be six digits) and spends none."""
    challenge = _challenge(challenge_id)
    now = timezone.now()
    if challenge.used_at is not None or now >= challenge.expires_at:
        raise _expired()
    if challenge.attempts >= settings.OTP_MAX_TRIES:  # said at once; the conditional update below is the guard
        raise _locked()
    entered = _entered_code(code)  # only a well-formed guess is a guess: a malformed one spends no try
    # Spend a try before looking at the code: with many guesses in flight at once, at most
    # OTP_MAX_TRIES of them are ever compared.
    spent = OtpChallenge.objects.filter(pk=challenge.pk, used_at__isnull=True, attempts__lt=settings.OTP_MAX_TRIES)
    if not spent.update(attempts=F("attempts") + 1):
        if OtpChallenge.objects.filter(pk=challenge.pk, used_at__isnull=False).exists():
            raise _expired()
        raise _locked()
    if not hmac.compare_digest(challenge.code_hash, _code_hash(challenge.pk, entered)):
        left = settings.OTP_MAX_TRIES - OtpChallenge.objects.values_list("attempts", flat=True).get(pk=challenge.pk)
        if left <= 0:
            raise _locked()
        raise NotAccepted("wrong_code", f"کد درست نیست؛ {to_persian_digits(str(left))} بار دیگر می‌توانید تلاش کنید.",
                       "code")  # fmt: skip
    if not OtpChallenge.objects.filter(pk=challenge.pk, used_at__isnull=True, expires_at__gt=now).update(used_at=now):
        raise _expired()  # another request used it a moment ago
    return _citizen_after_login(challenge)


def login_records_purge(now: datetime.datetime) -> int:
    """Delete challenges and API tokens past any use (a day after they ended); returns how many."""
    cutoff = now - datetime.timedelta(days=1)
    challenges, _ = OtpChallenge.objects.filter(expires_at__lt=cutoff).delete()
    tokens, _ = ApiToken.objects.filter(expires_at__lt=cutoff).delete()
    return challenges + tokens


def sms_text(code: str) -> str:
    """Persian, with the WebOTP line last (`@host #code`) so a phone's browser can fill the code in."""
    return f"پنجره ملی خدمات دولت\nکد ورود شما: {code}\nاین کد را به هیچ‌کس ندهید.\n\n@{settings.WEBOTP_HOST} #{code}"


def _citizen_after_login(challenge: OtpChallenge) -> Citizen:
    citizen = citizen_get_or_create(national_code=challenge.national_code)
    citizen.mobile = challenge.mobile
    citizen.save(update_fields=["mobile", "updated_at"])
    if citizen.identity_checked_at is None:  # the first login (or the registry was down before): who is this?
        citizen_identity_confirm(citizen)  # if it cannot say, the login stands and the next one asks again
    return citizen


def _sent_limits(national_code: str, mobile: str, device_id: str | None) -> list[tuple[str, str, str]]:
    if device_id is not None:  # the person's own browser: an allowance no stranger can reach
        return [("otp-device", device_id, settings.OTP_RATE_PER_DEVICE)]
    return [("otp-mobile", mobile, settings.OTP_RATE_PER_MOBILE),
            ("otp-national-code", national_code, settings.OTP_RATE_PER_NATIONAL_CODE)]  # fmt: skip


def _count_sent(limits: list[tuple[str, str, str]]) -> None:
    """Counts the code about to be sent; if another request took the last room meanwhile, uncounts."""
    over = [group for group, key, rate in limits if not ratelimit.allow(group, key, rate)]
    if over:
        for group, key, rate in limits:
            ratelimit.give_back(group, key, rate)
        raise _sent_limited(over[0])


def _sent_limited(group: str) -> DomainError:
    whose = {"otp-mobile": "این شماره همراه", "otp-device": "این دستگاه"}.get(group, "این کد ملی")
    return TooMany(TOO_MANY, f"برای {whose} کدهای بسیاری فرستاده شده است؛ کمی بعد دوباره تلاش کنید.")


def _check_address(ip: str, proof: str | None) -> None:
    """Within the address's allowances a request is free; past them (a crowd behind one carrier
    address, or a script) it needs a proof of work, up to a ceiling that proofs cannot lift."""
    within = ratelimit.allow("otp-ip", ip, settings.OTP_RATE_PER_IP)
    if within and ratelimit.room("otp-refused-ip", ip, settings.OTP_REFUSED_PER_IP):
        return
    if not proof_accept(proof):
        raise TooMany(
            PROOF_REQUIRED,
            "از این نشانی درخواست‌های بسیاری رسیده است؛ برای ادامه «من ربات نیستم» را تأیید کنید.",
            "altcha",
        )
    if not ratelimit.allow("otp-ip-proven", ip, settings.OTP_RATE_PER_IP_PROVEN):
        raise _address_limited()


def _address_limited() -> DomainError:
    return TooMany(TOO_MANY, "از این نشانی درخواست‌های بسیاری رسیده است؛ کمی بعد دوباره تلاش کنید.")


def _check_resend_wait(mobile: str) -> None:
    last = OtpChallenge.objects.filter(mobile=mobile).order_by("-created_at").values_list("created_at", flat=True)
    latest = last.first()
    wait = resend_wait_seconds(latest, timezone.now()) if latest is not None else 0
    if wait > 0:
        raise TooMany(TOO_MANY, f"برای کد تازه {to_persian_digits(str(wait))} ثانیه دیگر صبر کنید.")


def _challenge(challenge_id: str) -> OtpChallenge:
    try:
        key = uuid.UUID(str(challenge_id))
    except ValueError:
        key = None
    challenge = OtpChallenge.objects.filter(pk=key).first() if key else None
    if challenge is None:
        raise NotAccepted("wrong_code", "این درخواست ورود شناخته نشد؛ کد تازه بگیرید.", "challenge_id")
    return challenge


def _code_hash(challenge_id: uuid.UUID, code: str) -> str:
    """Keyed with the server's secret and bound to the challenge: a leaked table reveals no code,
    and a code cannot answer another challenge."""
    message = f"{challenge_id}:{code}".encode()
    return hmac.new(settings.SECRET_KEY.encode(), message, hashlib.sha256).hexdigest()


# What a person is told for each way a national code can be wrong (InvalidNationalCode.kind): one who
# typed ten digits is not asked for ten digits.
NATIONAL_CODE_MESSAGES = {
    "shape": "کد ملی معتبر نیست؛ ده رقم کد ملی را وارد کنید.",
    "mixed": "رقم‌های کد ملی را همه با یک صفحه‌کلید بنویسید: همه فارسی یا همه انگلیسی.",
    "not_issued": "این کد ملی معتبر نیست؛ آن را دوباره از روی کارت ملی بخوانید و وارد کنید.",
}


def national_code_check(text: str) -> str:
    """The national code a person typed (any digit script; spaces and dashes as printed on the card), as
    ten ASCII digits; or InvalidInput `invalid_national_code` with a message that says what is wrong."""
    try:
        return normalize_national_code(text, separators=True)
    except InvalidNationalCode as error:
        raise InvalidInput("invalid_national_code", NATIONAL_CODE_MESSAGES[error.kind], "national_code") from None


def mobile_check(text: str) -> str:
    """The mobile a person typed, as 09xxxxxxxxx; or InvalidInput `invalid_mobile`."""
    try:
        return normalize_mobile(text)
    except InvalidMobile:
        raise InvalidInput("invalid_mobile", "شماره همراه معتبر نیست؛ شماره‌ای مانند ۰۹۱۲۱۲۳۴۵۶۷ وارد کنید.",
                       "mobile") from None  # fmt: skip


def _entered_code(text: str) -> str:
    """The code as typed, in ASCII digits, spaces dropped ("۱۲۳ ۴۵۶"); 400 `wrong_code` (with its own
    message) when it is not six digits: a malformed code is no guess, so it spends none of the tries."""
    entered = "".join(to_ascii_digits(text).split())
    if not CODE_PATTERN.fullmatch(entered):
        raise NotAccepted("wrong_code", CODE_MALFORMED, "code")  # the contract's code for any code that is not it
    return entered


def _expired() -> DomainError:
    return NotAccepted("expired_code", "این کد منقضی شده یا پیش‌تر به کار رفته است؛ کد تازه بگیرید.", "code")


def _locked() -> DomainError:
    return TooMany(TOO_MANY, "تلاش‌های نادرست از حد گذشت؛ این کد دیگر پذیرفته نمی‌شود. کد تازه بگیرید.", "code")
