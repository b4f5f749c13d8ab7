"""The typo vocabulary follows catalog changes: this process's at once, another process's soon."""

from __future__ import annotations

import secrets

import pytest

from conftest import import_records, profile
from panjereh.catalog.models import SearchState, Service
from panjereh.catalog.search import engine, search_services
from panjereh.catalog.search.documents import build_document
from panjereh.catalog.search.index import backend

pytestmark = pytest.mark.usefixtures("catalog")


def test_a_service_imported_here_is_found_by_a_typo_at_once() -> None:
    search_services("گذرنامه")  # the vocabulary is built and cached
    import_records([profile("new-1", "ثبت اختراع")])
    assert search_services("اختراغ").services[0].code == "new-1"  # غ for ع


def test_a_change_written_by_another_process_is_seen_after_the_check_interval(monkeypatch: pytest.MonkeyPatch) -> None:
    search_services("گذرنامه")
    # Another process adds a service: rows and index written, token changed, but not through this
    # process's index functions, so its local generation does not move.
    service = Service.objects.create(
        code="other-1", title="ثبت علامت تجاری", agency_id=Service.objects.first().agency_id
    )  # type: ignore[union-attr]
    backend().write([build_document(service.pk, service.title, [], "", "")])
    SearchState.objects.filter(pk=1).update(token=secrets.token_hex(16))

    assert search_services("تجاری").services[0].code == "other-1"  # the index itself is current
    monkeypatch.setattr(engine, "VERSION_CHECK_SECONDS", 0.0)  # as if a second has passed
    assert search_services("تجاریی").services[0].code == "other-1"  # and the typo vocabulary too
