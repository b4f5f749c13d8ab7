"""The exchange's back office: grants decided with one action, and an audit log nobody can edit."""

from __future__ import annotations

import pytest
from django.contrib.auth.models import User
from django.test import Client

from conftest import admin_login
from panjereh.exchange.models import AuditRecord, ExchangeState, Grant
from panjereh.exchange.tests.conftest import World


@pytest.fixture
def staff(client: Client, transactional_db: None) -> Client:
    admin_login(client, User.objects.create_superuser("admin", "admin@example.ir", "a-long-test-password-1405"))
    return client


def test_a_grant_is_revoked_with_one_action_and_the_gateway_stops_answering(staff: Client, world: World) -> None:
    grant = Grant.objects.get()
    before = ExchangeState.objects.get(pk=1).token
    response = staff.post("/admin/exchange/grant/", {"action": "revoke", "_selected_action": [grant.pk]})
    assert response.status_code == 302
    grant.refresh_from_db()
    assert grant.status == "revoked" and grant.decided_by == "راهبر پنجره ملی"  # never the username
    assert ExchangeState.objects.get(pk=1).token != before
    assert world.call().status_code == 403


def test_the_audit_log_cannot_be_added_to_changed_or_deleted_in_the_admin(staff: Client, world: World) -> None:
    world.call()
    record = AuditRecord.objects.get()
    assert staff.get("/admin/exchange/auditrecord/").status_code == 200
    assert staff.get("/admin/exchange/auditrecord/add/").status_code == 403
    assert staff.post(f"/admin/exchange/auditrecord/{record.pk}/delete/", {"post": "yes"}).status_code == 403
    page = staff.get(f"/admin/exchange/auditrecord/{record.pk}/change/").content.decode()
    assert 'name="subject"' not in page  # shown, not editable
    assert AuditRecord.objects.count() == 1


def test_the_shared_secret_is_never_shown_in_the_admin(staff: Client, world: World) -> None:
    page = staff.get(f"/admin/exchange/agencysystem/{world.consumer.pk}/change/").content.decode()
    assert "a-shared-secret-of-at-least-32-characters" not in page
