"""The exchange gateway, as an agency system meets it: every check, every refusal, every fault."""

from __future__ import annotations

import base64
import hashlib
import hmac
import json
import time
import uuid
from typing import Any

import pytest
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from cryptography.hazmat.primitives.serialization import Encoding, PublicFormat

from panjereh.exchange import services
from panjereh.exchange.audit.io import verify_database
from panjereh.exchange.models import AuditRecord, Purpose, SystemCredential
from panjereh.exchange.tests.conftest import SECRET, SUBJECT, World


def error_code(response: Any) -> str:
    return str(response.json()["error"]["code"])


def last_record() -> AuditRecord:
    record = AuditRecord.objects.order_by("-seq").first()
    assert record is not None
    return record


def test_an_allowed_call_is_answered_by_the_provider_and_audited(world: World) -> None:
    response = world.call()
    assert response.status_code == 200, response.text
    assert response.json() == {"national_code": SUBJECT, "has_record": False, "records": []}
    record = last_record()
    assert response.headers["X-Audit-Id"] == str(record.seq)
    assert response.headers["X-Content-Type-Options"] == "nosniff" and response.headers["Cache-Control"] == "no-store"
    assert response.headers["Referrer-Policy"] == "no-referrer"
    assert (record.consumer, record.consumer_agency, record.provider, record.data_service) == (
        "moi-portal",
        "moi",
        "judiciary",
        "criminal-record",
    )
    assert (record.purpose, record.subject, record.outcome, record.status) == (
        "criminal-record-certificate",
        SUBJECT,
        "ok",
        200,
    )
    assert record.response_hash == hashlib.sha256(response.content).hexdigest()
    sent = world.provider.script.calls[0]
    assert sent["headers"]["X-Subject"] == SUBJECT and sent["headers"]["X-Consumer-System"] == "moi-portal"
    assert verify_database().ok


def test_an_eddsa_token_is_accepted(world: World) -> None:
    token = world.token(key=world.ed_key, alg="EdDSA", kid="ed")
    assert world.call(headers=world.headers(token)).status_code == 200


def hs256_with(key: bytes, claims: dict[str, Any], header: dict[str, Any]) -> str:
    def part(data: dict[str, Any]) -> str:
        return base64.urlsafe_b64encode(json.dumps(data).encode()).rstrip(b"=").decode()

    signing_input = f"{part(header)}.{part(claims)}"
    signature = base64.urlsafe_b64encode(hmac.new(key, signing_input.encode(), hashlib.sha256).digest()).rstrip(b"=")
    return f"{signing_input}.{signature.decode()}"


def forged_tokens(world: World) -> dict[str, str]:
    now = int(time.time())
    claims = {"iss": "moi-portal", "iat": now, "jti": uuid.uuid4().hex}
    public_pem = world.ed_key.public_key().public_bytes(Encoding.PEM, PublicFormat.SubjectPublicKeyInfo)
    unsigned = base64.urlsafe_b64encode(b'{"alg":"none","typ":"JWT"}').rstrip(b"=").decode()
    body = base64.urlsafe_b64encode(json.dumps(claims).encode()).rstrip(b"=").decode()
    return {
        "alg none": f"{unsigned}.{body}.",
        "wrong secret": world.token(key="another-secret-that-is-long-enough-to-use!!"),
        "wrong ed25519 key": world.token(key=Ed25519PrivateKey.generate(), alg="EdDSA", kid="ed"),
        "switched algorithm (HMAC keyed with the public key)": hs256_with(
            public_pem, claims, {"alg": "HS256", "kid": "ed"}
        ),
        "stale iat": world.token(iat=now - 60),
        "future iat": world.token(iat=now + 60),
        "no jti": world.token(jti=None),
        "unknown iss": world.token(iss="someone-else"),
        "garbage": "not.a.token",
    }


FORGERIES = [
    "alg none",
    "wrong secret",
    "wrong ed25519 key",
    "switched algorithm (HMAC keyed with the public key)",
    "stale iat",
    "future iat",
    "no jti",
    "unknown iss",
    "garbage",
]


