"""A demo agency window that logs people in with the national window (an OpenID Connect relying party).

It stands for an agency's own single window («پنجره خدمات سازمان ثبت اسناد و املاک کشور (نمونه)»)
and shows how one integrates: no Django, no database, only httpx and PyJWT against the provider's
published endpoints.

- ``GET /agency-window/``: a «ورود با پنجره ملی» link (or a Persian note that nothing is configured);
- ``GET /agency-window/login``: a fresh state, nonce and PKCE S256 verifier, kept server-side in this
  process under a random id in an HttpOnly cookie; redirects to the provider's authorization endpoint;
- ``GET /agency-window/callback``: the flow is used once; state must match (and RFC 9207 ``iss``, when
  sent); the code is exchanged at the token endpoint over HTTP (client_secret_basic, with the PKCE
  verifier); the ID token's RS256 signature is checked against the provider's JWKS, with iss, aud,
  exp, iat and the nonce; then «خوش آمدید، …» with the national code masked.

Configuration: ``SANDBOX_OIDC_ISSUER`` (e.g. ``http://127.0.0.1:8000/o``; discovery is read from
``{issuer}/.well-known/openid-configuration``), ``SANDBOX_OIDC_CLIENT_ID``, ``SANDBOX_OIDC_CLIENT_SECRET``
and optionally ``SANDBOX_OIDC_REDIRECT_URI`` (default: this request's host + /agency-window/callback).
"""

from __future__ import annotations

import base64
import datetime
import hashlib
import hmac
import html
import logging
import os
import secrets
import time
from collections import OrderedDict
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from http.cookies import CookieError, SimpleCookie
from typing import Any
from urllib.parse import urlencode

import httpx
import jwt

from panjereh.persian import format_date, to_persian_digits

logger = logging.getLogger(__name__)

PREFIX = "/agency-window"
COOKIE = "agency_window_flow"  # not Django's names: cookies are shared by every port of 127.0.0.1
FLOW_SECONDS = 600
MAX_FLOWS = 10_000
METADATA_SECONDS = 300
HTTP_TIMEOUT = httpx.Timeout(5.0)
LEEWAY_SECONDS = 30
SCOPES = "openid profile national_code"
TITLE = "پنجره خدمات سازمان ثبت اسناد و املاک کشور (نمونه)"
CSP = (
    "default-src 'none'; style-src 'self'; img-src 'self' data:; form-action 'self'; "
    "frame-ancestors 'none'; base-uri 'none'"
)

STYLE = b"""
body { font-family: Vazirmatn, Tahoma, sans-serif; margin: 0; background: #f6f7f9; color: #1f2937; line-height: 1.9; }
header { background: #0b4f6c; color: #fff; padding: 1rem 1.5rem; }
header p { margin: 0; font-weight: 700; }
main { max-width: 40rem; margin: 2rem auto; background: #fff; border-radius: .5rem; padding: 1.5rem 2rem;
       box-shadow: 0 1px 3px rgba(0,0,0,.1); }
h1 { font-size: 1.4rem; margin-top: 0; }
.button { display: inline-block; background: #0d6efd; color: #fff; padding: .6rem 1.4rem; border-radius: .4rem;
          text-decoration: none; font-weight: 700; }
.button:focus-visible, a:focus-visible { outline: 3px solid #f59e0b; outline-offset: 2px; }
.note { background: #fff7e6; border: 1px solid #f5c26b; padding: .75rem 1rem; border-radius: .4rem; }
.error { background: #fdecec; border: 1px solid #f1a3a3; padding: .75rem 1rem; border-radius: .4rem; }
dl.facts dt { font-weight: 700; }
dl.facts dd { margin: 0 0 .5rem; }
footer { text-align: center; color: #6b7280; font-size: .85rem; padding: 1rem; }
"""


class WindowError(Exception):
    """Why a login was refused: the HTTP status and a Persian sentence for the person."""

    def __init__(self, status: int, message: str, reason: str) -> None:
        super().__init__(reason)
        self.status = status
        self.message = message
        self.reason = reason


@dataclass(frozen=True)
class Flow:
    state: str
    nonce: str
    verifier: str
    redirect_uri: str
    started: float


@dataclass(frozen=True)
class Page:
    status: int
    html: str
    headers: tuple[tuple[str, str], ...] = ()


def pkce_challenge(verifier: str) -> str:
    return base64.urlsafe_b64encode(hashlib.sha256(verifier.encode("ascii")).digest()).rstrip(b"=").decode("ascii")


def mask_national_code(code: str) -> str:
    """The first three and last two digits, in Persian digits: ۰۰۱*****۷۹."""
    if len(code) != 10:
        return "*" * len(code)
    return to_persian_digits(code[:3]) + "*****" + to_persian_digits(code[-2:])


