"""Writes of accounts."""

from __future__ import annotations

from django.contrib.auth import get_user_model
from django.db import transaction

from panjereh.accounts.models import Citizen
from panjereh.persian import normalize_national_code


@transaction.atomic
def citizen_get_or_create(*, national_code: str, first_name: str = "", last_name: str = "") -> Citizen:
    code = normalize_national_code(national_code)
    existing = Citizen.objects.filter(national_code=code).select_related("user").first()
    if existing is not None:
        return existing
    user = get_user_model().objects.create_user(username=f"nc-{code}")
    user.set_unusable_password()  # citizens never have a password: they log in with a one-time code
    user.save(update_fields=["password"])
    return Citizen.objects.create(user=user, national_code=code, first_name=first_name, last_name=last_name)
