"""The OpenAPI document lists every operation's error answers, in the envelope's schema, so that a
client generated from it (or schemathesis checking it) knows what a refusal looks like."""

from __future__ import annotations

import fastjsonschema
import pytest
from django.test import Client

from panjereh.api.main import ENVELOPE, api

ERROR = {"$ref": "#/components/schemas/Error"}


def operations() -> list[tuple[str, str, dict[str, object]]]:
    schema = api.get_openapi_schema(path_prefix="/api/v1/")
    return [(path, method, operation) for path, ops in schema["paths"].items() for method, operation in ops.items()]


def test_every_operation_lists_its_error_answers_in_the_envelope() -> None:
    listed = operations()
    assert len(listed) > 20
    for path, method, operation in listed:
        responses = operation["responses"]
        for status in (
            422,
            429,
            500,
            *((401, 403) if operation.get("security") else ()),
            *((404,) if "{" in path else ()),
        ):
            assert responses[status]["content"]["application/json"]["schema"] == ERROR, (path, method, status)


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("method", "path", "status"),
    [("get", "/api/v1/me", 401), ("get", "/api/v1/auth/otp", 405), ("get", "/api/v1/agencies/nope/onboarding", 404)],
)
def test_a_real_refusal_matches_the_published_envelope(method: str, path: str, status: int) -> None:
    answer = getattr(Client(), method)(path)
    assert answer.status_code == status
    fastjsonschema.compile(ENVELOPE)(answer.json())


@pytest.fixture
def citizen_client(db: None) -> Client:
    from panjereh.accounts.services import citizen_get_or_create

    client = Client()
    client.force_login(citizen_get_or_create(national_code="0012345679").user)
    return client


def test_a_body_that_names_what_is_not_there_is_a_listed_404(citizen_client: Client) -> None:
    listed = api.get_openapi_schema(path_prefix="/api/v1/")["paths"]["/api/v1/appointments"]["post"]["responses"]
    assert listed[404]["content"]["application/json"]["schema"] == ERROR
    body = {"service": "no-such-service", "office": "x", "starts_at": "2026-01-01T08:00:00+03:30"}
    answer = citizen_client.post("/api/v1/appointments", body, content_type="application/json")
    assert answer.status_code == 404 and answer.json()["error"]["code"] == "service_not_found"


def test_a_bills_ids_are_published_as_the_server_takes_them(citizen_client: Client) -> None:
    fields = api.get_openapi_schema(path_prefix="/api/v1/")["components"]["schemas"]["BillIn"]["properties"]
    assert {(field["minLength"], field["maxLength"]) for field in fields.values()} == {(6, 13)}
    longer = citizen_client.post("/api/v1/bills/payments", {"bill_id": "1" * 14, "payment_id": "1" * 14},
                                 content_type="application/json")  # fmt: skip
    assert longer.status_code == 422
    assert longer.json()["error"]["code"] == "invalid_bill"  # what is wrong with it, not a generic 422
