"""The back office's admin site: a password and the 6-digit code of a confirmed TOTP device, both
on one form. Anyone without a verified device (superusers included) is treated as not staff.

It also speaks Persian where Django's admin writes in Python what no template or translation
reaches (the boolean icons' text, the digits of error messages), and draws the back office's own
error pages (404, 500, ...) for addresses under /admin/ (docs/staff.md, "Persian in the back office")."""

from __future__ import annotations

import re
import sys
import unicodedata
from collections.abc import Callable
from functools import update_wrapper
from typing import Any

from django import forms
from django.conf import settings
from django.contrib import admin
from django.contrib.admin.forms import AdminAuthenticationForm
from django.http import HttpRequest, HttpResponse, HttpResponseBase
from django.template.loader import render_to_string
from django.template.response import SimpleTemplateResponse
from django.templatetags.static import static
from django.urls import reverse
from django.utils.html import format_html
from django.utils.translation import gettext
from django_otp.admin import OTPAdminSite
from django_otp.forms import OTPAuthenticationFormMixin
from django_otp.plugins.otp_totp.models import TOTPDevice

from panjereh.core import ratelimit
from panjereh.core import views as core_views
from panjereh.core.client_address import request_address_key
from panjereh.core.errors import STATUS_ERRORS
from panjereh.core.outage import database_outage
from panjereh.persian import to_ascii_digits, to_persian_digits

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

    def admin_view(
        self, view: Callable[..., HttpResponseBase], cacheable: bool = False
    ) -> Callable[..., HttpResponseBase]:
        """Django's `admin_view` (every page of the site and of each ModelAdmin goes through it), with
        its HTML answers made Persian where Django writes English or Latin digits from Python: see
        `in_persian`."""
        protected: Callable[..., HttpResponseBase] = super().admin_view(view, cacheable)

        def persian_view(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponseBase:
            response = protected(request, *args, **kwargs)
            if isinstance(response, SimpleTemplateResponse) and not response.is_rendered:
                response.add_post_render_callback(in_persian)
            else:
                in_persian(response)
            return response

        return update_wrapper(persian_view, protected)


# Django's boolean icon (`admin_list._boolean_icon`, for boolean columns, read-only fields and
# `@admin.display(boolean=True)`) is written in Python with alt="True", "False" or "None", and no
# template, setting or translation reaches it: its exact markup is replaced, with Django's own
# Persian for the boolean filter's choices.
BOOLEAN_ICONS = ((True, "yes", "Yes"), (False, "no", "No"), (None, "unknown", "Unknown"))
ERROR_LIST = re.compile(r'(<ul class="errorlist[^"]*"[^>]*>)(.*?)(</ul>)', re.DOTALL)
TAG_OR_ENTITY = re.compile(r"(<[^>]*>|&#?\w+;)")
KEEPS_LATIN = re.compile(r'<(?:code\b|bdi\b[^>]*\bdir="ltr")')
ENDS_LATIN = re.compile(r"</(?:code|bdi)\s*>")


def in_persian(response: HttpResponseBase) -> None:
    """An HTML answer of the admin with Persian text for its boolean icons and Persian digits in its
    error lists; anything else (a redirect, a file, the script catalog) is left as it is."""
    if not isinstance(response, HttpResponse) or not response.get("Content-Type", "").startswith("text/html"):
        return
    page = response.content.decode(response.charset)
    persian = persian_error_digits(persian_boolean_icons(page))
    if persian != page:
        response.content = persian.encode(response.charset)


def persian_boolean_icons(page: str) -> str:
    for value, icon, word in BOOLEAN_ICONS:
        url = static(f"admin/img/icon-{icon}.svg")
        page = page.replace(
            format_html('<img src="{}" alt="{}">', url, value),
            format_html('<img src="{}" alt="{}">', url, gettext(word)),
        )
    return page


def persian_error_digits(page: str) -> str:
    """Persian digits in the text of every error list (Django's `<ul class="errorlist">`): «حداکثر
    ۲۰۰۰ کاراکتر باشد (طولش ۲۵۰۰ است)». Tags, attributes (the list's id), character references and
    what is inside <code> or <bdi dir="ltr"> keep theirs; inputs are outside the lists."""

    def text(match: re.Match[str]) -> str:
        kept, parts = 0, []
        for part in TAG_OR_ENTITY.split(match.group(2)):
            if KEEPS_LATIN.match(part):
                kept += 1
            elif kept and ENDS_LATIN.match(part):
                kept -= 1
            elif not part.startswith(("<", "&")) and not kept:
                part = to_persian_digits(part)
            parts.append(part)
        return match.group(1) + "".join(parts) + match.group(3)

    return ERROR_LIST.sub(text, page)


# The error pages (settings' handlers in panjereh/urls.py): under /admin/ the back office's own, in the
# admin's layout; elsewhere the portal's or the API's, as core.views draws them.


def in_back_office(request: HttpRequest) -> bool:
    return request.path.startswith(reverse("admin:index"))


def back_office_error(status: int) -> HttpResponse:
    """Drawn without the request: no context processor runs, so a page for a failure asks nothing
    of the database or the session."""
    _code, message = STATUS_ERRORS[status]
    site = admin.site
    context = {"site_header": site.site_header, "site_title": site.site_title, "index_title": site.index_title,
               "title": message, "status": status}  # fmt: skip
    return HttpResponse(render_to_string("admin/error.html", context), status=status)


def bad_request(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    return back_office_error(400) if in_back_office(request) else core_views.bad_request(request, exception)


def permission_denied(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    return back_office_error(403) if in_back_office(request) else core_views.permission_denied(request, exception)


def page_not_found(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    return back_office_error(404) if in_back_office(request) else core_views.page_not_found(request, exception)


def server_error(request: HttpRequest) -> HttpResponse:
    # The database not answering is a 503 with its plain page, wherever it happens (core.outage).
    if in_back_office(request) and not database_outage(sys.exc_info()[1]):
        return back_office_error(500)
    return core_views.server_error(request)
