"""Reads that may lag go to a read replica when the deployment has one: inside `replica_reads()` the ORM
reads through the `replica` connection (the audit log's through `audit_replica`, or `replica` when it
shares the main database), writes and everything outside stay on the primary, and replicas are never
migrated. The evaluation's measurements and the public statistics read there. (Through a real second
connection: test_replica_connection.py.)"""

from __future__ import annotations

from typing import Any

import pytest
from django.conf import settings

from panjereh.agencies.models import Agency
from panjereh.core.replica import reading_from_replica, replica_reads
from panjereh.exchange.models import AuditRecord
from panjereh.ops.replica_router import ReplicaRouter


def test_the_router_sends_reads_to_a_replica_only_inside_replica_reads(monkeypatch: pytest.MonkeyPatch) -> None:
    router = ReplicaRouter()
    monkeypatch.setitem(settings.DATABASES, "replica", {})
    assert router.db_for_read(Agency) is None and not reading_from_replica()
    with replica_reads():
        assert router.db_for_read(Agency) == "replica"
        assert router.db_for_write(Agency) is None  # writes never
        monkeypatch.setattr(settings, "AUDIT_DATABASE_SHARED", False, raising=False)
        assert router.db_for_read(AuditRecord) is None  # its own database, no replica of it: the primary
        monkeypatch.setattr(settings, "AUDIT_DATABASE_SHARED", True)
        assert router.db_for_read(AuditRecord) == "replica"  # one database: its replica has the audit log
        monkeypatch.setitem(settings.DATABASES, "audit_replica", {})
        assert router.db_for_read(AuditRecord) == "audit_replica"
    assert router.db_for_read(Agency) is None
    assert router.allow_migrate("replica", "agencies") is False and router.allow_migrate("default", "agencies") is None


def test_without_a_replica_everything_reads_from_the_primary(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delitem(settings.DATABASES, "replica", raising=False)
    with replica_reads():
        assert ReplicaRouter().db_for_read(Agency) is None


@pytest.mark.django_db
def test_the_evaluation_measures_and_the_statistics_count_on_the_replica(monkeypatch: pytest.MonkeyPatch) -> None:
    import datetime

    from panjereh.evaluation import services, statistics

    seen: list[bool] = []

    def spy(result: Any) -> Any:
        def recorded(*args: Any, **kwargs: Any) -> Any:
            seen.append(reading_from_replica())
            return result(*args, **kwargs)

        return recorded

    monkeypatch.setattr(services, "measurements", spy(services.measurements))
    monkeypatch.setattr(statistics, "_count", spy(statistics._count))
    services.round_compute(code="1403-Q2", now=datetime.datetime(2024, 12, 1, tzinfo=datetime.UTC))
    statistics.statistics(datetime.datetime(2024, 12, 1, tzinfo=datetime.UTC))
    assert seen == [True, True]
