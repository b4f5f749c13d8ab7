"""Single sign-on driven by a relying party nobody here wrote: Authlib's OAuth 2.0 client (httpx) with
PKCE, and joserfc checking the ID token against the published JWKS, over real HTTP to the provider.
The person's side (logging in and answering the consent screen) is a browser session on the same
database."""

from __future__ import annotations

import secrets
from typing import Any
from urllib.parse import parse_qs, urlsplit

import httpx
import pytest
from authlib.integrations.httpx_client import OAuth2Client
from django.test import Client
from joserfc import jwt
from joserfc.jwk import KeySet
from joserfc.jwt import JWTClaimsRegistry

from panjereh.accounts.models import Citizen
from panjereh.accounts.tests.conftest import SSO_REDIRECT

pytestmark = pytest.mark.django_db(transaction=True)
SCOPE = "openid profile national_code"


def relying_party(window: dict[str, str]) -> OAuth2Client:
    return OAuth2Client(window["client_id"], window["secret"], scope=SCOPE, redirect_uri=SSO_REDIRECT,
                        code_challenge_method="S256", token_endpoint_auth_method="client_secret_basic")  # fmt: skip


def answered_by_the_person(browser: Client, authorization_url: str) -> str:
    """The consent screen, answered «اجازه می‌دهم»; the URL the browser is sent back to."""
    parts = urlsplit(authorization_url)
    page = browser.get(f"{parts.path}?{parts.query}")
    assert page.status_code == 200, page.content.decode()[:500]
    form = {name: value for name, value in page.context["form"].initial.items() if value is not None}
    back = browser.post(parts.path, {**form, "allow": "Authorize"})
    assert back.status_code == 302
    return str(back["Location"])


def test_an_outside_relying_party_logs_a_citizen_in(live_server: Any, window: dict[str, str], citizen: Citizen) -> None:
    provider = f"{live_server.url}/o"
    metadata = httpx.get(f"{provider}/.well-known/openid-configuration", timeout=10).json()
    assert metadata["revocation_endpoint"].endswith("/o/revoke_token/")
    browser = Client()
    browser.force_login(citizen.user)
    client = relying_party(window)
    verifier, nonce = secrets.token_urlsafe(48), secrets.token_urlsafe(16)
    url, state = client.create_authorization_url(
        metadata["authorization_endpoint"], code_verifier=verifier, nonce=nonce
    )
    back = answered_by_the_person(browser, url)
    assert parse_qs(urlsplit(back).query)["state"] == [state]

    token = client.fetch_token(metadata["token_endpoint"], authorization_response=back, code_verifier=verifier)
    keys = KeySet.import_key_set(httpx.get(metadata["jwks_uri"], timeout=10).json())
    id_token = jwt.decode(token["id_token"], keys, algorithms=metadata["id_token_signing_alg_values_supported"])
    JWTClaimsRegistry(iss={"essential": True, "value": metadata["issuer"]},
                      aud={"essential": True, "value": window["client_id"]},
                      nonce={"essential": True, "value": nonce}).validate(id_token.claims)  # fmt: skip
    assert id_token.claims["national_code"] == citizen.national_code
    userinfo = client.get(metadata["userinfo_endpoint"]).json()
    assert userinfo["sub"] == id_token.claims["sub"] and userinfo["given_name"] == "مریم"

    revoked = client.revoke_token(metadata["revocation_endpoint"], token=token["access_token"])
    assert revoked.status_code == 200
    assert client.get(metadata["userinfo_endpoint"]).status_code == 401
    client.close()


def test_the_relying_party_hears_login_required_without_a_page(live_server: Any, window: dict[str, str]) -> None:
    client = relying_party(window)
    verifier = secrets.token_urlsafe(48)
    url, state = client.create_authorization_url(
        f"{live_server.url}/o/authorize/", code_verifier=verifier, prompt="none"
    )
    answer = httpx.get(url, timeout=10, follow_redirects=False)
    assert answer.status_code == 302
    query = parse_qs(urlsplit(answer.headers["Location"]).query)
    assert query["error"] == ["login_required"] and query["state"] == [state]
    assert query["iss"] == [f"{live_server.url}/o"]
    client.close()
