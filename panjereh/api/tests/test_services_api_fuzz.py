"""Whatever arrives in the query string, the search API answers 200 or a 422 envelope, never a 500."""

from __future__ import annotations

import pytest
from django.test import Client
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

pytestmark = pytest.mark.django_db

PARAMS = ["q", "agency", "audience", "maturity", "smart", "category", "life_event", "page"]
text = st.text(max_size=300) | st.sampled_from(["", "0", "-1", "G2C", "full", "true", "پاسپورت", "۱۲", "%00"])


@settings(max_examples=120, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(params=st.dictionaries(st.sampled_from(PARAMS), text, max_size=4))
def test_any_query_string_gets_results_or_a_422_envelope(client: Client, params: dict[str, str]) -> None:
    clean = {key: value.replace("\x00", "") for key, value in params.items()}  # the test client refuses NUL
    response = client.get("/api/v1/services", clean)
    assert response.status_code in (200, 422), (params, response.content[:300])
    body = response.json()
    if response.status_code == 200:
        assert body["count"] >= 0 and isinstance(body["items"], list)
    else:
        assert body["error"]["code"] == "invalid_request" and body["error"]["field"] in PARAMS


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(code=st.text(min_size=1, max_size=200).filter(lambda s: "/" not in s and "\x00" not in s))
def test_any_service_code_gets_the_profile_or_a_404_envelope(client: Client, code: str) -> None:
    from urllib.parse import quote

    response = client.get(f"/api/v1/services/{quote(code, safe='')}")
    assert response.status_code == 404
    assert response.json()["error"]["code"] in ("service_not_found", "not_found")
