"""A document names its holder as the civil registry does, never from an empty local copy: the
attack was a first login while the registry was down, then a certificate issued with `holder: ""`."""

from __future__ import annotations

from collections.abc import Iterator

import httpx
import pytest
from django.contrib.auth import get_user_model

from panjereh.accounts.models import Citizen
from panjereh.accounts.services import citizen_get_or_create
from panjereh.applications.constants import Status
from panjereh.applications.models import Application, IssuedDocument
from panjereh.applications.services import decisions, processing
from panjereh.core.errors import Conflict

from .conftest import CLEAN, agency_down, apply, client_for, registry_name, run_tasks


def unconfirmed() -> Citizen:
    """An account made while the civil registry was down: a national code and nothing else."""
    return citizen_get_or_create(national_code=CLEAN)


@pytest.fixture
def registry_down(world: str, sandbox_url: str) -> Iterator[str]:
    with agency_down(sandbox_url, "civil-registry"):
        yield sandbox_url


def test_an_account_without_a_confirmed_identity_gets_a_certificate_in_the_registrys_name(world: str) -> None:
    code = apply(client_for(unconfirmed()), "criminal-record-certificate").json()["tracking_code"]
    run_tasks()
    application = Application.objects.get(tracking_code=code)
    assert application.status == Status.ISSUED
    document = IssuedDocument.objects.get(application=application)
    assert document.claims["holder"] == registry_name(CLEAN)
    assert Citizen.objects.get(national_code=CLEAN).identity_checked_at is not None  # and the account is confirmed


def test_while_the_registry_is_down_the_certificate_waits_for_it(registry_down: str) -> None:
    code = apply(client_for(unconfirmed()), "criminal-record-certificate").json()["tracking_code"]
    run_tasks()
    application = Application.objects.get(tracking_code=code)
    assert (application.status, application.attempts) == (Status.IN_PROGRESS, 1)
    assert not IssuedDocument.objects.filter(application=application).exists()
    httpx.delete(f"{registry_down}/_faults", timeout=5).raise_for_status()
    processing.application_process(str(application.pk))  # the next round, once the registry is back
    application.refresh_from_db()
    assert application.status == Status.ISSUED
    assert IssuedDocument.objects.get(application=application).claims["holder"] == registry_name(CLEAN)


def test_a_document_about_a_person_without_a_name_is_never_signed(world: str) -> None:
    code = apply(client_for(unconfirmed()), "criminal-record-certificate").json()["tracking_code"]
    application = Application.objects.get(tracking_code=code)
    inputs = {"form": {}, "person": decisions.person_inputs(application.citizen), "inquiries": {}}
    with pytest.raises(decisions.HolderUnknown):
        decisions.document_for(application, inputs)


def test_an_officer_cannot_issue_a_document_with_no_holder_name(registry_down: str) -> None:
    code = apply(client_for(unconfirmed()), "criminal-record-certificate").json()["tracking_code"]
    application = Application.objects.get(tracking_code=code)
    decisions.to_inbox(application, "آزمون")
    with pytest.raises(Conflict) as refused:
        decisions.application_decide(application=application, user=get_user_model().objects.create_user("officer"),
                                     approved=True, reason="مدارک و هویت بررسی شد", name="کارشناس")  # fmt: skip
    assert refused.value.code == "holder_unknown"
    application.refresh_from_db()
    assert application.status == Status.WAITING_FOR_AGENCY and not IssuedDocument.objects.exists()
