"""A municipality with a building permit decided by its officers, and an application waiting in its
inbox, built directly (no inquiries, no exchange): for tests of the back office's pages."""

from __future__ import annotations

import datetime

from django.utils import timezone

from panjereh.accounts.services import citizen_get_or_create
from panjereh.agencies.services import agency_upsert
from panjereh.applications.constants import DecisionMode, Status
from panjereh.applications.models import Application, ServiceDefinition
from panjereh.applications.tracking import new_tracking_code
from panjereh.catalog.models import Service
from panjereh.persian import to_persian_digits

MUNICIPALITY = "tehran-municipality"
INBOX = "/admin/applications/application/"


def permit_definition() -> ServiceDefinition:
    agency = agency_upsert(code=MUNICIPALITY, name="شهرداری تهران")
    title = "پروانه ساختمانی"
    service, _ = Service.objects.get_or_create(code="tehran-permit", defaults={"agency": agency, "title": title})
    definition, _ = ServiceDefinition.objects.get_or_create(
        code="building-permit",
        defaults={"service": service, "agency": agency, "title": title, "decision_mode": DecisionMode.HUMAN},
    )
    return definition


def waiting_application() -> Application:
    """An application in the municipality's inbox; its applicant's identity already confirmed by the registry
    (so deciding asks nothing outside), its service issuing no document."""
    definition = permit_definition()
    person = citizen_get_or_create(national_code="0012345679", first_name="سارا", last_name="رضایی")
    person.identity_checked_at = timezone.now()
    person.save(update_fields=["identity_checked_at"])
    now = timezone.now()
    return Application.objects.create(
        tracking_code=new_tracking_code(), citizen=person, definition=definition, agency=definition.agency,
        decision_mode=DecisionMode.HUMAN, status=Status.WAITING_FOR_AGENCY, submitted_at=now, due_from=now,
        due_at=now + datetime.timedelta(days=3),
    )  # fmt: skip


def page(application: Application, step: str = "change") -> str:
    return f"{INBOX}{application.pk}/{step}/"


def shown_code(application: Application) -> str:
    return to_persian_digits(application.tracking_code)
