"""Agency windows log people in through the national window: OpenID Connect, code flow with PKCE."""

from __future__ import annotations

import base64
import hashlib
import json
import secrets
from typing import Any
from urllib.parse import parse_qs, urlencode, urlsplit

import jwt
import pytest
from django.core.management import call_command
from django.test import Client
from oauth2_provider.models import AccessToken, Application, RefreshToken

from panjereh.accounts.models import Citizen
from panjereh.accounts.oidc import consent_claims, pairwise_subject
from panjereh.accounts.services import (
    ClientRegistrationError,
    oidc_client_ensure,
    oidc_client_register,
)
from panjereh.accounts.tests.conftest import SSO_CODE, SSO_REDIRECT
from panjereh.agencies.services import agency_upsert

pytestmark = pytest.mark.django_db

ISSUER = "http://testserver/o"
REDIRECT, CODE = SSO_REDIRECT, SSO_CODE


def pkce() -> tuple[str, str]:
    verifier = secrets.token_urlsafe(48)
    challenge = base64.urlsafe_b64encode(hashlib.sha256(verifier.encode()).digest()).rstrip(b"=").decode()
    return verifier, challenge


def authorize_params(client_id: str, challenge: str | None, **extra: str) -> dict[str, str]:
    params = {
        "response_type": "code",
        "client_id": client_id,
        "redirect_uri": REDIRECT,
        "scope": "openid profile national_code",
        "state": "state-1",
        "nonce": "nonce-1",
    }
    if challenge is not None:
        params.update(code_challenge=challenge, code_challenge_method="S256")
    params.update(extra)
    return params


def consent(client: Client, params: dict[str, str], allow: bool = True) -> Any:
    """GET the consent screen, then POST its form back as the browser would."""
    page = client.get("/o/authorize/?" + urlencode(params))
    assert page.status_code == 200, page.content.decode()[:2000]
    form = {name: value for name, value in page.context["form"].initial.items() if value is not None}
    if allow:
        form["allow"] = "Authorize"
    return client.post("/o/authorize/", form)


def code_from(response: Any) -> str:
    assert response.status_code == 302
    location = urlsplit(response["Location"])
    assert f"{location.scheme}://{location.netloc}{location.path}" == REDIRECT
    query = parse_qs(location.query)
    assert query["state"] == ["state-1"]
    assert query["iss"] == [ISSUER]  # RFC 9207: the window can tell which provider answered
    return query["code"][0]


def exchange(client: Client, window: dict[str, str], code: str, verifier: str | None, **extra: str) -> Any:
    data = {"grant_type": "authorization_code", "code": code, "redirect_uri": REDIRECT}
    if verifier is not None:
        data["code_verifier"] = verifier
    data.update(extra)
    basic = base64.b64encode(f"{window['client_id']}:{window['secret']}".encode()).decode()
    return Client().post("/o/token/", data, HTTP_AUTHORIZATION=f"Basic {basic}")


def jwks(client: Client) -> jwt.PyJWKSet:
    return jwt.PyJWKSet.from_dict(client.get("/o/.well-known/jwks.json").json())


def test_discovery_describes_a_code_flow_provider_with_pkce_and_the_national_code_claim(client: Client) -> None:
    response = client.get("/o/.well-known/openid-configuration")
    assert response.status_code == 200
    document = response.json()
    assert document["issuer"] == ISSUER
    assert document["authorization_endpoint"] == f"{ISSUER}/authorize/"
    assert document["token_endpoint"] == f"{ISSUER}/token/"
    assert document["userinfo_endpoint"] == f"{ISSUER}/userinfo/"
    assert document["jwks_uri"] == f"{ISSUER}/.well-known/jwks.json"
    assert document["response_types_supported"] == ["code"]
    assert document["subject_types_supported"] == ["pairwise"]
    assert document["code_challenge_methods_supported"] == ["S256"]
    assert document["id_token_signing_alg_values_supported"][0] == "RS256"
    assert set(document["scopes_supported"]) == {"openid", "profile", "national_code"}
    assert {"sub", "given_name", "family_name", "birthdate", "gender", "national_code"} <= set(
        document["claims_supported"]
    )


def test_the_jwks_publishes_the_rsa_signing_key(client: Client) -> None:
    keys = client.get("/o/.well-known/jwks.json").json()["keys"]
    assert len(keys) == 1
    assert keys[0]["kty"] == "RSA" and keys[0]["alg"] == "RS256" and keys[0]["use"] == "sig"
    assert "d" not in keys[0]  # the public half only


