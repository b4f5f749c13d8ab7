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
