"""Each flagship smart service, end to end with the sandbox agencies: applied for, asked about, decided."""

from __future__ import annotations

import pytest

from panjereh.applications.constants import Status
from panjereh.applications.models import Application, IssuedDocument
from panjereh.persian import make_national_code

from .conftest import apply, citizen, client_for, pay, run_tasks

FORMS = {
    "criminal-record-certificate": {},
    "passport-renewal": {"delivery_postal_code": "1345678901"},
    "driving-licence-renewal": {"delivery_postal_code": "1345678901"},
    "study-exemption": {"university": "دانشگاه صنعتی شریف", "degree": "bachelor", "student_number": "40110001"},
    "insurance-history-certificate": {},
    "property-ownership-certificate": {},
}


@pytest.mark.parametrize("service", list(FORMS))
def test_a_smart_service_decides_for_several_people_with_a_reason_and_a_document_when_granted(
    world: str, service: str
) -> None:
    outcomes = set()
    for n in range(6):  # several sandbox people, so both outcomes of most services show up
        code = make_national_code(f"{7_000_000_00 + n * 104_729:09d}")
        client = client_for(citizen(code, "0912000" + code[-4:]))
        submitted = apply(client, service, FORMS[service], key=f"{service}-{n}-key")
        assert submitted.status_code == 201
        if submitted.json()["status"] == "awaiting_payment":  # a service with a fee: paid at the bank first
            pay(client, submitted.json()["tracking_code"])
    run_tasks()
    for application in Application.objects.filter(definition__code=service):
        assert application.status in (Status.ISSUED, Status.REJECTED), application.status
        assert application.decision_reason
        assert application.rule_version == f"{service}@1"
        documents = IssuedDocument.objects.filter(application=application)
        assert documents.count() == (1 if application.status == Status.ISSUED else 0)
        outcomes.add(application.status)
    assert outcomes  # every application got its decision
