"""The back office's admin site: a password and the 6-digit code of a confirmed TOTP device, both
on one form. Anyone without a verified device (superusers included) is treated as not staff."""

from __future__ import annotations

import unicodedata
from typing import Any

from django import forms
from django.conf import settings
from django.contrib.admin.forms import AdminAuthenticationForm
from django_otp.admin import OTPAdminSite
from django_otp.forms import OTPAuthenticationFormMixin
from django_otp.plugins.otp_totp.models import TOTPDevice

from panjereh.core import ratelimit
from panjereh.core.client_address import request_address_key
from panjereh.persian import to_ascii_digits

WRONG_SIGN_IN = (
    "نام کاربری، گذرواژه یا کد ورود دومرحله‌ای درست نیست، یا این کد پیش‌تر به کار رفته است؛"
    " اگر چند بار پیاپی نادرست وارد شده باشد، چند لحظه صبر کنید."
)


class StaffLoginForm(OTPAuthenticationFormMixin, AdminAuthenticationForm):  # type: ignore[misc]
    """Username, password and TOTP code. Staff hold one TOTP device (`panjereh staff add`), so the
    code is checked against it without asking which device; django-otp's throttling (a growing
    wait after each wrong code) and replay guard (a code works once) apply as they are."""

    otp_token = forms.CharField(
        label="کد ورود دومرحله‌ای",
        required=False,  # an empty code gets the mixin's own message, once
        max_length=12,
        help_text="کد شش‌رقمی برنامه رمزساز تلفن همراه شما",
        widget=forms.TextInput(attrs={"autocomplete": "one-time-code", "inputmode": "numeric", "dir": "ltr"}),
    )

    otp_error_messages = {
        **OTPAuthenticationFormMixin.otp_error_messages,
        "token_required": "کد شش‌رقمی برنامه احراز هویت را وارد کنید.",
        "invalid_token": "کد ورود دومرحله‌ای درست نیست یا پیش‌تر به کار رفته است.",
        "n_failed_attempts": "پس از %(failure_count)d کد نادرست، ورود برای چند لحظه بسته است؛ کمی بعد دوباره بکوشید.",
        "verification_not_allowed": "بررسی کد ورود دومرحله‌ای اکنون ممکن نیست.",
        "device_required": "برای این حساب برنامه احراز هویت ثبت نشده است؛ از مدیر سامانه بخواهید آن را بسازد.",
    }

    def clean_otp_token(self) -> str:
        # A Persian keyboard types ۱۲۳۴۵۶; authenticator apps show 123 456.
        return to_ascii_digits(self.cleaned_data.get("otp_token", "")).replace(" ", "")

    def clean(self) -> dict[str, Any]:
        # Password guessing is limited per account and address, and per address, before the
        # password is even checked (django-otp limits wrong codes, not wrong passwords).
        ip = request_address_key(self.request) if self.request else "-"
        # The account as the login will find it (Django's UsernameField: NFKC, stripped), so that
        # full-width letters or a trailing space do not make a fresh allowance.
        username = unicodedata.normalize("NFKC", str(self.data.get("username", ""))).strip()[:150].casefold()
        if not (
            ratelimit.allow("admin-login", f"{ip}|{username}", settings.ADMIN_LOGIN_RATE)
            and ratelimit.allow("admin-login-ip", ip, settings.ADMIN_LOGIN_RATE_PER_IP)
        ):
            raise forms.ValidationError("تلاش‌های ورود بیش از حد بود؛ چند دقیقه بعد دوباره تلاش کنید.", code="too_many")
        try:
            self.cleaned_data = super().clean()
            self.clean_otp(self.get_user())
        except forms.ValidationError:
            # One answer whatever was wrong (the name, the password, the code, its wait, a missing
            # device): a different one would tell a guesser that the password was right.
            raise forms.ValidationError(WRONG_SIGN_IN, code="invalid_login") from None
        return self.cleaned_data

    def _chosen_device(self, user: Any) -> TOTPDevice | None:
        # Inside the mixin's transaction: the row is locked so that two logins cannot both use a code.
        return TOTPDevice.objects.filter(user=user, confirmed=True).select_for_update().order_by("pk").first()

    def _update_form(self, user: Any) -> None:
        """django-otp would now render the password back into the page; the form is one step, so no."""


class StaffAdminSite(OTPAdminSite):  # type: ignore[misc]
    """`admin.site` (see `admin_apps.StaffAdminConfig`): django-otp's `OTPAdminSite` under the usual
    name "admin", so `admin:` URL names and the existing registrations stay as they are."""

    login_form = StaffLoginForm
    login_template = "accounts/admin_login.html"

    def __init__(self, name: str = "admin") -> None:
        super().__init__(name)
