"""The demo agency window logs people in with the national window, and refuses every bent answer.

The provider's side is a fake behind httpx.MockTransport (the real one is Django, which the sandbox
may not import); it checks what a real provider checks: the client's secret and the PKCE verifier.
The whole flow against the real provider runs in e2e/test_single_sign_on.py.
"""

from __future__ import annotations

import base64
import hashlib
import json
import time
from typing import Any
from urllib.parse import parse_qs, urlencode, urlsplit

import httpx
import jwt
import pytest
from cryptography.hazmat.primitives.asymmetric import rsa

from panjereh.sandbox.app import SandboxApp
from panjereh.sandbox.window import COOKIE, AgencyWindow

from .conftest import call

ISSUER = "http://provider.test/o"
CLIENT_ID = "window-client"
SECRET = "window-secret"
CODE = "the-code"


def make_key() -> rsa.RSAPrivateKey:
    return rsa.generate_private_key(public_exponent=65537, key_size=2048)


PROVIDER_KEY = make_key()
OTHER_KEY = make_key()


class FakeProvider:
    """Discovery, JWKS and a token endpoint; `claims` and `sign_with` bend the ID token it issues."""

    def __init__(self) -> None:
        self.challenge = ""
        self.nonce = ""
        self.token_calls = 0
        self.claims: dict[str, Any] = {}
        self.sign_with: Any = PROVIDER_KEY
        self.algorithm = "RS256"
        self.token_status = 200
        self.down = False

    def id_token(self) -> str:
        now = int(time.time())
        claims = {"iss": ISSUER, "aud": CLIENT_ID, "sub": "pairwise-sub", "iat": now, "exp": now + 300,
                  "nonce": self.nonce, "given_name": "مریم", "family_name": "احمدی", "national_code": "0012345679",
                  "birthdate": "1990-03-21"}  # fmt: skip
        claims.update(self.claims)
        claims = {key: value for key, value in claims.items() if value is not None}
        return jwt.encode(claims, self.sign_with, algorithm=self.algorithm, headers={"kid": "k1"})

    def __call__(self, request: httpx.Request) -> httpx.Response:
        if self.down:
            raise httpx.ConnectError("refused", request=request)
        path = request.url.path
        if path == "/o/.well-known/openid-configuration":
            return httpx.Response(200, json={"issuer": ISSUER, "authorization_endpoint": f"{ISSUER}/authorize/",
                                             "token_endpoint": f"{ISSUER}/token/",
                                             "jwks_uri": f"{ISSUER}/.well-known/jwks.json"})  # fmt: skip
        if path == "/o/.well-known/jwks.json":
            public = json.loads(jwt.algorithms.RSAAlgorithm.to_jwk(PROVIDER_KEY.public_key()))
            return httpx.Response(200, json={"keys": [{**public, "kid": "k1", "alg": "RS256", "use": "sig"}]})
        if path == "/o/token/" and request.method == "POST":
            self.token_calls += 1
            basic = base64.b64encode(f"{CLIENT_ID}:{SECRET}".encode()).decode()
            form = parse_qs(request.content.decode())
            verifier = form.get("code_verifier", [""])[0]
            digest = base64.urlsafe_b64encode(hashlib.sha256(verifier.encode()).digest()).rstrip(b"=").decode()
            if request.headers.get("authorization") != f"Basic {basic}":
                return httpx.Response(401, json={"error": "invalid_client"})
            if form.get("code") != [CODE] or digest != self.challenge or self.token_status != 200:
                return httpx.Response(self.token_status if self.token_status != 200 else 400,
                                      json={"error": "invalid_grant"})  # fmt: skip
            return httpx.Response(200, json={"access_token": "a", "token_type": "Bearer", "expires_in": 300,
                                             "id_token": self.id_token()})  # fmt: skip
        return httpx.Response(404)


@pytest.fixture
def provider() -> FakeProvider:
    return FakeProvider()