def test_a_citizen_allows_a_window_and_it_gets_a_verifiable_id_token_with_their_claims(
    client: Client, window: dict[str, str], citizen: Citizen
) -> None:
    client.force_login(citizen.user)
    verifier, challenge = pkce()
    code = code_from(consent(client, authorize_params(window["client_id"], challenge)))

    response = exchange(client, window, code, verifier)
    assert response.status_code == 200, response.content
    tokens = response.json()
    assert tokens["token_type"] == "Bearer" and tokens["expires_in"] <= 300
    id_token = tokens["id_token"]
    header = jwt.get_unverified_header(id_token)
    assert header["alg"] == "RS256"
    key = jwks(client)[header["kid"]]
    claims = jwt.decode(id_token, key, algorithms=["RS256"], audience=window["client_id"], issuer=ISSUER)
    assert claims["nonce"] == "nonce-1"
    assert claims["given_name"] == "مریم" and claims["family_name"] == "احمدی"
    assert claims["birthdate"] == "1990-03-21" and claims["gender"] == "female"
    assert claims["national_code"] == CODE
    assert claims["sub"] != CODE and CODE not in claims["sub"]
    assert claims["sub"] == pairwise_subject(citizen.user.pk, "agency:sabt")
    # Five minutes: oauthlib reads the clock for `iat`, django-oauth-toolkit again for `exp`, and a second
    # may tick between the two reads.
    assert claims["exp"] - claims["iat"] in (300, 301)

    userinfo = Client().get("/o/userinfo/", HTTP_AUTHORIZATION=f"Bearer {tokens['access_token']}")
    assert userinfo.status_code == 200
    assert userinfo.json()["sub"] == claims["sub"] and userinfo.json()["national_code"] == CODE

    again = exchange(client, window, code, verifier)  # a code works once
    assert again.status_code == 400 and again.json()["error"] == "invalid_grant"


def test_a_code_exchanged_twice_revokes_what_its_first_exchange_gave(
    client: Client, window: dict[str, str], citizen: Citizen
) -> None:
    """RFC 6749 §4.1.2: a second exchange means the code was stolen; the tokens it gave, and those
    refreshed from them, stop working."""
    client.force_login(citizen.user)
    verifier, challenge = pkce()
    code = code_from(consent(client, authorize_params(window["client_id"], challenge)))
    first = exchange(client, window, code, verifier).json()
    basic = base64.b64encode(f"{window['client_id']}:{window['secret']}".encode()).decode()
    refreshed = Client().post("/o/token/", {"grant_type": "refresh_token", "refresh_token": first["refresh_token"]},
                              HTTP_AUTHORIZATION=f"Basic {basic}").json()  # fmt: skip
    rotated = Client().get("/o/userinfo/", HTTP_AUTHORIZATION=f"Bearer {refreshed['access_token']}")
    assert rotated.status_code == 200  # the pair refreshed from the code's works, for now
    other_verifier, other_challenge = pkce()  # another exchange, not from this code, must stay good
    other = exchange(client, window, code_from(consent(client, authorize_params(window["client_id"], other_challenge))),
                     other_verifier).json()  # fmt: skip

    again = exchange(client, window, code, verifier)
    assert again.status_code == 400 and again.json()["error"] == "invalid_grant"
    for token in (first["access_token"], refreshed["access_token"]):
        assert Client().get("/o/userinfo/", HTTP_AUTHORIZATION=f"Bearer {token}").status_code == 401
    stale = Client().post("/o/token/", {"grant_type": "refresh_token", "refresh_token": refreshed["refresh_token"]},
                          HTTP_AUTHORIZATION=f"Basic {basic}")  # fmt: skip
    assert stale.status_code == 400
    assert Client().get("/o/userinfo/", HTTP_AUTHORIZATION=f"Bearer {other['access_token']}").status_code == 200


def test_access_and_refresh_tokens_are_kept_only_as_their_hashes(
    client: Client, window: dict[str, str], citizen: Citizen
) -> None:
    """A copy of the database must not let anyone act as a window on a person's behalf."""
    client.force_login(citizen.user)
    verifier, challenge = pkce()
    code = code_from(consent(client, authorize_params(window["client_id"], challenge)))
    tokens = exchange(client, window, code, verifier).json()
    stored = AccessToken.objects.get()
    assert stored.token == "" and stored.token_checksum == hashlib.sha256(tokens["access_token"].encode()).hexdigest()
    assert RefreshToken.objects.get().token == ""
    userinfo = Client().get("/o/userinfo/", HTTP_AUTHORIZATION=f"Bearer {tokens['access_token']}")
    assert userinfo.status_code == 200  # found by its hash


def test_only_the_scopes_asked_for_are_answered(client: Client, window: dict[str, str], citizen: Citizen) -> None:
    client.force_login(citizen.user)
    verifier, challenge = pkce()
    params = authorize_params(window["client_id"], challenge, scope="openid profile")
    tokens = exchange(client, window, code_from(consent(client, params)), verifier).json()
    claims = jwt.decode(tokens["id_token"], options={"verify_signature": False})
    assert claims["given_name"] == "مریم"
    assert "national_code" not in claims


