"""The sample history: past quarters of activity for the sample agencies, loaded once, on definitions
nobody can apply to, with exchange calls that keep the audit log's chain whole."""

from __future__ import annotations

import datetime

import pytest

from panjereh.applications.models import Application, Complaint, Rating, ServiceDefinition
from panjereh.applications.sample_history import HISTORY_CONSUMER, PREFIX, sample_history_load
from panjereh.catalog.sample_loader import sample_load
from panjereh.exchange.audit.io import verify_database
from panjereh.exchange.models import AuditRecord

pytestmark = pytest.mark.django_db

UTC = datetime.UTC
WINDOWS = [
    (datetime.datetime(2024, 3, 20, tzinfo=UTC), datetime.datetime(2024, 6, 20, tzinfo=UTC)),
    (datetime.datetime(2024, 6, 20, tzinfo=UTC), datetime.datetime(2024, 9, 22, tzinfo=UTC)),
]


def test_past_activity_is_loaded_once_within_its_windows() -> None:
    sample_load(services=300)
    added = sample_history_load(WINDOWS)
    assert added["applications"] == Application.objects.count() > 500
    assert added["exchange_calls"] == AuditRecord.objects.filter(consumer=HISTORY_CONSUMER).count() > 500
    history = ServiceDefinition.objects.filter(code__startswith=PREFIX)
    assert history.exists() and not history.filter(active=True).exists()  # nobody can apply to them
    first, last = WINDOWS[0][0], WINDOWS[-1][1]
    assert not Application.objects.exclude(submitted_at__gte=first, submitted_at__lt=last).exists()
    assert Rating.objects.count() > 0 and Complaint.objects.filter(answered_at__isnull=False).exists()
    assert not AuditRecord.objects.filter(consumer=HISTORY_CONSUMER).exclude(subject="").exists()  # no person's
    assert verify_database().ok

    again = sample_history_load(WINDOWS)
    assert again == {"applications": 0, "exchange_calls": 0} and Application.objects.count() == added["applications"]


def test_declared_services_are_consistent_with_the_catalog() -> None:
    from panjereh.agencies.models import Agency
    from panjereh.catalog.selectors import listed_services

    sample_load(services=300)
    listed = listed_services()
    for agency in Agency.objects.filter(is_sample=True):
        assert agency.declared_services is not None and agency.declared_services >= listed.get(agency.pk, 0)


def test_the_history_never_gives_one_tracking_number_twice(monkeypatch: pytest.MonkeyPatch) -> None:
    """Some hundred thousand random numbers drawn for one load: two alike once broke a demo's start."""
    from panjereh.applications import sample_history

    drawn = iter(["100000000017", "100000000017", "100000000025", "100000000017", "100000000033"])
    monkeypatch.setattr(sample_history, "new_tracking_code", lambda: next(drawn))
    taken: set[str] = set()
    given = [sample_history._unique_code(taken) for _ in range(3)]
    assert given == ["100000000017", "100000000025", "100000000033"]
