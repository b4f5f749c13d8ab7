"""/api/v1/auth/…: the one-time-code login; /api/v1/me…: the logged-in person's own account and
the trail of who accessed their data. Sessions (cookie) or bearer tokens, see sessions.py."""

from __future__ import annotations

import datetime
from typing import Any, Literal

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from ninja import Field, Query, Router, Schema, Status
from ninja.security import HttpBearer, SessionAuth

from panjereh.accounts.devices import COOKIE as DEVICE_COOKIE
from panjereh.accounts.devices import device_cookie_set
from panjereh.accounts.otp import otp_request, otp_verify
from panjereh.accounts.proof_of_work import challenge_new
from panjereh.accounts.selectors import citizen_of, citizen_profile
from panjereh.accounts.sessions import api_token_issue, api_token_revoke, api_token_user, session_login, session_logout
from panjereh.core.errors import NotAllowed
from panjereh.exchange.selectors import data_access_page
from panjereh.persian import format_datetime


class BearerToken(HttpBearer):
    def authenticate(self, request: HttpRequest, token: str) -> Any:
        return api_token_user(token)


class LoggedInSession(SessionAuth):
    """Django's session, with ninja's CSRF check, tried only when there is a logged-in session: a
    request with none (no cookie, a revoked bearer) is 401 `not_authenticated`, not a CSRF 403."""

    def __call__(self, request: HttpRequest) -> Any:
        if not request.user.is_authenticated:
            return None
        return super().__call__(request)


# The bearer token first: a request that carries one is not a browser riding on a cookie, so it needs no
# CSRF token; a session does.
SESSION_OR_TOKEN = [BearerToken(), LoggedInSession()]
auth_router = Router(tags=["auth"])


class OtpIn(Schema):
    national_code: str = Field(..., max_length=64, description="ten digits, in any digit script")
    mobile: str = Field(..., max_length=64, description="09…, +98…, in any digit script")
    altcha: str | None = Field(
        None, max_length=4096,
        description="a solved challenge of GET /api/v1/auth/challenge (base64 ALTCHA payload); needed only "
        "after a 429 proof_of_work_required, when the address has used its free allowance",
    )  # fmt: skip


class ChallengeOut(Schema):
    challenge_id: str
    expires_in: int = Field(description="seconds the code stays valid")


class VerifyIn(Schema):
    challenge_id: str = Field(..., max_length=64)
    code: str = Field(..., max_length=32)
    token: bool = Field(False, description="true: answer with a bearer token instead of a session cookie")


class MeOut(Schema):
    national_code: str
    first_name: str
    last_name: str
    father_name: str
    birth_date: datetime.date | None
    birth_date_jalali: str | None
    gender: Literal["male", "female", ""]
    mobile: str = Field(description="masked, e.g. 0912***5679")
    identity_from_registry: bool


class LoginOut(Schema):
    me: MeOut
    access_token: str | None = None
    token_type: str | None = None
    expires_in: int | None = None


@auth_router.post("/otp", response={202: ChallengeOut}, summary="Send a one-time code to the person's mobile")
def send_code(request: HttpRequest, payload: OtpIn) -> Status[dict[str, object]]:
    challenge = otp_request(national_code=payload.national_code, mobile=payload.mobile, ip=client_ip(request),
                            proof=payload.altcha, device=request.COOKIES.get(DEVICE_COOKIE))  # fmt: skip
    expires_in = int((challenge.expires_at - challenge.created_at).total_seconds())
    return Status(202, {"challenge_id": str(challenge.pk), "expires_in": expires_in})


@auth_router.get("/challenge", response=dict[str, Any], summary="A proof-of-work challenge (ALTCHA)")
def proof_of_work_challenge(request: HttpRequest, response: HttpResponse) -> dict[str, Any]:
    """What a browser solves when `POST /auth/otp` answered 429 `proof_of_work_required`; the ALTCHA
    widget fetches it, solves it and sends the payload as `altcha`."""
    response["Cache-Control"] = "no-store"  # each one is good for one try
    return challenge_new()


