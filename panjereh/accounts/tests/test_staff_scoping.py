"""An officer of one agency sees and keeps only that agency's rows; a supervisor sees everyone's and
changes nothing; the selector behind it answers the same without the admin."""

from __future__ import annotations

import re

import pytest
from django.contrib.auth.models import AnonymousUser, Permission, User
from django.test import Client

from conftest import admin_login
from panjereh.accounts.models import StaffMember
from panjereh.accounts.selectors import staff_agency_codes, staff_read_only
from panjereh.accounts.tests.staff_world import Exchange, exchange_world, logged_in, make_staff, service_of
from panjereh.catalog.models import Service
from panjereh.exchange.models import AuditRecord, Grant

pytestmark = pytest.mark.usefixtures("catalog")


@pytest.fixture
def world() -> Exchange:
    return exchange_world()


def links_listed(client: Client, path: str) -> set[int]:
    """The rows of a changelist, by the links to their pages."""
    response = client.get(path)
    assert response.status_code == 200, response.status_code
    return {int(pk) for pk in re.findall(rf"{path}(\d+)/change/", response.content.decode())}


def test_the_selector_names_the_agencies_a_user_may_see(world: Exchange) -> None:
    officer = make_staff("officer-a", "officer", "faraja")
    head = make_staff("head-b", "agency_admin", "ict")
    supervisor = make_staff("watcher", "supervisor", None)
    root = User.objects.create_superuser("root", "root@example.ir", "a-long-test-password-1404")
    plain = User.objects.create_user("someone", is_staff=True)
    assert staff_agency_codes(officer) == {"faraja"}
    assert staff_agency_codes(head) == {"ict"}
    assert staff_agency_codes(supervisor) is None and staff_read_only(supervisor)
    assert staff_agency_codes(root) is None and not staff_read_only(root)
    assert staff_agency_codes(plain) == set()
    assert staff_agency_codes(AnonymousUser()) == set()
    assert not staff_read_only(officer)


def test_an_officer_sees_only_their_agencys_services(world: Exchange) -> None:
    client = logged_in("officer-a", "officer", "faraja")
    listed = links_listed(client, "/admin/catalog/service/")
    assert listed == set(Service.objects.filter(agency__code="faraja").values_list("pk", flat=True))
    assert len(listed) == 2


def test_an_officer_gets_a_404_on_another_agencys_service(world: Exchange) -> None:
    client = logged_in("officer-a", "officer", "faraja")
    other = service_of("ict")
    assert client.get(f"/admin/catalog/service/{other.pk}/change/").status_code == 404
    assert client.post(f"/admin/catalog/service/{other.pk}/change/", {"title": "x"}).status_code == 404
    assert client.get(f"/admin/catalog/service/{service_of('faraja').pk}/change/").status_code == 200


def test_an_officer_may_file_a_service_only_under_their_agency(world: Exchange) -> None:
    client = logged_in("officer-a", "officer", "faraja")
    form = client.get("/admin/catalog/service/add/").context["adminform"].form
    assert list(form.fields["agency"].queryset.values_list("code", flat=True)) == ["faraja"]
    # The autocomplete behind the agency box offers only theirs too.
    found = client.get(
        "/admin/autocomplete/", {"app_label": "catalog", "model_name": "service", "field_name": "agency", "term": ""}
    ).json()
    assert [item["text"] for item in found["results"]] == [world.a.agency.name]


def test_an_officer_sees_their_systems_data_services_grants_and_audit_rows(world: Exchange) -> None:
    client = logged_in("officer-a", "officer", "faraja")
    assert links_listed(client, "/admin/exchange/agencysystem/") == {world.a.system.pk}
    assert links_listed(client, "/admin/exchange/dataservice/") == {world.a.data_service.pk}
    # A grant is seen from both sides: A reads B's data, so A sees it; B reading itself, A does not.
    assert links_listed(client, "/admin/exchange/grant/") == {world.a_reads_b.pk}
    mine = AuditRecord.objects.filter(consumer_agency="faraja") | AuditRecord.objects.filter(provider="faraja")
    assert links_listed(client, "/admin/exchange/auditrecord/") == set(mine.values_list("pk", flat=True))
    assert len(mine) == 2
    assert client.get(f"/admin/exchange/agencysystem/{world.b.system.pk}/change/").status_code == 404
    assert client.get(f"/admin/exchange/grant/{world.b_reads_b.pk}/change/").status_code == 404
    other = AuditRecord.objects.get(consumer_agency="ict", provider="ict")
    assert client.get(f"/admin/exchange/auditrecord/{other.pk}/change/").status_code == 404
    assert links_listed(client, "/admin/agencies/agency/") == {world.a.agency.pk}