def test_a_user_who_is_not_a_citizen_gets_no_national_code(client: Client, window: dict[str, str]) -> None:
    from django.contrib.auth import get_user_model

    staff = get_user_model().objects.create_user(username="operator")
    client.force_login(staff)
    verifier, challenge = pkce()
    tokens = exchange(client, window, code_from(consent(client, authorize_params(window["client_id"], challenge))),
                      verifier).json()  # fmt: skip
    claims = jwt.decode(tokens["id_token"], options={"verify_signature": False})
    assert "national_code" not in claims and "given_name" not in claims
    assert claims["sub"] == pairwise_subject(staff.pk, "agency:sabt")


def test_the_consent_screen_names_the_window_and_lists_the_claims_in_persian(
    client: Client, window: dict[str, str], citizen: Citizen
) -> None:
    client.force_login(citizen.user)
    response = client.get("/o/authorize/?" + urlencode(authorize_params(window["client_id"], pkce()[1])))
    page = response.content.decode()
    assert 'dir="rtl"' in page and "csrfmiddlewaretoken" in page
    assert "پنجره خدمات ثبت" in page and "سازمان ثبت اسناد و املاک کشور" in page
    for label in ["نام و نام خانوادگی", "کد ملی", "تاریخ تولد"]:
        assert label in page
    assert "اجازه می‌دهم" in page and "اجازه نمی‌دهم" in page
    # the answer redirects to the window, so the page's CSP lets the form go there (and nowhere else)
    assert "form-action 'self' http://127.0.0.1:8100" in response["Content-Security-Policy"]
    assert consent_claims(["openid", "national_code"]) == ["شناسه کاربری ویژه این دستگاه (کد ملی شما نیست)", "کد ملی"]


def test_denying_sends_the_person_back_with_access_denied(
    client: Client, window: dict[str, str], citizen: Citizen
) -> None:
    client.force_login(citizen.user)
    response = consent(client, authorize_params(window["client_id"], pkce()[1]), allow=False)
    assert response.status_code == 302
    query = parse_qs(urlsplit(response["Location"]).query)
    assert query["error"] == ["access_denied"] and query["state"] == ["state-1"]


def test_an_authorization_request_without_pkce_is_refused(
    client: Client, window: dict[str, str], citizen: Citizen
) -> None:
    client.force_login(citizen.user)
    response = client.get("/o/authorize/?" + urlencode(authorize_params(window["client_id"], None)))
    assert response.status_code == 302
    query = parse_qs(urlsplit(response["Location"]).query)
    assert query["error"] == ["invalid_request"]
    assert "code" not in query


def test_a_plain_pkce_challenge_is_refused(client: Client, window: dict[str, str], citizen: Citizen) -> None:
    client.force_login(citizen.user)
    verifier, _ = pkce()
    params = authorize_params(window["client_id"], verifier, code_challenge_method="plain")
    response = client.get("/o/authorize/?" + urlencode(params))  # refused before the consent screen
    assert response.status_code == 302
    query = parse_qs(urlsplit(response["Location"]).query)
    assert query["error"] == ["invalid_request"] and "code" not in query


def test_a_wrong_code_verifier_is_refused(client: Client, window: dict[str, str], citizen: Citizen) -> None:
    client.force_login(citizen.user)
    _, challenge = pkce()
    code = code_from(consent(client, authorize_params(window["client_id"], challenge)))
    response = exchange(client, window, code, pkce()[0])
    assert response.status_code == 400 and response.json()["error"] == "invalid_grant"
    assert exchange(client, window, code, None).status_code == 400


def test_an_unregistered_redirect_uri_is_refused_on_the_providers_own_page(
    client: Client, window: dict[str, str], citizen: Citizen
) -> None:
    client.force_login(citizen.user)
    params = authorize_params(window["client_id"], pkce()[1], redirect_uri="https://evil.example/callback")
    response = client.get("/o/authorize/?" + urlencode(params))
    assert response.status_code == 400  # never redirected to the unregistered address
    assert "درخواست ورود پذیرفته نشد" in response.content.decode()


def test_a_wrong_client_secret_is_refused(client: Client, window: dict[str, str], citizen: Citizen) -> None:
    client.force_login(citizen.user)
    verifier, challenge = pkce()
    code = code_from(consent(client, authorize_params(window["client_id"], challenge)))
    response = exchange(client, {**window, "secret": "not-the-secret"}, code, verifier)
    assert response.status_code == 401 and response.json()["error"] == "invalid_client"
    assert exchange(client, window, code, verifier).status_code == 200  # the code was not spent by the failure