@auth_router.post("/otp/verify", response=LoginOut, summary="Log in with the code: a session, or a bearer token")
def verify_code(request: HttpRequest, payload: VerifyIn, response: HttpResponse) -> dict[str, object]:
    if not payload.token:
        _same_site_json(request)  # before the code is spent: a refused request changes nothing
    citizen = otp_verify(challenge_id=payload.challenge_id, code=payload.code)
    device_cookie_set(response, citizen.national_code)  # its next codes are its own to ask for
    if not payload.token:
        session_login(request, citizen.user)
        return {"me": citizen_profile(citizen)}
    token, expires = api_token_issue(citizen.user)
    return {"me": citizen_profile(citizen), "access_token": token, "token_type": "Bearer",
            "expires_in": int((expires - datetime.datetime.now(datetime.UTC)).total_seconds())}  # fmt: skip


@auth_router.post("/logout", response={204: None}, auth=SESSION_OR_TOKEN, summary="End the session or revoke the token")
def log_out(request: HttpRequest) -> Status[None]:
    authorization = request.headers.get("Authorization", "")
    if authorization.startswith("Bearer "):
        api_token_revoke(authorization[7:].strip())
    else:
        session_logout(request)
    return Status(204, None)


def _same_site_json(request: HttpRequest) -> None:
    """A login that sets the session cookie must come from this site's own pages (login CSRF): a JSON
    body, which another site can send only after a CORS preflight this API never grants, and no
    foreign Origin. Clients that are not browsers ask for a bearer token instead."""
    content_type = request.content_type or ""
    origin = request.headers.get("Origin")
    own = {request.build_absolute_uri("/").rstrip("/"), *settings.CSRF_TRUSTED_ORIGINS}
    if content_type != "application/json" or (origin is not None and origin not in own):
        raise NotAllowed("cross_site_login", "ورود با نشست فقط از صفحه‌های خود پنجره ملی پذیرفته است.")


def client_ip(request: HttpRequest) -> str | None:
    """The client's address (behind TRUSTED_PROXIES, taken from X-Forwarded-For by core.client_address)."""
    return request.META.get("REMOTE_ADDR") or None


me_router = Router(tags=["me"], auth=SESSION_OR_TOKEN)

PAGE_SIZE = 20


class NamedOut(Schema):
    code: str
    name: str


class AccessOut(Schema):
    audit_id: int
    at: datetime.datetime
    at_jalali: str
    consumer: NamedOut = Field(description="the agency that asked for the data")
    provider: NamedOut = Field(description="the agency whose data it was")
    data_service: NamedOut
    purpose: NamedOut
    application: str


class AccessPageOut(Schema):
    count: int
    page: int
    pages: int
    items: list[AccessOut]


class PageQuery(Schema):
    page: int = Field(1, ge=1, le=100_000)


@me_router.get("", response=MeOut, summary="Who I am: the identity the civil registry returned")
def me(request: HttpRequest) -> dict[str, object]:
    citizen = citizen_of(getattr(request, "auth", None))
    if citizen is None:
        raise NotAllowed("not_a_citizen", "این حساب به کد ملی یک شهروند متصل نیست.")
    return citizen_profile(citizen)


@me_router.get("/data-access", response=AccessPageOut, summary="Every access to my data")
def my_data_access(request: HttpRequest, params: Query[PageQuery]) -> dict[str, object]:
    citizen = citizen_of(getattr(request, "auth", None))
    if citizen is None:
        raise NotAllowed("not_a_citizen", "این حساب به کد ملی یک شهروند متصل نیست.")
    total, accesses = data_access_page(citizen.national_code, params.page, PAGE_SIZE)
    items = [{**access.__dict__, "at_jalali": format_datetime(access.at, persian_digits=False)} for access in accesses]
    return {"count": total, "page": params.page, "pages": max(1, -(-total // PAGE_SIZE)), "items": items}
