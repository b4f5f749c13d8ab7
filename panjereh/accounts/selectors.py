"""Reads of accounts."""

from __future__ import annotations

from typing import Any

from panjereh.accounts.models import Citizen


def citizen_of(user: Any) -> Citizen | None:
    """The citizen behind a logged-in user, or None (anonymous, staff without a national code)."""
    if not getattr(user, "is_authenticated", False):
        return None
    return Citizen.objects.filter(user_id=user.pk).first()