def test_a_person_who_is_not_logged_in_is_sent_to_the_login_page(
    client: Client, window: dict[str, str], settings: Any
) -> None:
    settings.LOGIN_URL = "/login-page/"  # main's portal:login is not in this branch yet
    query = urlencode(authorize_params(window["client_id"], pkce()[1]))
    response = client.get("/o/authorize/?" + query)
    assert response.status_code == 302
    location = urlsplit(response["Location"])
    assert location.path == "/login-page/"
    assert parse_qs(location.query)["next"] == ["/o/authorize/?" + query]


def test_the_secret_is_kept_hashed_and_windows_use_the_code_grant_only(window: dict[str, str]) -> None:
    application = Application.objects.get(client_id=window["client_id"])
    assert application.client_secret != window["secret"] and application.client_secret.startswith("pbkdf2_")
    assert application.authorization_grant_type == Application.GRANT_AUTHORIZATION_CODE
    assert application.client_type == Application.CLIENT_CONFIDENTIAL
    assert application.algorithm == Application.RS256_ALGORITHM
    assert application.agency_window.agency.code == "sabt"


@pytest.mark.parametrize(
    "uri", ["http://agency.example/callback", "ftp://127.0.0.1/x", "https://agency.example/cb#x", "callback", ""]
)
def test_redirect_uris_must_be_https_or_loopback_http(uri: str) -> None:
    agency = agency_upsert(code="sabt", name="سازمان ثبت اسناد و املاک کشور")
    with pytest.raises(ClientRegistrationError):
        oidc_client_register(agency=agency, name="پنجره", redirect_uris=[uri])
    assert not Application.objects.exists()


def test_ensuring_a_window_again_keeps_its_id_and_gives_a_fresh_secret(client: Client) -> None:
    agency = agency_upsert(code="sabt", name="سازمان ثبت اسناد و املاک کشور")
    first_id, first_secret = oidc_client_ensure(agency=agency, name="نمونه", redirect_uris=[REDIRECT])
    second_id, second_secret = oidc_client_ensure(agency=agency, name="نمونه", redirect_uris=[REDIRECT + "2"])
    assert first_id == second_id and first_secret != second_secret
    application = Application.objects.get(client_id=first_id)
    assert application.redirect_uris == REDIRECT + "2"
    from django.contrib.auth.hashers import check_password

    assert check_password(second_secret, application.client_secret)
    assert not check_password(first_secret, application.client_secret)


def test_the_command_registers_a_window_and_prints_its_secret_once(capsys: pytest.CaptureFixture[str]) -> None:
    agency_upsert(code="sabt", name="سازمان ثبت اسناد و املاک کشور")
    call_command("oidc", "register-client", "--agency", "sabt", "--name", "پنجره ثبت", "--redirect-uri", REDIRECT)
    out = capsys.readouterr().out
    lines = dict(line.split(": ", 1) for line in out.splitlines() if ": " in line)
    application = Application.objects.get(client_id=lines["client_id"])
    assert application.name == "پنجره ثبت" and application.redirect_uris == REDIRECT
    assert application.client_secret != lines["client_secret"]
    from django.contrib.auth.hashers import check_password

    assert check_password(lines["client_secret"], application.client_secret)


def test_the_command_refuses_an_unknown_agency() -> None:
    from django.core.management.base import CommandError

    with pytest.raises(CommandError, match="پیدا نشد"):
        call_command("oidc", "register-client", "--agency", "nope", "--name", "x", "--redirect-uri", REDIRECT)


def test_a_discovery_document_is_json(client: Client) -> None:
    assert json.loads(client.get("/o/.well-known/openid-configuration/").content)["issuer"] == ISSUER


def test_windows_of_one_agency_share_a_sub_and_other_clients_do_not(citizen: Citizen) -> None:
    from panjereh.accounts.oidc import subject_sector

    sabt = agency_upsert(code="sabt", name="سازمان ثبت اسناد و املاک کشور")
    first, _ = oidc_client_register(agency=sabt, name="یک", redirect_uris=[REDIRECT])
    second, _ = oidc_client_register(agency=sabt, name="دو", redirect_uris=[REDIRECT])
    other, _ = oidc_client_register(agency=agency_upsert(code="moi", name="وزارت کشور"), name="سه",
                                    redirect_uris=[REDIRECT])  # fmt: skip
    bare = Application.objects.create(
        name="بی‌دستگاه",
        client_type="confidential",
        authorization_grant_type="authorization-code",
        redirect_uris=REDIRECT,
    )
    sectors = [subject_sector(Application.objects.get(client_id=c)) for c in (first, second, other)]
    assert sectors == ["agency:sabt", "agency:sabt", "agency:moi"]
    assert subject_sector(bare) == f"client:{bare.client_id}"
    subjects = {pairwise_subject(citizen.user.pk, sector) for sector in [*sectors, subject_sector(bare)]}
    assert len(subjects) == 3
