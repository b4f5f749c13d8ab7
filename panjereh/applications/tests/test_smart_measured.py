"""The catalog's smart flag is measured, not typed: a service is smart while an active definition on the
platform decides it automatically; what the agency's list claims is kept beside it."""

from __future__ import annotations

import pytest

from panjereh.agencies.services import agency_upsert
from panjereh.applications.constants import DecisionMode
from panjereh.applications.definitions_services import definition_new_version, definition_save, smart_flags_sync
from panjereh.applications.models import ServiceDefinition
from panjereh.catalog.models import Service

pytestmark = pytest.mark.django_db


def service(code: str, claimed: bool) -> Service:
    agency = agency_upsert(code="moi", name="وزارت کشور")
    return Service.objects.create(code=code, agency=agency, title=code, smart_claimed=claimed, maturity="full")


def definition(of: Service, mode: str) -> ServiceDefinition:
    return ServiceDefinition(
        code=of.code, service=of, agency=of.agency, title=of.title, decision_mode=mode,
        document={"kind": "x", "title": "x", "claims": []} if mode == DecisionMode.AUTOMATIC else None,
    )  # fmt: skip


def test_an_automatic_definition_makes_a_service_smart_and_a_claim_does_not() -> None:
    claimed, real = service("claimed-only", claimed=True), service("decided-here", claimed=False)
    smart_flags_sync()
    assert not Service.objects.get(pk=claimed.pk).smart  # the agency's word alone
    saved = definition_save(definition=definition(real, DecisionMode.AUTOMATIC))
    assert Service.objects.get(pk=real.pk).smart

    saved.decision_mode = DecisionMode.HUMAN  # an officer decides it from now on
    definition_save(definition=saved)
    assert not Service.objects.get(pk=real.pk).smart

    saved.decision_mode, saved.active = DecisionMode.AUTOMATIC, True
    definition_save(definition=saved)
    assert Service.objects.get(pk=real.pk).smart
    switched_off = ServiceDefinition.objects.get(pk=saved.pk)
    switched_off.active = False
    definition_new_version(definition=switched_off)  # the service is switched off on the platform
    assert not Service.objects.get(pk=real.pk).smart and Service.objects.get(pk=claimed.pk).smart_claimed
