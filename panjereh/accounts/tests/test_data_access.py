"""A person sees every access to their data: which agency, which data, for what, when — and only theirs."""

from __future__ import annotations

import datetime
from typing import Any

import pytest
from django.test import Client

from panjereh.accounts.services import citizen_get_or_create
from panjereh.agencies.services import agency_upsert
from panjereh.exchange import services
from panjereh.exchange.audit.store import append_batch

pytestmark = pytest.mark.django_db

ME, SOMEONE_ELSE = "0499370899", "0790419904"


def record(subject: str, outcome: str = "ok", application: str = "", minute: int = 0) -> dict[str, Any]:
    return {
        "at": datetime.datetime(2026, 11, 22, 10, minute, tzinfo=datetime.UTC), "consumer": "moi-portal",
        "consumer_agency": "moi", "provider": "judiciary", "data_service": "criminal-record",
        "purpose": "criminal-record-certificate", "subject": subject, "application": application, "outcome": outcome,
        "status": 200 if outcome == "ok" else 403, "latency_ms": 2.0, "request_hash": "a" * 64,
        "response_hash": "b" * 64, "jti": f"j-{subject}-{minute}-{outcome}",
    }  # fmt: skip


@pytest.fixture
def accesses() -> None:
    moi = agency_upsert(code="moi", name="وزارت کشور")
    judiciary = agency_upsert(code="judiciary", name="قوه قضاییه")
    system = services.system_register(agency=judiciary, code="judiciary-system", name="سامانه قضایی")
    purpose = services.purpose_upsert(code="criminal-record-certificate", name="صدور گواهی عدم سوء پیشینه")
    services.data_service_publish(system=system, code="criminal-record", title="استعلام سوء پیشینه", endpoint="/x",
                                  purposes=[purpose])  # fmt: skip
    services.system_register(agency=moi, code="moi-portal", name="درگاه")
    append_batch([
        record(ME, application="1405-0000123", minute=1),
        record(ME, outcome="no_grant", minute=2),  # refused: no data was given, so not an access
        record(SOMEONE_ELSE, minute=3),
        record(ME, minute=4),
    ])  # fmt: skip


@pytest.fixture
def me(client: Client) -> Client:
    client.force_login(citizen_get_or_create(national_code=ME).user)
    return client


@pytest.mark.usefixtures("accesses")
def test_the_api_lists_my_answered_accesses_newest_first_in_words(me: Client) -> None:
    body = me.get("/api/v1/me/data-access").json()
    assert body["count"] == 2 and body["pages"] == 1
    newest, older = body["items"]
    assert newest["audit_id"] == 4 and older["audit_id"] == 1
    assert older["consumer"] == {"code": "moi", "name": "وزارت کشور"}
    assert older["provider"] == {"code": "judiciary", "name": "قوه قضاییه"}
    assert older["data_service"] == {"code": "criminal-record", "name": "استعلام سوء پیشینه"}
    assert older["purpose"] == {"code": "criminal-record-certificate", "name": "صدور گواهی عدم سوء پیشینه"}
    assert older["application"] == "1405-0000123"
    assert older["at_jalali"] == "1405/09/01 ساعت 13:31"  # Tehran time


@pytest.mark.usefixtures("accesses")
def test_nobody_sees_another_persons_accesses(client: Client) -> None:
    client.force_login(citizen_get_or_create(national_code=SOMEONE_ELSE).user)
    body = client.get("/api/v1/me/data-access").json()
    assert body["count"] == 1 and body["items"][0]["audit_id"] == 3


def test_without_a_session_the_api_answers_401_and_the_page_asks_to_log_in(client: Client) -> None:
    response = client.get("/api/v1/me/data-access")
    assert response.status_code == 401 and response.json()["error"]["code"] == "not_authenticated"
    page = client.get("/me/data-access/")
    assert page.status_code == 401 and "باید وارد شوید" in page.content.decode()


@pytest.mark.usefixtures("accesses")
def test_a_bad_page_number_is_a_422(me: Client) -> None:
    response = me.get("/api/v1/me/data-access", {"page": "0"})
    assert response.status_code == 422 and response.json()["error"]["field"] == "page"


@pytest.mark.usefixtures("accesses")
def test_the_page_shows_each_access_in_persian_with_jalali_times(me: Client) -> None:
    page = me.get("/me/data-access/").content.decode()
    assert "۲ دسترسی به اطلاعات" in page
    assert "وزارت کشور" in page and "استعلام سوء پیشینه" in page and "از قوه قضاییه" in page
    assert "صدور گواهی عدم سوء پیشینه" in page
    assert "۱۴۰۵/۰۹/۰۱ ساعت ۱۳:۳۱" in page
    assert '<bdi dir="ltr">۱۴۰۵-۰۰۰۰۱۲۳</bdi>' in page


def test_a_person_with_no_accesses_is_told_so(me: Client) -> None:
    assert "تاکنون هیچ دستگاهی" in me.get("/me/data-access/").content.decode()
