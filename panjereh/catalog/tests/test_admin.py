"""The back office: Persian and right-to-left, and every edit keeps the search index in step."""

from __future__ import annotations

import pytest
from django.contrib.auth.models import User
from django.test import Client

from conftest import admin_login
from panjereh.agencies.models import Agency
from panjereh.catalog.models import Service
from panjereh.catalog.search import search_services

pytestmark = pytest.mark.usefixtures("catalog")


@pytest.fixture
def staff(client: Client) -> Client:
    user = User.objects.create_superuser("admin", "admin@example.ir", "a-long-test-password-1403")
    admin_login(client, user)
    return client


def test_the_admin_is_persian_and_right_to_left(staff: Client) -> None:
    page = staff.get("/admin/catalog/service/").content.decode()
    assert 'dir="rtl"' in page and 'lang="fa"' in page
    assert "شناسنامه‌های خدمات" in page and "تمدید گذرنامه" in page


def test_anonymous_visitors_are_sent_to_the_login_page(client: Client) -> None:
    response = client.get("/admin/catalog/service/")
    assert response.status_code == 302 and "/admin/login/" in response["Location"]


def test_editing_a_service_in_the_admin_reindexes_it(staff: Client) -> None:
    service = Service.objects.get(code="tehran-building-permit")
    form = staff.get(f"/admin/catalog/service/{service.pk}/change/").context["adminform"].form
    data = {name: form[name].value() for name in form.fields}
    data.update(title="صدور پروانه ساخت ویلا", channels='["web"]', requirements="[]", keywords="[]")
    data["categories"] = []
    data["life_events"] = []
    data = {key: value for key, value in data.items() if value is not None}
    response = staff.post(f"/admin/catalog/service/{service.pk}/change/", data)
    assert response.status_code == 302, response.context["adminform"].form.errors if response.context else ""
    assert search_services("ویلا").services[0].code == "tehran-building-permit"


def test_deleting_a_service_in_the_admin_removes_it_from_search(staff: Client) -> None:
    service = Service.objects.get(code="tehran-building-permit")
    response = staff.post(f"/admin/catalog/service/{service.pk}/delete/", {"post": "yes"})
    assert response.status_code == 302
    assert search_services("پروانه ساختمانی").count == 0


def test_renaming_an_agency_reindexes_its_services(staff: Client) -> None:
    agency = Agency.objects.get(code="tehran-municipality")
    form = staff.get(f"/admin/agencies/agency/{agency.pk}/change/").context["adminform"].form
    data = {name: form[name].value() for name in form.fields}
    data["name"] = "شهرداری کلانشهر تهران"
    data = {key: ("" if value is None else value) for key, value in data.items()}
    response = staff.post(f"/admin/agencies/agency/{agency.pk}/change/", data)
    assert response.status_code == 302
    assert {s.code for s in search_services("کلانشهر").services} == {
        "tehran-urban-problem-report",
        "tehran-building-permit",
    }
