"""The process's copies of service definitions, for submission and processing: read once, then only
checked with a one-row read (panjereh.infra.rows) each time they are used. Kept rows are only read."""

from __future__ import annotations

import datetime

from panjereh.applications.models import ServiceDefinition
from panjereh.infra import rows

DEFINITIONS_KEPT = 1000
_DEFINITIONS: dict[tuple[int, datetime.datetime], ServiceDefinition] = {}  # (pk, updated_at) → the row then
_ACTIVE: dict[str, int] = {}  # code → the row last found active for it


def active_definition(code: str) -> ServiceDefinition | None:
    """The active definition of this code, kept by the process while its row is unchanged. The row
    last found active for the code is looked at with a one-row read (still active? updated when?);
    only when it is not is the code's active row looked for again, and the whole row read only when
    it has changed (the ORM's read of the whole row, on every submission, cost several times the look
    for the code's active row). Another row of the code can only become active once this one is not
    (one active version per code)."""
    pk = _ACTIVE.get(code)
    state = rows.values(ServiceDefinition, pk, ["active", "updated_at"]) if pk is not None else None
    if pk is None or state is None or not state["active"]:
        stamp = ServiceDefinition.objects.filter(active=True, code=code).values_list("pk", "updated_at").first()
        if stamp is None:
            return None
        if len(_ACTIVE) >= DEFINITIONS_KEPT:
            _ACTIVE.clear()
        _ACTIVE[code] = stamp[0]
        return definition_kept(*stamp)
    return definition_kept(pk, state["updated_at"])


def definition_kept(pk: int, updated_at: datetime.datetime) -> ServiceDefinition | None:
    """The definition row `pk` as it was at `updated_at`, from the process's copies when it has it."""
    kept = _DEFINITIONS.get((pk, updated_at))
    if kept is None:
        kept = ServiceDefinition.objects.filter(pk=pk).first()
        if kept is not None and kept.updated_at == updated_at:  # not edited in between
            if len(_DEFINITIONS) >= DEFINITIONS_KEPT:
                _DEFINITIONS.clear()
            _DEFINITIONS[(pk, updated_at)] = kept
    return kept
