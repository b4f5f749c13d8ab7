"""Each service is measured too, by the indicators that have a meaning for one service: frozen with the
round, its versions counted together, adding up to its agency's counts; shown on a page and as JSON."""

from __future__ import annotations

import pytest
from django.test import Client

from panjereh.applications.constants import DecisionMode
from panjereh.applications.models import ServiceDefinition
from panjereh.catalog.models import Service
from panjereh.evaluation.indicators import INDICATORS
from panjereh.evaluation.models import IndicatorValue, ServiceValues
from panjereh.evaluation.services import round_compute, round_publish
from panjereh.evaluation.tests.conftest import AFTER, IN_Q2, History, applications

PER_SERVICE = {indicator.code for indicator in INDICATORS if indicator.per_service}


def measures(service_code: str) -> dict[str, dict[str, object]]:
    return ServiceValues.objects.get(round__code="1403-Q2", service_code=service_code).measures


@pytest.fixture
def older_version(history: History) -> None:
    """A past, inactive version of good's first service, with two applications decided in time."""
    service = Service.objects.get(code="good-s0")
    old = ServiceDefinition.objects.create(
        code="good-s0-old", service=service, agency=history.good, title=service.title, active=False,
        decision_mode=DecisionMode.HUMAN, sla_hours=24,
    )  # fmt: skip
    applications(old, 2, at=IN_Q2, hours=1)


def test_each_service_is_measured_and_its_versions_count_together(history: History, older_version: None) -> None:
    round_compute(code="1403-Q2", now=AFTER)
    codes = set(ServiceValues.objects.values_list("service_code", flat=True))
    assert codes == {f"good-s{n}" for n in range(4)} | {f"poor-s{n}" for n in range(4)} | {"thin-s0", "thin-s1"}

    first = measures("good-s0")
    assert set(first) == PER_SERVICE and "availability" not in first and "window_connected" not in first
    assert first["completion"]["inputs"] == {"finished": 12, "submitted": 12}  # both versions
    assert first["smart_services"]["value"] == 1.0 and first["online_services"]["value"] == 1.0
    assert first["satisfaction"] == {
        "value": 1.0,
        "basis": 6,
        "sufficient": True,
        "inputs": {"ratings": 6, "stars": 30},
    }
    assert first["complaints_answered"]["value"] == 1.0 and first["complaints_answered"]["basis"] == 3

    last = measures("good-s3")  # semi-electronic, no definition, nobody applied
    assert last["online_services"]["value"] == 0.0 and last["smart_services"]["value"] == 0.0
    assert last["decided_in_time"] == {"value": None, "basis": 0, "sufficient": False, "inputs": {
        "decided_in_time": 0, "decided": 0}}  # fmt: skip

    slow = measures("poor-s0")
    assert slow["decided_in_time"]["value"] == 0.5 and slow["decided_in_time"]["basis"] == 10
    assert slow["inbox_in_time"]["value"] == 0.5 and slow["reasoned_decisions"]["value"] == 0.0


def test_the_services_add_up_to_their_agency(history: History, older_version: None) -> None:
    round_compute(code="1403-Q2", now=AFTER)
    for agency in ("good", "poor", "thin"):
        rows = ServiceValues.objects.filter(round__code="1403-Q2", agency__code=agency)
        for indicator in ("completion", "decided_in_time", "satisfaction", "complaints_answered", "online_services"):
            whole = IndicatorValue.objects.get(round__code="1403-Q2", agency__code=agency, indicator=indicator)
            for name, count in whole.inputs.items():
                if name != "taking_part":
                    assert sum(row.measures[indicator]["inputs"][name] for row in rows) == count, (agency, name)


def test_measuring_again_replaces_the_services_values(history: History) -> None:
    round_compute(code="1403-Q2", now=AFTER)
    before = ServiceValues.objects.count()
    round_compute(code="1403-Q2", now=AFTER, remeasure=True)
    assert ServiceValues.objects.count() == before


def test_the_page_and_the_json_agree(history: History, older_version: None, client: Client) -> None:
    round_compute(code="1403-Q2", now=AFTER)
    assert client.get("/evaluation/1403-Q2/good/services").status_code == 404  # not yet published
    assert client.get("/api/v1/evaluation/rounds/1403-Q2/agencies/good/services").status_code == 404
    round_publish(code="1403-Q2", now=AFTER)

    body = client.get("/api/v1/evaluation/rounds/1403-Q2/agencies/good/services").json()
    assert body["round"] == "1403-Q2" and body["agency"] == {"code": "good", "name": "سازمان خوب"}
    assert body["items"][0]["service"]["code"] == "good-s0"  # the busiest first
    assert body["items"][0]["indicators"]["completion"]["inputs"]["submitted"] == 12

    page = client.get("/evaluation/1403-Q2/good/services").content.decode()
    row = page.split('id="service-good-s0"')[1].split("</tr>")[0]
    assert "خدمت 0 سازمان خوب" in row and "۱۲ درخواست" in row and "درخواست‌های ثبت‌شده: ۱۲" in row
    assert "۱۰۰٪" in row and "تمام الکترونیکی: بله" in row and "تصمیم خودکار در پنجره ملی: بله" in row
    assert "خدمات دستگاه" not in row  # one service: its facts are yes or no, not counts of services
    last = page.split('id="service-good-s3"')[1].split("</tr>")[0]
    assert "تمام الکترونیکی: خیر" in last and "نیمه الکترونیکی: بله" in last
    assert page.index('id="service-good-s0"') < page.index('id="service-good-s3"')
    ServiceValues.objects.all().delete()  # a published round never changes: its table is drawn once
    assert 'id="service-good-s0"' in client.get("/evaluation/1403-Q2/good/services").content.decode()
    card = client.get("/evaluation/1403-Q2/good").content.decode()
    assert 'href="/evaluation/1403-Q2/good/services"' in card


@pytest.mark.parametrize(
    ("path", "status", "code"),
    [
        ("/api/v1/evaluation/rounds/1403-Q2/agencies/nobody/services", 404, "agency_not_found"),
        ("/api/v1/evaluation/rounds/1403-Q7/agencies/good/services", 422, "invalid_request"),
        ("/api/v1/evaluation/rounds/1403-Q2/agencies/" + "x" * 65 + "/services", 422, "invalid_request"),
    ],
)
def test_refusals(history: History, client: Client, path: str, status: int, code: str) -> None:
    round_compute(code="1403-Q2", now=AFTER)
    round_publish(code="1403-Q2", now=AFTER)
    answer = client.get(path)
    assert answer.status_code == status and answer.json()["error"]["code"] == code
    page = client.get("/evaluation/1403-Q2/nobody/services")
    assert page.status_code == 404 and "دستگاهی با این کد در این دوره نیست" in page.content.decode()
