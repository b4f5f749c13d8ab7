"""Writes of service definitions from the back office. A definition that applications were made
under is never changed in place: they keep the version they were decided under, so an edit saves
a new version (the next number, active) and retires the one it came from."""

from __future__ import annotations

from django.db import transaction
from django.db.models import Max

from panjereh.applications.constants import DecisionMode
from panjereh.applications.models import Application, ServiceDefinition
from panjereh.catalog.services import services_smart_set


@transaction.atomic
def definition_save(*, definition: ServiceDefinition) -> ServiceDefinition:
    """Saves an edited (or new) definition: in place while no application uses the stored row,
    otherwise as a new version (`definition_new_version`). Returns the row that now holds the edit."""
    if definition.pk is not None and Application.objects.filter(definition_id=definition.pk).exists():
        return definition_new_version(definition=definition)
    before = ServiceDefinition.objects.filter(pk=definition.pk).values_list("service_id", flat=True).first()
    definition.save()
    smart_flags_sync({definition.service_id, *([before] if before else [])})  # its service may have changed
    return definition


@transaction.atomic
def definition_new_version(*, definition: ServiceDefinition) -> ServiceDefinition:
    """`definition` holds the edited values of a stored row: they become version max+1 of its code,
    and every other version of the code is deactivated (the stored row is not changed otherwise).
    The new version is active unless the edit itself switched the service off. The same object is
    returned, now the new row."""
    # Lock the code's versions, so that two edits at once do not both take the same number.
    versions = ServiceDefinition.objects.select_for_update().filter(code=definition.code)
    latest = versions.aggregate(latest=Max("version"))["latest"] or 0
    versions.filter(active=True).update(active=False)
    definition.pk = None
    definition._state.adding = True
    definition.version = latest + 1
    definition.save()
    smart_flags_sync({definition.service_id})
    return definition


def smart_flags_sync(service_ids: set[int] | None = None) -> int:
    """The catalog's smart flag, measured: a service is smart when an active definition decides it
    automatically (a definition never takes uploads: its evidence comes by inquiry). For the given
    services, or all of them."""
    automatic = ServiceDefinition.objects.filter(active=True, decision_mode=DecisionMode.AUTOMATIC)
    if service_ids is not None:
        automatic = automatic.filter(service_id__in=service_ids)
    return services_smart_set(smart=set(automatic.values_list("service_id", flat=True)), among=service_ids)
