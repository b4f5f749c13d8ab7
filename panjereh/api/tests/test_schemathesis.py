"""Schemathesis, a client nobody here wrote, over the whole published API with all its checks: every
answer documented and in the envelope, no server error, schema-valid data accepted and invalid data
refused. Bounded: a few examples per operation, in process (WSGI), on the test database.

Two operations answer from state the schema cannot describe, so "schema-valid data is accepted" is not
asked of them: a national code's check digit (POST /auth/otp: 422 `invalid_national_code`) and a
challenge that exists (POST /auth/otp/verify: 400 `wrong_code`). Every other check still runs on them.
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest
import schemathesis
from django.core.signals import request_finished, request_started
from django.core.wsgi import get_wsgi_application
from django.db import close_old_connections
from hypothesis import HealthCheck, settings
from schemathesis.specs.openapi.checks import positive_data_acceptance

from panjereh.api.main import api

schema = schemathesis.openapi.from_dict(api.get_openapi_schema(path_prefix="/api/v1/"))
STATEFUL = {"POST /api/v1/auth/otp", "POST /api/v1/auth/otp/verify"}


@pytest.fixture
def requests_keep_the_test_connection() -> Iterator[None]:
    """As Django's test client does: a request's end does not close the database connection the
    test's transaction lives on (on PostgreSQL it would)."""
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    try:
        yield
    finally:
        request_started.connect(close_old_connections)
        request_finished.connect(close_old_connections)


@pytest.mark.django_db
@pytest.mark.usefixtures("requests_keep_the_test_connection")
@schema.parametrize()
@settings(max_examples=8, deadline=None, suppress_health_check=list(HealthCheck), derandomize=True)
def test_the_api_answers_as_its_schema_says(case: schemathesis.Case) -> None:
    excluded = [positive_data_acceptance] if f"{case.method} {case.path}" in STATEFUL else []
    case.call_and_validate(app=get_wsgi_application(), excluded_checks=excluded)
