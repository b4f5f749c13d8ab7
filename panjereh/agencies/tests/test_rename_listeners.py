"""A rename is announced to the apps above agencies that registered for it, once each."""

from __future__ import annotations

from typing import Any

import pytest

from panjereh.agencies import services
from panjereh.agencies.services import agency_get_or_create


@pytest.mark.django_db
def test_a_rename_reaches_each_registered_listener_once(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(services, "_RENAME_LISTENERS", [])
    heard: list[Any] = []
    services.agency_rename_listener_add(heard.append)
    services.agency_rename_listener_add(heard.append)  # the same listener twice: still once
    agency, _ = agency_get_or_create(code="rename-probe", name="دستگاه آزمایشی")
    services.agency_renamed(agency=agency)
    assert heard == [agency]