def test_an_officer_cannot_decide_grants(world: Exchange) -> None:
    client = logged_in("officer-a", "officer", "faraja")
    page = client.get("/admin/exchange/grant/").content.decode()
    assert 'value="approve"' not in page
    client.post("/admin/exchange/grant/", {"action": "approve", "_selected_action": [world.a_reads_b.pk]})
    assert Grant.objects.get(pk=world.a_reads_b.pk).status == "requested"


def test_the_providers_admin_decides_a_grant_the_consumers_cannot(world: Exchange) -> None:
    consumer_head = logged_in("head-a", "agency_admin", "faraja")
    consumer_head.post("/admin/exchange/grant/", {"action": "approve", "_selected_action": [world.a_reads_b.pk]})
    assert Grant.objects.get(pk=world.a_reads_b.pk).status == "requested"
    provider_head = logged_in("head-b", "agency_admin", "ict")
    response = provider_head.post(
        "/admin/exchange/grant/", {"action": "approve", "_selected_action": [world.a_reads_b.pk]}
    )
    assert response.status_code == 302
    grant = Grant.objects.get(pk=world.a_reads_b.pk)
    assert grant.status == "approved" and grant.decided_by == f"مدیر دستگاه {world.b.agency.name}"  # never a username


def test_an_agency_admin_renames_their_agency_but_not_another(world: Exchange) -> None:
    client = logged_in("head-a", "agency_admin", "faraja")
    assert client.get(f"/admin/agencies/agency/{world.a.agency.pk}/change/").status_code == 200
    assert client.get(f"/admin/agencies/agency/{world.b.agency.pk}/change/").status_code == 404


def test_a_supervisor_sees_every_agency_and_changes_nothing(world: Exchange) -> None:
    client = logged_in("watcher", "supervisor", None)
    assert links_listed(client, "/admin/catalog/service/") == set(Service.objects.values_list("pk", flat=True))
    assert links_listed(client, "/admin/exchange/grant/") == {world.a_reads_b.pk, world.b_reads_b.pk}
    assert len(links_listed(client, "/admin/exchange/auditrecord/")) == 3
    service = service_of("ict")
    page = client.get(f"/admin/catalog/service/{service.pk}/change/")
    assert page.status_code == 200 and 'name="title"' not in page.content.decode()  # shown, not editable
    assert client.post(f"/admin/catalog/service/{service.pk}/change/", {"title": "x"}).status_code == 403
    assert client.get("/admin/catalog/service/add/").status_code == 403
    assert client.post(f"/admin/catalog/service/{service.pk}/delete/", {"post": "yes"}).status_code == 403
    client.post("/admin/exchange/grant/", {"action": "revoke", "_selected_action": [world.b_reads_b.pk]})
    assert Grant.objects.get(pk=world.b_reads_b.pk).status == "requested"
    assert Service.objects.filter(pk=service.pk, title=service.title).exists()


def test_staff_without_a_membership_see_nothing(world: Exchange, client: Client) -> None:
    user = User.objects.create_user("loose", password="a-long-test-password-1404", is_staff=True)
    user.user_permissions.set(Permission.objects.filter(codename="view_service"))
    admin_login(client, user)
    assert links_listed(client, "/admin/catalog/service/") == set()
    StaffMember.objects.create(user=user, agency=world.a.agency, role="officer")
    assert len(links_listed(client, "/admin/catalog/service/")) == 2


def test_a_superuser_changes_a_members_role_and_their_group_follows(world: Exchange, client: Client) -> None:
    user = make_staff("officer-a", "officer", "faraja")
    admin_login(client, User.objects.create_superuser("root", "root@example.ir", "a-long-test-password-1404"))
    member = StaffMember.objects.get(user=user)
    page = f"/admin/accounts/staffmember/{member.pk}/change/"
    response = client.post(page, {"role": "supervisor", "agency": ""})
    assert response.status_code == 302
    assert [g.name for g in user.groups.all()] == ["ناظر"]
    assert staff_agency_codes(User.objects.get(pk=user.pk)) is None
    response = client.post(page, {"role": "officer", "agency": ""})
    assert response.status_code == 200
    assert "کارشناس و مدیر دستگاه باید به یک دستگاه وابسته باشند." in response.content.decode()
