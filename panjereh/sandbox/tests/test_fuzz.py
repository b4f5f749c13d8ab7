"""Whatever a client sends, a service answers 200 or 4xx with the envelope — never a 500."""

from __future__ import annotations

import json
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from panjereh.persian import make_national_code, to_persian_digits
from panjereh.sandbox.agencies import AGENCIES
from panjereh.sandbox.app import SandboxApp

from .conftest import call

APP = SandboxApp(seed=1, faults={})  # no faults are set here, so one app serves every example
PATHS = [f"/{a.slug}/{s.name}" for a in AGENCIES for s in a.services]
FIELDS = ["national_code", "mobile"]
ENVELOPE_FIELDS = {"code", "message", "field"}

text = st.text(st.characters(codec=None)) | st.text(st.sampled_from("0123456789۰۱۲۳۴۵۶۷۸۹٠١٢٣+ -()\u200c"))
codes = st.text(st.sampled_from("0123456789"), min_size=9, max_size=9).map(
    lambda prefix: make_national_code(prefix) if len(set(prefix)) > 1 else prefix
)
json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False, allow_infinity=False) | text,
    lambda children: st.lists(children, max_size=4) | st.dictionaries(text, children, max_size=4),
    max_leaves=12,
)
# Bodies that look like real requests (right field names, plausible values) as well as any object.
plausible = st.fixed_dictionaries(
    {},
    optional={
        "national_code": codes | codes.map(to_persian_digits) | text | json_values,
        "mobile": st.sampled_from(["09121234567", "+98 912 123 4567", "۰۹۱۲۱۲۳۴۵۶۷"]) | text | json_values,
    },
)
bodies = plausible | st.dictionaries(st.sampled_from(FIELDS) | text, json_values, max_size=5)
KNOBS = ["latency_ms", "error_rate", "garbage_rate", "down", "timeout"]
knob_values = st.integers(-5, 700_000) | st.floats() | st.booleans() | json_values
knob_bodies = st.dictionaries(st.sampled_from(KNOBS), knob_values, max_size=5) | json_values


def assert_no_server_error(status: int, content: bytes) -> Any:
    assert status == 200 or 400 <= status < 500, (status, content)
    answer = json.loads(content)
    if status != 200:
        assert set(answer) == {"error"} and set(answer["error"]) == ENVELOPE_FIELDS
    return answer


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(path=st.sampled_from(PATHS), body=bodies)
def test_any_json_object_gets_200_or_4xx(path: str, body: dict[str, Any]) -> None:
    response = call(APP, "POST", path, content=json.dumps(body).encode())
    answer = assert_no_server_error(response.status_code, response.content)
    if response.status_code == 200:
        assert isinstance(answer, dict) and answer


@settings(max_examples=150, deadline=None)
@given(path=st.sampled_from(PATHS), content=st.binary(max_size=200))
def test_any_bytes_get_200_or_4xx(path: str, content: bytes) -> None:
    response = call(APP, "POST", path, content=content)
    assert_no_server_error(response.status_code, response.content)


@settings(max_examples=150, deadline=None)
@given(agency=st.sampled_from([a.slug for a in AGENCIES]), body=knob_bodies)
def test_any_knob_request_gets_200_or_4xx_and_leaves_valid_knobs(agency: str, body: Any) -> None:
    app = SandboxApp(seed=1, faults={})
    response = call(app, "PUT", f"/_faults/{agency}", content=json.dumps(body).encode())  # NaN/Infinity too
    assert_no_server_error(response.status_code, response.content)
    knobs = app.faults.knobs[agency]
    assert 0 <= knobs.error_rate <= 1 and 0 <= knobs.garbage_rate <= 1 and knobs.latency_ms >= 0
