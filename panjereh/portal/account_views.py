"""Login with national code, mobile and a one-time code; the person's own account page; logout.
Thin: the work is in panjereh.accounts (otp, sessions, selectors)."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from panjereh.accounts.api import client_ip
from panjereh.accounts.devices import COOKIE as DEVICE_COOKIE
from panjereh.accounts.devices import device_cookie_set
from panjereh.accounts.otp import PROOF_REQUIRED, otp_request, otp_verify
from panjereh.accounts.selectors import challenge_timing, citizen_of, citizen_profile
from panjereh.accounts.sessions import session_login, session_logout
from panjereh.applications.selectors import documents_of
from panjereh.core.errors import DomainError, http_status
from panjereh.portal.forms import CodeForm, LoginForm

PENDING = "pending_login"  # in the (anonymous) session between the two steps


@require_http_methods(["GET", "POST"])
def login_start(request: HttpRequest) -> HttpResponse:
    form = LoginForm(request.POST or None)
    next_url = _safe_next(request, request.POST.get("next") or request.GET.get("next"))
    proof_needed = False
    if request.method == "POST" and form.is_valid():
        try:
            challenge = otp_request(
                national_code=form.cleaned_data["national_code"], mobile=form.cleaned_data["mobile"],
                ip=client_ip(request), proof=form.cleaned_data["altcha"] or None,
                device=request.COOKIES.get(DEVICE_COOKIE),
            )  # fmt: skip
        except DomainError as error:
            proof_needed = error.code == PROOF_REQUIRED
            form.add_error(error.field if error.field in ("national_code", "mobile") else None, error.message)
        else:
            request.session[PENDING] = {
                "challenge": str(challenge.pk), "national_code": challenge.national_code,
                "mobile": challenge.mobile, "next": next_url,
            }  # fmt: skip
            return redirect("portal:login_code")
    status = 200 if not form.errors else 400
    context = {"form": form, "next": next_url, "proof_needed": proof_needed}
    return render(request, "portal/login.html", context, status=status)


@require_http_methods(["GET", "POST"])
def login_code(request: HttpRequest) -> HttpResponse:
    pending = request.session.get(PENDING)
    if not isinstance(pending, dict):
        return redirect("portal:login")
    form = CodeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            citizen = otp_verify(challenge_id=pending["challenge"], code=form.cleaned_data["code"])
        except DomainError as error:
            form.add_error("code", error.message)
        else:
            request.session.pop(PENDING, None)
            session_login(request, citizen.user)
            response = HttpResponseRedirect(pending.get("next") or reverse("portal:my_account"))
            device_cookie_set(response, citizen.national_code)  # its next codes are its own to ask for
            return response
    return render(
        request, "portal/login_code.html", _code_context(request, pending, form), status=400 if form.errors else 200
    )


@require_POST
def login_resend(request: HttpRequest) -> HttpResponse:
    pending = request.session.get(PENDING)
    if not isinstance(pending, dict):
        return redirect("portal:login")
    form = CodeForm()
    try:
        challenge = otp_request(
            national_code=pending["national_code"], mobile=pending["mobile"], ip=client_ip(request),
            proof=request.POST.get("altcha") or None, device=request.COOKIES.get(DEVICE_COOKIE),
        )  # fmt: skip
    except DomainError as error:
        context = {**_code_context(request, pending, form), "resend_error": error.message,
                   "proof_needed": error.code == PROOF_REQUIRED}  # fmt: skip
        return render(request, "portal/login_code.html", context, status=http_status(error))
    request.session[PENDING] = {**pending, "challenge": str(challenge.pk)}
    return render(
        request, "portal/login_code.html", _code_context(request, request.session[PENDING], form, resent=True)
    )


@require_GET
def my_account(request: HttpRequest) -> HttpResponse:
    citizen = citizen_of(request.user)
    if citizen is None:
        return render(request, "portal/login_needed.html", {"next": request.get_full_path()}, status=401)
    context = {"me": citizen_profile(citizen), "citizen": citizen, "documents": documents_of(citizen)[:50]}
    return render(request, "portal/my_account.html", context)


@require_POST
def log_out(request: HttpRequest) -> HttpResponse:
    session_logout(request)
    return redirect("portal:home")


def _code_context(
    request: HttpRequest, pending: dict[str, str], form: CodeForm, resent: bool = False
) -> dict[str, object]:
    expires_in, resend_in = challenge_timing(pending["challenge"])
    return {
        "form": form,
        "mobile": pending["mobile"],
        "expires_in": expires_in,
        "resend_in": resend_in,
        "resent": resent,
    }


def _safe_next(request: HttpRequest, candidate: str | None) -> str:
    if candidate and url_has_allowed_host_and_scheme(candidate, {request.get_host()}, request.is_secure()):
        return candidate
    return ""