@pytest.mark.parametrize("forgery", FORGERIES)
def test_a_forged_token_is_refused_audited_and_never_reaches_the_provider(world: World, forgery: str) -> None:
    response = world.call(headers=world.headers(forged_tokens(world)[forgery]))
    assert response.status_code == 401 and error_code(response) == "invalid_token"
    assert world.provider.script.calls == []
    record = last_record()
    assert (record.outcome, record.status, record.consumer) == ("invalid_token", 401, "")
    assert response.headers["X-Audit-Id"] == str(record.seq)
    assert response.headers["Referrer-Policy"] == "no-referrer" and response.headers["Cache-Control"] == "no-store"


def test_a_missing_authorization_header_is_refused(world: World) -> None:
    headers = world.headers()
    del headers["Authorization"]
    assert world.call(headers=headers).status_code == 401


def test_a_reused_jti_is_refused(world: World) -> None:
    token = world.token()
    first, second = world.calls(
        [("POST", "/exchange/v1/judiciary/criminal-record", world.headers(token), None, None)] * 2
    )
    assert first.status_code == 200
    assert second.status_code == 401 and error_code(second) == "invalid_token"
    assert len(world.provider.script.calls) == 1


def test_a_revoked_key_and_a_deactivated_system_are_refused(world: World) -> None:
    services.credential_revoke(credential=SystemCredential.objects.get(key_id="main"))
    assert world.call().status_code == 401
    assert world.call(headers=world.headers(world.token(key=world.ed_key, alg="EdDSA", kid="ed"))).status_code == 200
    services.system_deactivate(system=world.consumer)
    assert world.call(headers=world.headers(world.token(key=world.ed_key, alg="EdDSA", kid="ed"))).status_code == 401


def test_without_a_grant_the_call_is_refused(world: World) -> None:
    grant = world.consumer.grants.get()
    services.grant_revoke(grant=grant, by="judiciary admin")
    response = world.call()
    assert response.status_code == 403 and error_code(response) == "no_grant"
    assert last_record().outcome == "no_grant" and world.provider.script.calls == []


def test_a_purpose_outside_the_grant_is_refused(world: World) -> None:
    response = world.call(headers=world.headers(**{"X-Purpose": "employment"}))  # the service allows it, the grant not
    assert response.status_code == 403 and error_code(response) == "purpose_not_allowed"
    response = world.call(headers=world.headers(**{"X-Purpose": "marketing"}))
    assert response.status_code == 403 and error_code(response) == "purpose_not_allowed"
    assert world.provider.script.calls == []


def test_a_missing_purpose_or_subject_is_a_422_naming_the_header(world: World) -> None:
    response = world.call(headers=world.headers(**{"X-Purpose": ""}))
    assert response.status_code == 422 and response.json()["error"]["field"] == "X-Purpose"
    response = world.call(headers=world.headers(**{"X-Subject": "1111111111"}))
    assert response.status_code == 422 and response.json()["error"]["field"] == "X-Subject"
    assert world.provider.script.calls == []


def test_consent_is_required_when_the_data_service_says_so(world: World) -> None:
    world.service.requires_consent = True
    world.service.save()
    services.data_service_publish(
        system=world.provider_system,
        code="criminal-record",
        title=world.service.title,
        endpoint=world.service.endpoint,
        purposes=world.service.purposes.all(),
        requires_consent=True,
    )
    response = world.call()
    assert response.status_code == 403 and error_code(response) == "no_consent"
    assert world.provider.script.calls == []
    services.consent_give(
        subject=SUBJECT,
        consumer_agency=world.consumer.agency,
        data_service=world.service,
        purpose=Purpose.objects.get(code="criminal-record-certificate"),
    )
    assert world.call().status_code == 200


@pytest.mark.parametrize(
    ("body", "content", "field"),
    [
        ({"national_code": "12"}, None, "national_code"),
        ({}, None, None),
        ({"national_code": SUBJECT, "extra": 1}, None, None),
        (None, b"{not json", None),
        (None, b"[1, 2, 3]", None),
    ],
)
def test_a_request_outside_the_schema_is_a_422(
    world: World, body: Any, content: bytes | None, field: str | None
) -> None:
    response = world.call(body, content=content)
    assert response.status_code == 422 and error_code(response) == "invalid_request"
    if field:
        assert response.json()["error"]["field"] == field
    assert world.provider.script.calls == [] and last_record().outcome == "invalid_request"


