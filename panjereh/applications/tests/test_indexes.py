"""The applications table at national size (docs/capacity.md): every index it keeps is read by something,
and the tracking code stays unique."""

from __future__ import annotations

import pytest
from django.db import IntegrityError, connection, transaction

from panjereh.applications.models import Application

pytestmark = pytest.mark.django_db

TABLE = Application._meta.db_table


def constraints() -> dict[str, dict[str, object]]:
    with connection.cursor() as cursor:
        return dict(connection.introspection.get_constraints(cursor, TABLE))


def test_no_index_of_the_citizen_alone_the_citizen_and_date_index_serves_it() -> None:
    by_columns = [c["columns"] for c in constraints().values() if c["index"] and not c["unique"]]
    assert ["citizen_id"] not in by_columns
    assert ["citizen_id", "submitted_at"] in by_columns


def test_the_tracking_code_is_unique_and_has_no_like_index() -> None:
    unique = [c["columns"] for c in constraints().values() if c["unique"]]
    assert ["tracking_code"] in unique
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SELECT indexdef FROM pg_indexes WHERE tablename = %s", [TABLE])
            definitions = [row[0] for row in cursor.fetchall()]
        assert not [d for d in definitions if "varchar_pattern_ops" in d], definitions


def test_a_second_application_with_the_same_tracking_code_is_refused(world: str) -> None:
    from .conftest import apply, citizen, client_for

    first = apply(client_for(citizen()), "criminal-record-certificate")
    assert first.status_code == 201, first.content
    application = Application.objects.get(tracking_code=first.json()["tracking_code"])
    application.pk = None
    with pytest.raises(IntegrityError), transaction.atomic():
        Application.objects.bulk_create([application])
