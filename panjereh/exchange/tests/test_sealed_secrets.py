"""An agency system's HS256 secret is sealed at rest, with a key outside the database: a copy of the
database signs for no agency."""

from __future__ import annotations

import importlib
from types import SimpleNamespace

import pytest
from django.apps import apps
from django.db import connection

from panjereh.agencies.services import agency_upsert
from panjereh.core.secrets import SealBroken, is_sealed, seal, unseal
from panjereh.exchange import services
from panjereh.exchange.constants import CredentialKind
from panjereh.exchange.models import AgencySystem, SystemCredential

pytestmark = pytest.mark.django_db


def a_system() -> AgencySystem:
    return services.system_register(agency=agency_upsert(code="moi", name="وزارت کشور"), code="moi-portal", name="x")


def test_a_shared_secret_is_sealed_at_rest_and_shown_once() -> None:
    credential = services.credential_add_shared_secret(system=a_system(), key_id="main")
    stored = SystemCredential.objects.get(pk=credential.pk).secret
    assert is_sealed(stored) and credential.secret not in stored
    assert unseal(stored) == credential.secret  # the one the agency was given to sign with


def test_secrets_stored_before_sealing_are_sealed_by_the_migration() -> None:
    plain = "an-old-plaintext-secret-of-40-characters!"
    SystemCredential.objects.create(system=a_system(), key_id="old", kind=CredentialKind.HS256, secret=plain)
    migration = importlib.import_module("panjereh.exchange.migrations.0005_sealed_secrets")
    migration.seal_stored_secrets(apps, SimpleNamespace(connection=connection))  # as `migrate` calls it
    stored = SystemCredential.objects.get(key_id="old").secret
    assert is_sealed(stored) and unseal(stored) == plain


def test_an_edited_sealed_secret_opens_with_no_key() -> None:
    sealed = seal("a-shared-secret-of-at-least-32-characters!!")
    with pytest.raises(SealBroken):
        unseal(sealed[:-4] + "AAAA")
