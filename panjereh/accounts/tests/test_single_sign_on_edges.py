"""What a relying party nobody here wrote (Authlib) found at the provider's edges: `prompt=none`
answered 500, loopback redirect URIs matched on any port, no RFC 9207 `iss` on errors, `max_age`
ignored, discovery silent on grants and revocation. Each is an attack or a client's request."""

from __future__ import annotations

import datetime
from typing import Any
from urllib.parse import parse_qs, urlencode, urlsplit

import pytest
from django.test import Client
from django.utils import timezone

from panjereh.accounts.models import Citizen
from panjereh.accounts.tests.test_single_sign_on import ISSUER, REDIRECT, authorize_params, consent, pkce

pytestmark = pytest.mark.django_db


def back_at_the_window(response: Any) -> dict[str, list[str]]:
    assert response.status_code == 302, response.content.decode()[:500]
    location = urlsplit(response["Location"])
    assert f"{location.scheme}://{location.netloc}{location.path}" == REDIRECT
    return parse_qs(location.query)


def test_prompt_none_without_a_login_answers_login_required(client: Client, window: dict[str, str]) -> None:
    response = client.get("/o/authorize/?" + urlencode(authorize_params(window["client_id"], pkce()[1], prompt="none")))
    query = back_at_the_window(response)
    assert query["error"] == ["login_required"] and query["state"] == ["state-1"] and query["iss"] == [ISSUER]


def test_prompt_none_with_a_login_answers_consent_required(
    client: Client, window: dict[str, str], citizen: Citizen
) -> None:
    client.force_login(citizen.user)
    response = client.get("/o/authorize/?" + urlencode(authorize_params(window["client_id"], pkce()[1], prompt="none")))
    assert back_at_the_window(response)["error"] == ["consent_required"]  # the person is asked every time


def test_prompt_none_for_an_unknown_client_shows_no_redirect(client: Client) -> None:
    response = client.get("/o/authorize/?" + urlencode(authorize_params("no-such-client", pkce()[1], prompt="none")))
    assert response.status_code == 400 and "Location" not in response


@pytest.mark.parametrize(
    "other", ["http://127.0.0.1:9999/agency-window/callback", "http://127.0.0.1/agency-window/callback"]
)
def test_a_loopback_redirect_uri_on_another_port_is_refused(
    client: Client, window: dict[str, str], citizen: Citizen, other: str
) -> None:
    client.force_login(citizen.user)
    params = authorize_params(window["client_id"], pkce()[1], redirect_uri=other)
    response = client.get("/o/authorize/?" + urlencode(params))
    assert response.status_code == 400 and "Location" not in response  # never sent to the unregistered port


def test_an_error_sent_back_carries_iss(client: Client, window: dict[str, str], citizen: Citizen) -> None:
    client.force_login(citizen.user)
    denied = back_at_the_window(consent(client, authorize_params(window["client_id"], pkce()[1]), allow=False))
    assert denied["error"] == ["access_denied"] and denied["iss"] == [ISSUER]
    plain = client.get("/o/authorize/?" + urlencode(authorize_params(
        window["client_id"], "x" * 43, code_challenge_method="plain")))  # fmt: skip
    refused = back_at_the_window(plain)  # refused before any consent screen
    assert refused["error"] == ["invalid_request"] and refused["iss"] == [ISSUER]


def test_max_age_sends_a_person_whose_login_is_older_back_to_log_in(
    client: Client, window: dict[str, str], citizen: Citizen
) -> None:
    client.force_login(citizen.user)
    type(citizen.user).objects.filter(pk=citizen.user.pk).update(
        last_login=timezone.now() - datetime.timedelta(minutes=10)
    )
    params = authorize_params(window["client_id"], pkce()[1])
    too_old = client.get("/o/authorize/?" + urlencode({**params, "max_age": "60"}))
    assert too_old.status_code == 302 and urlsplit(too_old["Location"]).path == "/login/"
    fresh = Client()
    fresh.force_login(citizen.user)  # a login just now
    assert fresh.get("/o/authorize/?" + urlencode({**params, "max_age": "60"})).status_code == 200


def test_discovery_names_the_grants_the_revocation_endpoint_and_the_id_token_algorithm(client: Client) -> None:
    meta = client.get("/o/.well-known/openid-configuration").json()
    assert meta["grant_types_supported"] == ["authorization_code", "refresh_token"]
    assert meta["revocation_endpoint"] == "http://testserver/o/revoke_token/"
    assert meta["id_token_signing_alg_values_supported"] == ["RS256"]
    assert meta["authorization_response_iss_parameter_supported"] is True
