"""Agency systems manage grants and keys through /api/v1/exchange/ with their signed tokens."""

from __future__ import annotations

from typing import Any

import pytest
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from cryptography.hazmat.primitives.serialization import Encoding, PublicFormat
from django.test import Client

from panjereh.agencies.services import agency_upsert
from panjereh.exchange import services
from panjereh.exchange.models import Grant
from panjereh.exchange.tests.conftest import SECRET, World


def as_system(client: Client, world: World, method: str, path: str, body: Any = None, **claims: Any) -> Any:
    token = world.token(**{"aud": "panjereh-exchange-api", **claims})
    call = getattr(client, method)
    return call(f"/api/v1/exchange{path}", body, content_type="application/json", HTTP_AUTHORIZATION=f"Bearer {token}")


@pytest.fixture
def provider_secret(world: World) -> str:
    secret = "the-judiciary-systems-own-secret-of-32-chars!"
    services.credential_add_shared_secret(system=world.provider_system, key_id="main", secret=secret)
    return secret


def test_a_consumer_requests_and_the_provider_approves_a_grant(
    client: Client, world: World, provider_secret: str
) -> None:
    world.consumer.grants.all().delete()
    asked = as_system(client, world, "post", "/grants", {"provider": "judiciary", "data_service": "criminal-record",
                                                          "purposes": ["employment"], "reason": "استخدام"})  # fmt: skip
    assert asked.status_code == 201, asked.content
    grant = asked.json()
    assert grant["status"] == "requested" and grant["purposes"] == ["employment"]
    assert world.call(headers=world.headers(**{"X-Purpose": "employment"})).status_code == 403  # not yet approved

    refused = as_system(client, world, "post", f"/grants/{grant['id']}/decision", {"approve": True})
    assert refused.status_code == 404  # the consumer cannot decide on its own request
    decided = as_system(client, world, "post", f"/grants/{grant['id']}/decision", {"approve": True},
                        iss="judiciary-system", key=provider_secret)  # fmt: skip
    assert decided.status_code == 200 and decided.json()["status"] == "approved"
    assert world.call(headers=world.headers(**{"X-Purpose": "employment"})).status_code == 200

    again = as_system(client, world, "post", f"/grants/{grant['id']}/decision", {"approve": False},
                      iss="judiciary-system", key=provider_secret)  # fmt: skip
    assert again.status_code == 409
    revoked = as_system(
        client, world, "post", f"/grants/{grant['id']}/revoke", iss="judiciary-system", key=provider_secret
    )
    assert revoked.json()["status"] == "revoked"
    assert world.call(headers=world.headers(**{"X-Purpose": "employment"})).status_code == 403


def test_grants_are_listed_only_to_the_agencies_they_concern(client: Client, world: World) -> None:
    mine = as_system(client, world, "get", "/grants").json()
    assert [g["data_service"] for g in mine] == ["criminal-record"]
    stranger_agency = agency_upsert(code="msy", name="وزارت ورزش")
    stranger = services.system_register(agency=stranger_agency, code="msy-system", name="سامانه ورزش")
    services.credential_add_shared_secret(system=stranger, key_id="main", secret=SECRET)
    assert as_system(client, world, "get", "/grants", iss="msy-system").json() == []
    grant_id = Grant.objects.get().pk
    assert as_system(client, world, "post", f"/grants/{grant_id}/revoke", iss="msy-system").status_code == 404


@pytest.mark.parametrize(
    ("body", "status", "field"),
    [
        ({"provider": "judiciary", "data_service": "nothing", "purposes": ["employment"]}, 404, "data_service"),
        ({"provider": "judiciary", "data_service": "criminal-record", "purposes": ["unknown"]}, 422, "purposes"),
        ({"provider": "judiciary", "data_service": "criminal-record", "purposes": []}, 422, "purposes"),
        ({"provider": "judiciary", "data_service": "criminal-record", "purposes": ["employment"], "x": 1}, 422, "x"),
    ],
)
def test_bad_grant_requests_get_clear_errors(
    client: Client, world: World, body: Any, status: int, field: str | None
) -> None:
    response = as_system(client, world, "post", "/grants", body)
    assert response.status_code == status
    if field:
        assert response.json()["error"]["field"] == field


def test_the_api_refuses_calls_without_a_valid_token(client: Client, world: World) -> None:
    assert client.get("/api/v1/exchange/grants").status_code == 401
    assert (
        as_system(client, world, "get", "/grants", key="wrong-secret-that-is-long-enough-to-be-used!").status_code
        == 401
    )
    token = world.token(aud="panjereh-exchange-api")
    first = client.get("/api/v1/exchange/grants", HTTP_AUTHORIZATION=f"Bearer {token}")
    replay = client.get("/api/v1/exchange/grants", HTTP_AUTHORIZATION=f"Bearer {token}")
    assert first.status_code == 200 and replay.status_code == 401


def test_a_system_rotates_its_key_without_downtime(client: Client, world: World) -> None:
    new_key = Ed25519PrivateKey.generate()
    pem = new_key.public_key().public_bytes(Encoding.PEM, PublicFormat.SubjectPublicKeyInfo).decode()
    added = as_system(client, world, "post", "/keys", {"key_id": "next", "public_key_pem": pem})
    assert added.status_code == 201 and added.json() == {"key_id": "next", "kind": "EdDSA", "active": True}
    assert world.call(headers=world.headers(world.token(key=new_key, alg="EdDSA", kid="next"))).status_code == 200
    for key_id in ("main", "ed"):
        revoked = as_system(client, world, "post", f"/keys/{key_id}/revoke", key=new_key, alg="EdDSA", kid="next")
        assert revoked.status_code == 200 and revoked.json()["active"] is False
    last = as_system(client, world, "post", "/keys/next/revoke", key=new_key, alg="EdDSA", kid="next")
    assert last.status_code == 409 and last.json()["error"]["code"] == "last_key"
    assert world.call().status_code == 401  # the old shared secret no longer works
    duplicate = as_system(client, world, "post", "/keys", {"key_id": "next", "public_key_pem": pem}, key=new_key,
                          alg="EdDSA", kid="next")  # fmt: skip
    assert duplicate.status_code == 409
    bad = as_system(client, world, "post", "/keys", {"key_id": "other", "public_key_pem": "not a key"}, key=new_key,
                    alg="EdDSA", kid="next")  # fmt: skip
    assert bad.status_code == 422 and bad.json()["error"]["field"] == "public_key_pem"


def test_a_token_is_good_for_one_place_only(client: Client, world: World) -> None:
    gateway_token = world.token()
    assert client.get("/api/v1/exchange/grants", HTTP_AUTHORIZATION=f"Bearer {gateway_token}").status_code == 401
    api_token = world.token(aud="panjereh-exchange-api")
    assert world.call(headers=world.headers(api_token)).status_code == 401
    assert world.call(headers=world.headers(world.token(aud="panjereh-exchange-gateway"))).status_code == 200
