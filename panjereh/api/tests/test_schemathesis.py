"""Schemathesis, a client nobody here wrote, over the whole published API with all its checks: every
answer documented and in the envelope, no server error, schema-valid data accepted and invalid data
refused. Bounded: a few examples per operation, in process (WSGI), on the test database.

Some operations answer from what the schema cannot describe, so "schema-valid data is accepted" is not
asked of them: check digits (a national code's, POST /auth/otp: 422 `invalid_national_code`; a bill's
two, POST /bills/payments: 422 `invalid_bill`), a challenge that exists (POST /auth/otp/verify: 400
`wrong_code`) and a service that takes applications online (POST /applications: 422 `unknown_service`).
Every other check still runs on them.

The same examples every run (derandomized, and no example database: one kept from an earlier run on
this machine would make the run differ from CI's).

A visitor reaches a citizen's writes only as far as 401; they are run once more with a citizen's bearer
token, so that what they answer past the login is checked too.
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest
import schemathesis
from django.core.signals import request_finished, request_started
from django.core.wsgi import get_wsgi_application
from django.db import close_old_connections
from hypothesis import HealthCheck, settings
from schemathesis.config import SchemathesisConfig
from schemathesis.specs.openapi.checks import positive_data_acceptance

from panjereh.accounts.services import citizen_get_or_create
from panjereh.accounts.sessions import api_token_issue
from panjereh.api.main import api

# Invalid data refused as too long (414, 431: core/api_envelope.py) is refused too. No NUL characters
# in what is generated: every request with one is refused at the door by design (core/null_characters.py,
# tested on its own), so a schema-valid string holding one would read as "valid data refused".
REFUSALS = [400, 401, 403, 404, 405, 406, 409, 414, 415, 422, 428, 429, 431, "5xx"]
CONFIG = SchemathesisConfig.from_dict({"checks": {"negative_data_rejection": {"expected-statuses": REFUSALS}},
                                       "generation": {"allow-x00": False}})  # fmt: skip
schema = schemathesis.openapi.from_dict(api.get_openapi_schema(path_prefix="/api/v1/"), config=CONFIG)
STATEFUL = {"POST /api/v1/auth/otp", "POST /api/v1/auth/otp/verify", "POST /api/v1/bills/payments",
            "POST /api/v1/applications"}  # fmt: skip
CITIZEN_WRITES = ["POST /api/v1/applications", "POST /api/v1/appointments", "POST /api/v1/bills/payments"]


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
@settings(max_examples=8, deadline=None, suppress_health_check=list(HealthCheck), derandomize=True, database=None)
def test_the_api_answers_as_its_schema_says(case: schemathesis.Case) -> None:
    excluded = [positive_data_acceptance] if f"{case.method} {case.path}" in STATEFUL else []
    case.call_and_validate(app=get_wsgi_application(), excluded_checks=excluded)


@pytest.mark.django_db
@pytest.mark.usefixtures("requests_keep_the_test_connection")
@schema.include(name=CITIZEN_WRITES).parametrize()
@settings(max_examples=8, deadline=None, suppress_health_check=list(HealthCheck), derandomize=True, database=None)
def test_a_citizens_writes_answer_as_their_schema_says(case: schemathesis.Case) -> None:
    token, _ = api_token_issue(citizen_get_or_create(national_code="0012345679").user)
    excluded = [positive_data_acceptance] if f"{case.method} {case.path}" in STATEFUL else []
    case.call_and_validate(app=get_wsgi_application(), headers={"Authorization": f"Bearer {token}"},
                           excluded_checks=excluded)  # fmt: skip
