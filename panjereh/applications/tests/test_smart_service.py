"""A smart service end to end: apply with no paper, the state inquires, the rules decide, a signed document."""

from __future__ import annotations

from panjereh.applications.models import Application, IssuedDocument
from panjereh.exchange.models import AuditRecord

from .conftest import CLEAN, WITH_RECORD, apply, citizen, client_for, registry_name, run_tasks


def test_a_criminal_record_certificate_is_issued_when_the_judiciary_has_no_record(world: str) -> None:
    client = client_for(citizen(CLEAN))
    submitted = apply(client, "criminal-record-certificate")
    assert submitted.status_code == 201, submitted.content
    code = submitted.json()["tracking_code"]
    assert submitted.json()["status"] == "submitted"

    run_tasks()

    detail = client.get(f"/api/v1/applications/{code}").json()
    assert detail["status"] == "issued"
    assert detail["decision"]["reason"].startswith("قوه قضاییه سابقه کیفری")
    assert detail["decision"]["rule_version"] == "criminal-record-certificate@1"
    assert len(detail["decision"]["inputs_hash"]) == 64
    assert [e["status"] for e in detail["timeline"]] == ["submitted", "in_progress", "issued"]
    (document,) = detail["documents"]
    stored = IssuedDocument.objects.get(pk=document["id"])
    # The holder as the civil registry named them for this application, not the account's local copy.
    assert stored.claims == {"holder": registry_name(CLEAN), "national_code": CLEAN, "no_criminal_record": True}
    # Both inquiries went through the exchange, audited under the person's national code.
    audited = AuditRecord.objects.filter(subject=CLEAN, purpose="criminal-record-certificate", status=200)
    assert audited.count() == 2


def test_a_criminal_record_certificate_is_refused_with_its_reason_when_the_judiciary_reports_a_record(
    world: str,
) -> None:
    client = client_for(citizen(WITH_RECORD, "09120004590"))
    code = apply(client, "criminal-record-certificate").json()["tracking_code"]
    run_tasks()
    detail = client.get(f"/api/v1/applications/{code}").json()
    assert detail["status"] == "rejected"
    assert "سابقه محکومیت کیفری" in detail["decision"]["reason"]
    assert detail["documents"] == []
    assert not IssuedDocument.objects.exists()
    assert Application.objects.get(tracking_code=code).inputs_hash