def test_a_body_over_one_megabyte_is_a_413(world: World) -> None:
    response = world.call(content=b'{"national_code": "' + b"1" * (1024 * 1024) + b'"}')
    assert response.status_code == 413 and error_code(response) == "payload_too_large"
    assert world.provider.script.calls == [] and last_record().outcome == "payload_too_large"


def test_an_address_or_headers_over_the_limits_are_414_and_431_and_audited(world: World) -> None:
    long_path = "/exchange/v1/judiciary/criminal-record?" + "q" * 9000
    response = world.call(path=long_path)
    assert response.status_code == 414 and error_code(response) == "uri_too_long"
    assert last_record().outcome == "uri_too_long"
    response = world.call(headers={**world.headers(), "X-Padding": "p" * 33000})
    assert response.status_code == 431 and error_code(response) == "headers_too_large"
    assert world.provider.script.calls == [] and last_record().outcome == "headers_too_large"


def test_an_unknown_data_service_and_a_wrong_method_are_refused_and_audited(world: World) -> None:
    assert world.call(path="/exchange/v1/judiciary/nothing-here").status_code == 404
    assert last_record().outcome == "not_found"
    assert world.call(method="GET").status_code == 405
    assert last_record().outcome == "method_not_allowed"


@pytest.mark.parametrize(
    ("mode", "status", "code"),
    [
        ("500", 502, "provider_error"),
        ("garbage", 502, "invalid_response"),
        ("bad-shape", 502, "invalid_response"),
        ("slow", 504, "provider_timeout"),
    ],
)
def test_provider_faults_get_their_exact_codes(world: World, mode: str, status: int, code: str) -> None:
    world.provider.reset(mode)
    response = world.call()
    assert response.status_code == status and error_code(response) == code
    assert last_record().outcome == code


def test_a_busy_provider_is_retried_once_for_an_idempotent_service(world: World) -> None:
    script = world.provider.reset("503", "ok")
    assert world.call().status_code == 200
    assert len(script.calls) == 2


def test_a_provider_that_closes_without_answering_is_asked_once_more_for_an_idempotent_service(world: World) -> None:
    script = world.provider.reset("drop", "ok")
    assert world.call().status_code == 200
    assert len(script.calls) == 2


def test_a_provider_that_closes_without_answering_twice_is_a_provider_error(world: World) -> None:
    script = world.provider.reset("drop")
    response = world.call()
    assert response.status_code == 502 and error_code(response) == "provider_error"
    assert len(script.calls) == 2
    assert last_record().outcome == "provider_error"


def republish(world: World, **fields: Any) -> None:
    services.data_service_publish(
        system=world.provider_system,
        code="criminal-record",
        title=world.service.title,
        endpoint=world.service.endpoint,
        purposes=world.service.purposes.all(),
        **fields,
    )


def test_a_service_that_is_not_idempotent_is_not_retried(world: World) -> None:
    services.data_service_publish(
        system=world.provider_system,
        code="criminal-record",
        title=world.service.title,
        endpoint=world.service.endpoint,
        purposes=world.service.purposes.all(),
        idempotent=False,
    )
    script = world.provider.reset("503", "ok")
    assert world.call().status_code == 502
    assert len(script.calls) == 1
    script = world.provider.reset("drop", "ok")  # it may have acted on the request before closing
    assert world.call().status_code == 502
    assert len(script.calls) == 1