def birth_date_text(iso: str) -> str:
    """An ISO birthdate claim as a Jalali date in Persian digits (as given, in Persian digits, if not a date)."""
    try:
        return format_date(datetime.date.fromisoformat(iso))
    except ValueError:
        return to_persian_digits(iso)


def layout(title: str, body: str) -> str:
    return (
        '<!doctype html><html lang="fa" dir="rtl"><head><meta charset="utf-8">'
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        f'<title>{html.escape(title)} | {TITLE}</title><link rel="icon" href="data:,">'
        f'<link rel="stylesheet" href="{PREFIX}/style.css"></head><body>'
        f'<header><p>{TITLE}</p></header><main id="main">{body}</main>'
        "<footer>این پنجره نمونه‌ای برای نمایش ورود یکپارچه با پنجره ملی است و داده‌های آن ساختگی است.</footer>"
        "</body></html>"
    )


def _error_page(error: WindowError) -> Page:
    body = (
        '<h1>ورود انجام نشد</h1><p class="error" role="alert">'
        f"{html.escape(error.message)}</p>"
        f'<p><a href="{PREFIX}/">بازگشت و تلاش دوباره</a></p>'
    )
    return Page(error.status, layout("ورود انجام نشد", body))


class AgencyWindow:
    """The relying party; all state (flows in progress, cached provider metadata) lives in this object."""

    def __init__(
        self,
        *,
        issuer: str = "",
        client_id: str = "",
        client_secret: str = "",
        redirect_uri: str = "",
        transport: httpx.AsyncBaseTransport | None = None,
        clock: Callable[[], float] = time.time,
    ) -> None:
        self.issuer = issuer.rstrip("/")
        self.client_id = client_id
        self.client_secret = client_secret
        self.redirect_uri = redirect_uri
        self.transport = transport  # tests hand in a fake provider; None is real HTTP
        self.clock = clock
        self.flows: OrderedDict[str, Flow] = OrderedDict()
        self._metadata: tuple[float, dict[str, Any]] | None = None
        self._jwks: tuple[float, jwt.PyJWKSet] | None = None

    @classmethod
    def from_env(cls, environ: Mapping[str, str] = os.environ) -> AgencyWindow:
        return cls(
            issuer=environ.get("SANDBOX_OIDC_ISSUER", ""),
            client_id=environ.get("SANDBOX_OIDC_CLIENT_ID", ""),
            client_secret=environ.get("SANDBOX_OIDC_CLIENT_SECRET", ""),
            redirect_uri=environ.get("SANDBOX_OIDC_REDIRECT_URI", ""),
        )

    @property
    def configured(self) -> bool:
        return bool(self.issuer and self.client_id and self.client_secret)

    # -- pages ----------------------------------------------------------------------------

    def index(self) -> Page:
        if not self.configured:
            body = (
                "<h1>به پنجره خدمات سازمان ثبت اسناد خوش آمدید</h1>"
                '<p class="note" role="status">ورود با پنجره ملی برای این پنجره نمونه پیکربندی نشده است. '
                'متغیرهای محیطی <bdi dir="ltr">SANDBOX_OIDC_ISSUER</bdi>، '
                '<bdi dir="ltr">SANDBOX_OIDC_CLIENT_ID</bdi> و <bdi dir="ltr">SANDBOX_OIDC_CLIENT_SECRET</bdi> '
                'را تنظیم کنید؛ <bdi dir="ltr">panjereh demo</bdi> این کار را خودش انجام می‌دهد.</p>'
            )
            return Page(200, layout("ورود", body))
        body = (
            "<h1>به پنجره خدمات سازمان ثبت اسناد خوش آمدید</h1>"
            "<p>برای دیدن خدمات و پرونده‌های خود، با حساب پنجره ملی خدمات دولت وارد شوید. "
            "گذرواژه جداگانه‌ای لازم نیست.</p>"
            f'<p><a class="button" href="{PREFIX}/login">ورود با پنجره ملی</a></p>'
        )
        return Page(200, layout("ورود", body))

    async def login(self, host: str) -> Page:
        if not self.configured:
            return _error_page(WindowError(503, "ورود با پنجره ملی برای این پنجره پیکربندی نشده است.", "unconfigured"))
        try:
            metadata = await self._provider_metadata()
        except WindowError as error:
            return _error_page(error)
        now = self.clock()
        self._forget_old_flows(now)
        flow_id = secrets.token_urlsafe(32)
        flow = Flow(
            state=secrets.token_urlsafe(32),
            nonce=secrets.token_urlsafe(32),
            verifier=secrets.token_urlsafe(64),
            redirect_uri=self.redirect_uri or f"http://{host}{PREFIX}/callback",
            started=now,
        )
        self.flows[flow_id] = flow
        query = urlencode(
            {
                "response_type": "code",
                "client_id": self.client_id,
                "redirect_uri": flow.redirect_uri,
                "scope": SCOPES,
                "state": flow.state,
                "nonce": flow.nonce,
                "code_challenge": pkce_challenge(flow.verifier),
                "code_challenge_method": "S256",
            }
        )
        cookie = f"{COOKIE}={flow_id}; Path={PREFIX}/; HttpOnly; SameSite=Lax; Max-Age={FLOW_SECONDS}"
        location = f"{metadata['authorization_endpoint']}?{query}"
        return Page(302, "", (("location", location), ("set-cookie", cookie)))

    async def callback(self, query: Mapping[str, str], cookies: Mapping[str, str]) -> Page:
        clear = ("set-cookie", f"{COOKIE}=; Path={PREFIX}/; HttpOnly; SameSite=Lax; Max-Age=0")
        try:
            claims = await self._finish(query, cookies)
        except WindowError as error:
            logger.info("agency window: login refused: %s", error.reason)
            page = _error_page(error)
            return Page(page.status, page.html, (clear,))
        given = html.escape(str(claims.get("given_name", "")))
        family = html.escape(str(claims.get("family_name", "")))
        facts = ""
        if claims.get("national_code"):
            masked = html.escape(mask_national_code(str(claims["national_code"])))
            facts += f'<dt>کد ملی</dt><dd><bdi dir="ltr" class="national-code">{masked}</bdi></dd>'
        if claims.get("birthdate"):
            facts += f"<dt>تاریخ تولد</dt><dd>{html.escape(birth_date_text(str(claims['birthdate'])))}</dd>"
        body = (
            f'<h1 class="greeting">خوش آمدید، {given} {family}</h1>'
            "<p>با حساب پنجره ملی وارد شدید. این اطلاعات را پنجره ملی با اجازه شما فرستاده است:</p>"
            f'<dl class="facts">{facts}</dl>'
            f'<p><a href="{PREFIX}/">بازگشت به صفحه نخست</a></p>'
        )
        return Page(200, layout("خوش آمدید", body), (clear,))

    # -- the flow ---------------------------------------------------------------------------

    async def _finish(self, query: Mapping[str, str], cookies: Mapping[str, str]) -> dict[str, Any]:
        if not self.configured:
            raise WindowError(503, "ورود با پنجره ملی برای این پنجره پیکربندی نشده است.", "unconfigured")
        flow = self.flows.pop(cookies.get(COOKIE, ""), None)  # a flow is used once, whatever happens
        if flow is None or self.clock() - flow.started > FLOW_SECONDS:
            raise WindowError(400, "زمان ورود گذشته یا این درخواست از این مرورگر آغاز نشده است؛ دوباره وارد شوید.",
                              "no flow")  # fmt: skip
        if not hmac.compare_digest(query.get("state", ""), flow.state):
            raise WindowError(400, "پاسخ پنجره ملی با درخواست ورود این مرورگر نمی‌خواند (state)؛ دوباره وارد شوید.",
                              "state mismatch")  # fmt: skip
        if "iss" in query and query["iss"] != self.issuer:  # RFC 9207: the answer came from our provider
            raise WindowError(400, "پاسخ از صادرکننده دیگری آمده است.", "iss mismatch")
        if query.get("error"):
            if query["error"] == "access_denied":
                raise WindowError(403, "شما اجازه ورود ندادید؛ هر زمان خواستید دوباره تلاش کنید.", "access denied")
            raise WindowError(400, "پنجره ملی درخواست ورود را نپذیرفت.", f"provider error {query['error']}")
        code = query.get("code", "")
        if not code:
            raise WindowError(400, "پاسخ پنجره ملی کد ورود نداشت.", "no code")
        metadata = await self._provider_metadata()
        tokens = await self._exchange(metadata["token_endpoint"], code, flow)
        return await self._verify_id_token(tokens.get("id_token"), flow)

    async def _exchange(self, token_endpoint: str, code: str, flow: Flow) -> dict[str, Any]:
        data = {
            "grant_type": "authorization_code",
            "code": code,
            "redirect_uri": flow.redirect_uri,
            "code_verifier": flow.verifier,
        }
        try:
            async with self._client() as client:
                response = await client.post(token_endpoint, data=data, auth=(self.client_id, self.client_secret))
        except httpx.HTTPError as exc:
            raise WindowError(502, "پنجره ملی در دسترس نیست؛ کمی بعد دوباره تلاش کنید.", f"token: {exc!r}") from exc
        if response.status_code != 200:
            raise WindowError(
                502, "پنجره ملی کد ورود را نپذیرفت؛ دوباره وارد شوید.", f"token {response.status_code}: {response.text}"
            )
        try:
            tokens = response.json()
        except ValueError as exc:
            raise WindowError(502, "پاسخ پنجره ملی خوانا نبود.", "token: not JSON") from exc
        if not isinstance(tokens, dict):
            raise WindowError(502, "پاسخ پنجره ملی خوانا نبود.", "token: not an object")
        return tokens

    async def _verify_id_token(self, id_token: object, flow: Flow) -> dict[str, Any]:
        refused = "شناسه ورودی که پنجره ملی فرستاد معتبر نبود؛ ورود انجام نشد."
        if not isinstance(id_token, str) or not id_token:
            raise WindowError(502, refused, "no id_token")
        try:
            header = jwt.get_unverified_header(id_token)
            if header.get("alg") != "RS256":
                raise WindowError(502, refused, f"alg {header.get('alg')!r}")
            key = await self._signing_key(str(header.get("kid", "")))
            claims: dict[str, Any] = jwt.decode(
                id_token,
                key.key,
                algorithms=["RS256"],
                audience=self.client_id,
                issuer=self.issuer,
                leeway=LEEWAY_SECONDS,
                options={"require": ["iss", "aud", "exp", "iat", "sub", "nonce"]},
            )
        except jwt.PyJWTError as exc:
            raise WindowError(502, refused, f"id_token: {exc}") from exc
        if not hmac.compare_digest(str(claims["nonce"]), flow.nonce):
            raise WindowError(502, refused, "nonce mismatch")
        return claims

    # -- the provider's metadata -------------------------------------------------------------

    def _client(self) -> httpx.AsyncClient:
        return httpx.AsyncClient(transport=self.transport, timeout=HTTP_TIMEOUT, follow_redirects=False)

    async def _get_json(self, url: str) -> dict[str, Any]:
        try:
            async with self._client() as client:
                response = await client.get(url)
            response.raise_for_status()
            value = response.json()
        except (httpx.HTTPError, ValueError) as exc:
            raise WindowError(502, "پنجره ملی در دسترس نیست؛ کمی بعد دوباره تلاش کنید.", f"{url}: {exc!r}") from exc
        if not isinstance(value, dict):
            raise WindowError(502, "پاسخ پنجره ملی خوانا نبود.", f"{url}: not an object")
        return value

    async def _provider_metadata(self) -> dict[str, Any]:
        now = self.clock()
        if self._metadata is not None and now - self._metadata[0] < METADATA_SECONDS:
            return self._metadata[1]
        metadata = await self._get_json(f"{self.issuer}/.well-known/openid-configuration")
        if metadata.get("issuer") != self.issuer:
            raise WindowError(502, "پیکربندی پنجره ملی با نشانی تنظیم‌شده نمی‌خواند.", "discovery issuer mismatch")
        for name in ("authorization_endpoint", "token_endpoint", "jwks_uri"):
            if not isinstance(metadata.get(name), str):
                raise WindowError(502, "پیکربندی پنجره ملی کامل نیست.", f"discovery without {name}")
        self._metadata = (now, metadata)
        return metadata

    async def _signing_key(self, kid: str) -> jwt.PyJWK:
        """The provider's key `kid`; the key set is fetched again once when the kid is new (rotation)."""
        for fresh in (False, True):
            now = self.clock()
            if fresh or self._jwks is None or now - self._jwks[0] >= METADATA_SECONDS:
                metadata = await self._provider_metadata()
                document = await self._get_json(metadata["jwks_uri"])
                try:
                    self._jwks = (now, jwt.PyJWKSet.from_dict(document))
                except jwt.PyJWTError as exc:
                    raise WindowError(502, "کلیدهای پنجره ملی خوانا نبود.", f"jwks: {exc}") from exc
            for key in self._jwks[1].keys:
                if key.key_id == kid:
                    return key
        raise jwt.InvalidTokenError(f"no key {kid!r} in the provider's JWKS")

    def _forget_old_flows(self, now: float) -> None:
        while self.flows:
            oldest = next(iter(self.flows.values()))
            if now - oldest.started <= FLOW_SECONDS and len(self.flows) < MAX_FLOWS:
                break
            self.flows.popitem(last=False)


def parse_cookies(header: bytes | None) -> dict[str, str]:
    if not header:
        return {}
    jar: SimpleCookie = SimpleCookie()
    try:
        jar.load(header.decode("latin-1"))
    except CookieError:
        return {}
    return {name: morsel.value for name, morsel in jar.items()}
