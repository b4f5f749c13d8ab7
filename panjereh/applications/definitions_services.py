"""Writes of service definitions from the back office. A definition that applications were made
under is never changed in place: they keep the version they were decided under, so an edit saves
a new version (the next number, active) and retires the one it came from."""

from __future__ import annotations

from django.db import transaction
from django.db.models import Max

from panjereh.applications.models import Application, ServiceDefinition


@transaction.atomic
def definition_save(*, definition: ServiceDefinition) -> ServiceDefinition:
    """Saves an edited (or new) definition: in place while no application uses the stored row,
    otherwise as a new version (`definition_new_version`). Returns the row that now holds the edit."""
    if definition.pk is None:
        definition.save()
        return definition
    if Application.objects.filter(definition_id=definition.pk).exists():
        return definition_new_version(definition=definition)
    definition.save()
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
    return definition