@pytest.fixture
def window_app(provider: FakeProvider, monkeypatch: pytest.MonkeyPatch) -> SandboxApp:
    monkeypatch.delenv("SANDBOX_FAULTS", raising=False)
    window = AgencyWindow(issuer=ISSUER, client_id=CLIENT_ID, client_secret=SECRET,
                          transport=httpx.MockTransport(provider))  # fmt: skip
    return SandboxApp(window=window)


def start_login(app: SandboxApp, provider: FakeProvider) -> tuple[dict[str, str], str]:
    """/agency-window/login: (the authorization request's parameters, the flow cookie)."""
    response = call(app, "GET", "/agency-window/login")
    assert response.status_code == 302
    location = urlsplit(response.headers["location"])
    assert f"{location.scheme}://{location.netloc}{location.path}" == f"{ISSUER}/authorize/"
    params = {key: values[0] for key, values in parse_qs(location.query).items()}
    provider.challenge, provider.nonce = params["code_challenge"], params["nonce"]
    cookie = response.headers["set-cookie"]
    assert cookie.startswith(f"{COOKIE}=") and "HttpOnly" in cookie and "SameSite=Lax" in cookie
    return params, cookie.split(";", 1)[0].split("=", 1)[1]


def come_back(app: SandboxApp, flow: str | None, **query: str) -> httpx.Response:
    headers = {"cookie": f"sessionid=django; {COOKIE}={flow}"} if flow else {}
    return call(app, "GET", "/agency-window/callback?" + urlencode(query), headers=headers)


def test_the_login_asks_for_a_code_with_pkce_s256_state_and_nonce(
    window_app: SandboxApp, provider: FakeProvider
) -> None:
    params, _ = start_login(window_app, provider)
    assert params["response_type"] == "code" and params["client_id"] == CLIENT_ID
    assert params["code_challenge_method"] == "S256" and len(params["code_challenge"]) == 43
    assert params["scope"] == "openid profile national_code"
    assert params["redirect_uri"] == "http://sandbox.test/agency-window/callback"
    assert len(params["state"]) >= 32 and len(params["nonce"]) >= 32 and params["state"] != params["nonce"]
    again, _ = start_login(window_app, provider)
    assert again["state"] != params["state"] and again["code_challenge"] != params["code_challenge"]


def test_a_person_comes_back_and_is_greeted_by_name_with_the_national_code_masked(
    window_app: SandboxApp, provider: FakeProvider
) -> None:
    params, flow = start_login(window_app, provider)
    response = come_back(window_app, flow, code=CODE, state=params["state"], iss=ISSUER)
    assert response.status_code == 200, response.text
    assert response.headers["content-type"] == "text/html; charset=utf-8"
    assert "script-src" not in response.headers["content-security-policy"]  # default-src 'none': no scripts
    page = response.text
    assert "خوش آمدید، مریم احمدی" in page
    assert '<bdi dir="ltr" class="national-code">۰۰۱*****۷۹</bdi>' in page
    assert "0012345679" not in page and "۰۰۱۲۳۴۵۶۷۹" not in page
    assert "۱۳۶۹/۰۱/۰۱" in page  # the birthdate, Jalali in Persian digits
    assert "<script" not in page and "style=" not in page
    assert f"{COOKIE}=;" in response.headers["set-cookie"]  # the flow cookie is cleared
    # the flow was used up: the same answer again is refused
    assert come_back(window_app, flow, code=CODE, state=params["state"]).status_code == 400


def test_a_state_that_does_not_match_is_refused_before_the_code_is_spent(
    window_app: SandboxApp, provider: FakeProvider
) -> None:
    _, flow = start_login(window_app, provider)
    response = come_back(window_app, flow, code=CODE, state="someone-elses-state")
    assert response.status_code == 400
    assert "state" in response.text and "خوش آمدید" not in response.text
    assert provider.token_calls == 0


def test_an_answer_without_this_browsers_flow_cookie_is_refused(window_app: SandboxApp, provider: FakeProvider) -> None:
    params, _ = start_login(window_app, provider)
    assert come_back(window_app, None, code=CODE, state=params["state"]).status_code == 400
    assert come_back(window_app, "forged", code=CODE, state=params["state"]).status_code == 400
    assert provider.token_calls == 0


