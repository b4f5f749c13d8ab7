"""Index rows of services that are gone are pruned after migrate/flush (post_migrate)."""

from __future__ import annotations

import pytest
from django.core.management import call_command
from django.db import connection

from panjereh.catalog.models import Service
from panjereh.catalog.search.index import backend

pytestmark = pytest.mark.usefixtures("catalog")


def indexed_ids() -> set[int]:
    column = "service_id" if connection.vendor == "postgresql" else "rowid"
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT {column} FROM {backend().TABLE}")
        return {row[0] for row in cursor.fetchall()}


def test_rows_of_deleted_services_are_pruned_after_migrate() -> None:
    gone = Service.objects.get(code="tehran-building-permit")
    Service.objects.filter(pk=gone.pk).delete()  # a delete that bypassed the catalog's services
    assert gone.pk in indexed_ids()
    call_command("migrate", verbosity=0)
    assert indexed_ids() == set(Service.objects.values_list("pk", flat=True))
