"""What a person reads on the citizen pages is in Persian digits: an office's address as the agency wrote
it, the accessibility statement. Latin digits stay only in codes and ids, inside <bdi dir="ltr"> (a
service's code, a standard's name and version), and in what is not text (links, attributes, inputs)."""

from __future__ import annotations

import pytest
from django.test import Client
from django.utils import timezone

from conftest import LatinDigitText
from panjereh.accounts.services import citizen_get_or_create
from panjereh.agencies.services import agency_upsert
from panjereh.appointments.models import Appointment, Office
from panjereh.appointments.sample import HOURS
from panjereh.catalog.models import Service

pytestmark = pytest.mark.django_db


class MainText(LatinDigitText):
    """The text of the page's <main> (the header and footer have tests of their own)."""

    def reads(self) -> bool:
        return any(tag == "main" for tag, _, _ in self.open)


@pytest.fixture
def offices(db: None) -> Service:
    agency = agency_upsert(code="abfa", name="شرکت آب و فاضلاب")
    service = Service.objects.create(code="abfa-water-connection-2", agency=agency, title="انشعاب آب",
                                     maturity="semi", requirements=["کارت ملی"])  # fmt: skip
    Office.objects.create(agency=agency, code="abfa-tehran", name="دفتر آب و فاضلاب در تهران", province="تهران",
                          city="تهران", address="تهران، خیابان انقلاب، پلاک 84 (نشانی نمونه)", phone="02112345678",
                          hours=HOURS)  # fmt: skip
    return service


def test_an_offices_address_is_in_persian_digits_where_it_is_shown(offices: Service, client: Client) -> None:
    page = client.get(f"/services/{offices.code}/offices/").content.decode()
    assert "پلاک ۸۴" in page and MainText(page).latin() == []
    person = Client()
    person.force_login(citizen_get_or_create(national_code="0012345679").user)
    booking = person.get(f"/services/{offices.code}/offices/abfa-tehran/book/").content.decode()
    assert "پلاک ۸۴" in booking and MainText(booking).latin() == []
    now = timezone.now()
    Appointment.objects.create(code="A7K2M9", office=Office.objects.get(), service=offices, starts_at=now,
                               citizen=citizen_get_or_create(national_code="0012345679"), created_at=now)  # fmt: skip
    mine = person.get("/me/appointments/").content.decode()
    assert "پلاک ۸۴" in mine and MainText(mine).latin() == []


def test_a_services_code_is_an_id_inside_an_isolate(offices: Service, client: Client) -> None:
    page = client.get(f"/services/{offices.code}/").content.decode()
    assert f'<bdi dir="ltr">{offices.code}</bdi>' in page and MainText(page).latin() == []


@pytest.mark.parametrize("path", ["/accessibility/", "/help/", "/contact/", "/privacy/", "/terms/"])
def test_the_pages_of_text_are_in_persian_digits(client: Client, path: str) -> None:
    assert MainText(client.get(path).content.decode()).latin() == []