def test_a_failing_provider_opens_its_breaker_and_others_are_not_slowed(world: World) -> None:
    from panjereh.agencies.services import agency_upsert

    police = agency_upsert(code="police", name="پلیس")
    police_system = services.system_register(
        agency=police, code="police-system", name="سامانه پلیس", base_url=world.provider.url
    )
    purpose = Purpose.objects.get(code="criminal-record-certificate")
    failing = services.data_service_publish(
        system=police_system, code="passport", title="گذرنامه", endpoint="/police/passport", purposes=[purpose]
    )
    grant = services.grant_request(consumer=world.consumer, data_service=failing, purposes=[purpose])
    services.grant_decide(grant=grant, approve=True, by="police admin")
    script = world.provider.reset("ok", by_path={"/police/passport": "500"})

    requests = [("POST", "/exchange/v1/police/passport", world.headers(), None, None) for _ in range(7)]
    requests.append(("POST", "/exchange/v1/judiciary/criminal-record", world.headers(), None, None))
    answers = world.calls(requests)

    assert [error_code(a) for a in answers[:5]] == ["provider_error"] * 5
    assert [error_code(a) for a in answers[5:7]] == ["provider_unavailable"] * 2  # failing fast, breaker open
    assert sum(call["path"] == "/police/passport" for call in script.calls) == 5  # the provider got no more
    assert answers[7].status_code == 200  # the other provider still answers
    assert AuditRecord.objects.filter(provider="police").count() == 7


def test_a_provider_nobody_listens_for_is_unavailable(world: World) -> None:
    services.system_register(
        agency=world.provider_system.agency,
        code="judiciary-system",
        name="سامانه قوه قضاییه",
        base_url="http://127.0.0.1:9",
    )  # fmt: skip  (nothing listens on port 9)
    response = world.call()
    assert response.status_code == 502 and error_code(response) == "provider_unavailable"


def test_every_call_answered_or_refused_is_in_a_chain_that_verifies(world: World) -> None:
    world.call()
    world.call(headers=world.headers("forged"))
    world.call(headers=world.headers(**{"X-Purpose": "marketing"}))
    assert AuditRecord.objects.count() == 3
    assert list(AuditRecord.objects.order_by("seq").values_list("outcome", flat=True)) == [
        "ok",
        "invalid_token",
        "purpose_not_allowed",
    ]
    assert verify_database().ok


@pytest.mark.parametrize(
    "mangle",
    [
        pytest.param(lambda t: t + "=", id="padding added"),
        pytest.param(lambda t: t.replace(".", "..", 1), id="extra dot"),
        pytest.param(lambda t: t.rsplit(".", 1)[0] + ".", id="empty signature"),
        pytest.param(lambda t: "!!" + t, id="non-alphabet characters"),
        pytest.param(lambda t: t + ".x", id="four segments"),
    ],
)
def test_a_mangled_token_is_refused(world: World, mangle: Any) -> None:
    response = world.call(headers=world.headers(mangle(world.token())))
    assert response.status_code == 401 and world.provider.script.calls == []


def test_expired_not_yet_valid_and_critical_tokens_are_refused(world: World) -> None:
    now = int(time.time())
    for token in (world.token(exp=now - 1), world.token(nbf=now + 60)):
        assert world.call(headers=world.headers(token)).status_code == 401
    import jwt

    claims = {"iss": "moi-portal", "iat": now, "jti": uuid.uuid4().hex}
    critical = jwt.encode(claims, SECRET, algorithm="HS256", headers={"kid": "main", "crit": ["exp"]})
    assert world.call(headers=world.headers(critical)).status_code == 401
    assert world.call(headers=world.headers(world.token(exp=now + 30))).status_code == 200


def test_a_token_with_characters_outside_ascii_is_refused_by_the_parser() -> None:
    from panjereh.exchange.gateway.tokens import TokenRefused, parse

    with pytest.raises(TokenRefused):
        parse("é" + "eyJhbGciOiJIUzI1NiJ9.e30.c2ln")


def test_the_body_must_be_about_the_person_named_in_x_subject(world: World) -> None:
    response = world.call({"national_code": "0013542419"})  # X-Subject is someone else
    assert response.status_code == 422 and response.json()["error"]["field"] == "national_code"
    assert world.provider.script.calls == []
    assert world.call({"national_code": "0499370899"}).status_code == 200


@pytest.mark.parametrize(
    "content",
    [
        b'{"national_code": "not valid!", "national_code": "0499370899"}',
        b'{"national_code": NaN}',
        '{"national_code": "0499370899"}'.encode("utf-16"),
    ],
    ids=["duplicate keys", "NaN", "UTF-16"],
)
def test_bodies_json_parsers_disagree_on_are_refused(world: World, content: bytes) -> None:
    response = world.call(content=content)
    assert response.status_code == 422 and world.provider.script.calls == []