def test_an_answer_from_another_issuer_is_refused(window_app: SandboxApp, provider: FakeProvider) -> None:
    params, flow = start_login(window_app, provider)
    response = come_back(window_app, flow, code=CODE, state=params["state"], iss="http://evil.test/o")
    assert response.status_code == 400 and provider.token_calls == 0


def test_a_person_who_says_no_is_told_so_in_persian(window_app: SandboxApp, provider: FakeProvider) -> None:
    params, flow = start_login(window_app, provider)
    response = come_back(window_app, flow, error="access_denied", state=params["state"])
    assert response.status_code == 403 and "شما اجازه ورود ندادید" in response.text


@pytest.mark.parametrize(
    ("bend", "why"),
    [
        ({"sign_with": OTHER_KEY}, "signed by another key"),
        ({"claims": {"aud": "another-window"}}, "for another window"),
        ({"claims": {"iss": "http://evil.test/o"}}, "from another issuer"),
        ({"claims": {"exp": int(time.time()) - 3600, "iat": int(time.time()) - 4000}}, "expired"),
        ({"claims": {"nonce": "replayed-nonce"}}, "another login's nonce"),
        ({"claims": {"nonce": None}}, "no nonce"),
        ({"sign_with": SECRET * 3, "algorithm": "HS256"}, "HMAC with a shared secret"),
    ],
)
def test_a_bad_id_token_is_refused(window_app: SandboxApp, provider: FakeProvider, bend: dict[str, Any],
                                   why: str) -> None:  # fmt: skip
    for name, value in bend.items():
        setattr(provider, name, value)
    params, flow = start_login(window_app, provider)
    response = come_back(window_app, flow, code=CODE, state=params["state"])
    assert response.status_code == 502, why
    assert "شناسه ورودی که پنجره ملی فرستاد معتبر نبود" in response.text, why
    assert "خوش آمدید،" not in response.text


def test_a_refused_code_or_an_unreachable_provider_is_a_persian_error(
    window_app: SandboxApp, provider: FakeProvider
) -> None:
    params, flow = start_login(window_app, provider)
    response = come_back(window_app, flow, code="wrong-code", state=params["state"])
    assert response.status_code == 502 and "کد ورود را نپذیرفت" in response.text
    params, flow = start_login(window_app, provider)
    provider.down = True
    response = come_back(window_app, flow, code=CODE, state=params["state"])
    assert response.status_code == 502 and "در دسترس نیست" in response.text


def test_without_configuration_the_window_says_so(monkeypatch: pytest.MonkeyPatch) -> None:
    for name in ("SANDBOX_OIDC_ISSUER", "SANDBOX_OIDC_CLIENT_ID", "SANDBOX_OIDC_CLIENT_SECRET"):
        monkeypatch.delenv(name, raising=False)
    app = SandboxApp()
    index = call(app, "GET", "/agency-window/")
    assert index.status_code == 200 and "پیکربندی نشده است" in index.text
    assert 'dir="rtl"' in index.text and "ورود با پنجره ملی</a>" not in index.text
    login = call(app, "GET", "/agency-window/login")
    assert login.status_code == 503 and "پیکربندی نشده است" in login.text
    assert call(app, "GET", "/agency-window/callback?code=x&state=y").status_code == 503


def test_the_window_reads_its_configuration_from_the_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SANDBOX_OIDC_ISSUER", ISSUER + "/")
    monkeypatch.setenv("SANDBOX_OIDC_CLIENT_ID", CLIENT_ID)
    monkeypatch.setenv("SANDBOX_OIDC_CLIENT_SECRET", SECRET)
    app = SandboxApp()
    assert app.window.issuer == ISSUER and app.window.configured
    index = call(app, "GET", "/agency-window/")
    assert '<a class="button" href="/agency-window/login">ورود با پنجره ملی</a>' in index.text
    style = call(app, "GET", "/agency-window/style.css")
    assert style.status_code == 200 and style.headers["content-type"].startswith("text/css")
