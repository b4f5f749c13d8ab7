"""A grant is decided only through its actions: its decision (state, decider, time) is never an input
of its page, for the provider's admin or anyone; the decider is recorded by name or by role and
agency, never by the username the consumer agency's staff would then read."""

from __future__ import annotations

import io
from dataclasses import dataclass

import pytest
from django.contrib.auth.models import User
from django.core.management import call_command
from django.test import Client

from conftest import admin_login
from panjereh.agencies.models import Agency
from panjereh.agencies.services import agency_upsert
from panjereh.exchange import services
from panjereh.exchange.models import AgencySystem, Grant

pytestmark = pytest.mark.django_db


@dataclass
class World:
    faraja: Agency
    ict: Agency
    faraja_system: AgencySystem
    ict_system: AgencySystem
    a_reads_b: Grant  # faraja's system reads ict's data: ict decides
    b_reads_b: Grant  # ict's own system reads ict's data


@pytest.fixture
def world() -> World:
    purpose = services.purpose_upsert(code="identity-check", name="احراز هویت")
    faraja = agency_upsert(code="faraja", name="فرماندهی انتظامی")
    ict = agency_upsert(code="ict", name="وزارت ارتباطات و فناوری اطلاعات")
    faraja_system = services.system_register(agency=faraja, code="faraja-portal", name="سامانه فراجا")
    ict_system = services.system_register(agency=ict, code="ict-portal", name="سامانه وزارت ارتباطات")
    data = services.data_service_publish(
        system=ict_system, code="ict-data", title="داده وزارت ارتباطات", endpoint="/x", purposes=[purpose]
    )
    a_reads_b = services.grant_request(consumer=faraja_system, data_service=data, purposes=[purpose])
    b_reads_b = services.grant_request(consumer=ict_system, data_service=data, purposes=[purpose])
    return World(faraja, ict, faraja_system, ict_system, a_reads_b, b_reads_b)


def logged_in(username: str, role: str, agency: str) -> Client:
    """A staff member made as the operators make them (`panjereh staff add`), signed in to the admin."""
    call_command("staff", "add", "--username", username, "--role", role, "--agency", agency, "--generate-password",
                 stdout=io.StringIO())  # fmt: skip
    client = Client()
    admin_login(client, User.objects.get(username=username))
    return client


def page_of(client: Client, grant: Grant) -> str:
    response = client.get(f"/admin/exchange/grant/{grant.pk}/change/")
    assert response.status_code == 200
    return response.content.decode()


def test_the_providers_admin_cannot_write_a_decision_into_the_grants_page(world: World) -> None:
    provider_head = logged_in("head-b", "agency_admin", "ict")
    grant = world.a_reads_b
    page = page_of(provider_head, grant)
    for field in ("status", "decided_by", "decided_at", "valid_from", "consumer", "data_service"):
        assert f'name="{field}"' not in page, field  # shown, not an input
    assert 'name="purposes"' in page and 'name="valid_until_0"' in page  # still a request: its purposes may change

    response = provider_head.post(f"/admin/exchange/grant/{grant.pk}/change/", {
        "purposes": [p.pk for p in grant.purposes.all()], "reason": "", "status": "approved",
        "decided_by": "وزیر", "decided_at_0": "2025-01-01", "decided_at_1": "10:00:00",
        "valid_from_0": "2025-01-01", "valid_from_1": "10:00:00", "consumer": world.ict_system.pk,
    })  # fmt: skip
    assert response.status_code == 302, response.context["adminform"].form.errors if response.context else ""
    grant.refresh_from_db()
    assert (grant.status, grant.decided_by, grant.decided_at, grant.valid_from) == ("requested", "", None, None)
    assert grant.consumer_id == world.faraja_system.pk  # another consumer is another request


def test_once_decided_a_grants_purposes_change_only_through_a_new_request(world: World) -> None:
    provider_head = logged_in("head-b", "agency_admin", "ict")
    provider_head.post("/admin/exchange/grant/", {"action": "approve", "_selected_action": [world.a_reads_b.pk]})
    page = page_of(provider_head, world.a_reads_b)
    assert 'name="purposes"' not in page and 'name="valid_until_0"' in page  # the end may still be set


def test_the_decider_is_named_by_role_and_agency_never_by_username(world: World) -> None:
    provider_head = logged_in("head-b", "agency_admin", "ict")
    response = provider_head.post(
        "/admin/exchange/grant/", {"action": "approve", "_selected_action": [world.a_reads_b.pk]}
    )
    assert response.status_code == 302
    grant = Grant.objects.get(pk=world.a_reads_b.pk)
    assert grant.status == "approved"
    assert grant.decided_by == f"مدیر دستگاه {world.ict.name}"

    consumer = logged_in("officer-a", "officer", "faraja")  # the consumer's staff read who decided
    page = page_of(consumer, grant)
    assert grant.decided_by in page and "head-b" not in page


def test_a_decider_with_a_full_name_on_record_is_named_by_it(world: World) -> None:
    provider_head = logged_in("head-b", "agency_admin", "ict")
    User.objects.filter(username="head-b").update(first_name="مریم", last_name="احمدی")
    provider_head.post("/admin/exchange/grant/", {"action": "reject", "_selected_action": [world.b_reads_b.pk]})
    provider_head.post("/admin/exchange/grant/", {"action": "revoke", "_selected_action": [world.a_reads_b.pk]})
    assert Grant.objects.get(pk=world.b_reads_b.pk).decided_by == "مریم احمدی"
    assert Grant.objects.get(pk=world.a_reads_b.pk).decided_by == "مریم احمدی"