def test_the_provider_receives_exactly_the_body_that_was_checked(world: World) -> None:
    assert world.call(content=b'{ "national_code" :  "0499370899" }').status_code == 200
    assert world.provider.script.calls[0]["body"] == b'{"national_code":"0499370899"}'


def test_control_characters_in_the_path_are_audited_harmlessly(world: World) -> None:
    response = world.call(path="/exchange/v1/judi%00ciary/criminal-record")
    assert response.status_code in (404, 401)
    assert "\x00" not in last_record().provider and last_record().provider.startswith("judi")


@pytest.mark.parametrize(
    "claims",
    [{"iat": 10**400}, {"iat": float("nan")}, {"exp": float("nan")}, {"iat": True}],
    ids=["huge iat", "NaN iat", "NaN exp", "boolean iat"],
)
def test_odd_claims_are_refused_not_crashed_on(world: World, claims: dict[str, Any]) -> None:
    response = world.call(headers=world.headers(world.token(**claims)))
    assert response.status_code == 401 and error_code(response) == "invalid_token"


def test_a_non_string_algorithm_is_refused(world: World) -> None:
    header = base64.urlsafe_b64encode(b'{"alg": []}').rstrip(b"=").decode()
    token = f"{header}.e30.c2lnbmF0dXJl"
    assert world.call(headers=world.headers(token)).status_code == 401


def test_a_redirect_from_the_provider_is_not_followed(world: World) -> None:
    script = world.provider.reset("redirect")
    response = world.call()
    assert response.status_code == 502 and error_code(response) == "provider_error"
    assert [call["path"] for call in script.calls] == ["/judiciary/criminal-record"]


def test_a_shared_secret_too_short_to_be_safe_is_never_used(world: World) -> None:
    SystemCredential.objects.create(system=world.consumer, key_id="empty", kind="HS256", secret="")
    services.registry_changed()
    claims = {"iss": "moi-portal", "iat": int(time.time()), "jti": uuid.uuid4().hex}
    forged = hs256_with(b"", claims, {"alg": "HS256", "kid": "empty"})
    assert world.call(headers=world.headers(forged)).status_code == 401  # signed with the empty "secret"


def test_a_repeated_security_header_is_refused(world: World) -> None:
    import asyncio

    import httpx

    from panjereh.exchange.gateway.app import Gateway

    async def call() -> httpx.Response:
        gateway = Gateway()
        headers = [*world.headers().items(), ("X-Purpose", "employment")]
        transport = httpx.ASGITransport(app=gateway)
        async with httpx.AsyncClient(transport=transport, base_url="http://testserver") as client:
            response = await client.post(
                "/exchange/v1/judiciary/criminal-record", headers=headers, json={"national_code": SUBJECT}
            )
        await gateway.aclose()
        return response

    response = asyncio.run(call())
    assert response.status_code == 422 and world.provider.script.calls == []


def test_when_too_many_records_wait_calls_are_refused_at_once() -> None:
    import asyncio

    from panjereh.exchange.audit.store import ChainAppender
    from panjereh.exchange.audit.writer import AuditBacklog, AuditWriter

    async def scenario() -> None:
        writer = AuditWriter(ChainAppender(durable=True))
        writer.max_pending = 0
        with pytest.raises(AuditBacklog):
            await writer.append({})
        await writer.aclose()

    asyncio.run(scenario())


def test_calls_are_counted_for_prometheus_by_provider_service_and_outcome(world: World) -> None:
    from prometheus_client import REGISTRY

    def counted(provider: str, service: str, outcome: str) -> float:
        labels = {"provider": provider, "service": service, "outcome": outcome}
        return REGISTRY.get_sample_value("panjereh_exchange_calls_total", labels) or 0.0

    answered, unknown = counted("judiciary", "criminal-record", "ok"), counted("-", "-", "not_found")
    assert world.call().status_code == 200
    assert world.call(path="/exchange/v1/judiciary/made-up-" + uuid.uuid4().hex).status_code == 404
    assert counted("judiciary", "criminal-record", "ok") == answered + 1
    assert counted("-", "-", "not_found") == unknown + 1  # a path nobody registered is never a label
