"""Writes of agencies."""

from __future__ import annotations

import datetime
from collections.abc import Callable
from typing import Any

from django.db import transaction

from panjereh.agencies.models import Agency


@transaction.atomic
def agency_get_or_create(*, code: str, name: str, is_sample: bool = False) -> tuple[Agency, bool]:
    """The agency with this code; created from `name` when unknown (the import format's rule)."""
    return Agency.objects.get_or_create(code=code, defaults={"name": name, "is_sample": is_sample})


@transaction.atomic
def agency_upsert(*, code: str, is_sample: bool = False, **fields: Any) -> Agency:
    """Create or update one agency by code (used by the sample data loader)."""
    for key in ("launched_on", "connected_on"):
        value = fields.get(key)
        if isinstance(value, str):
            fields[key] = datetime.date.fromisoformat(value)
    agency, _ = Agency.objects.update_or_create(code=code, defaults={**fields, "is_sample": is_sample})
    return agency


# Apps above agencies that keep something derived from an agency's name (the catalog's search index)
# register here at start-up, in their AppConfig.ready(): agencies may not import them.
_RENAME_LISTENERS: list[Callable[[Agency], None]] = []


def agency_rename_listener_add(listener: Callable[[Agency], None]) -> None:
    if listener not in _RENAME_LISTENERS:
        _RENAME_LISTENERS.append(listener)


def agency_renamed(*, agency: Agency) -> None:
    """An agency's name was changed (the back office): every registered listener brings its own data up to date."""
    for listener in _RENAME_LISTENERS:
        listener(agency)
