"""The database not answering is a 503 with Retry-After (envelope or a plain Persian page), never a 500."""

from __future__ import annotations

from typing import Any

import pytest
from django.db import OperationalError
from django.test import Client

pytestmark = pytest.mark.django_db


@pytest.fixture
def database_down(monkeypatch: pytest.MonkeyPatch) -> None:
    from django.db.backends.utils import CursorWrapper

    def refuse(*args: Any, **kwargs: Any) -> Any:
        raise OperationalError("connection failed: the database system is shutting down")

    monkeypatch.setattr(CursorWrapper, "execute", refuse)


def test_the_api_answers_503_in_the_envelope(database_down: None) -> None:
    answer = Client(raise_request_exception=False).get("/api/v1/services", {"q": "گذرنامه"})
    assert answer.status_code == 503 and answer["Retry-After"] == "5"
    assert answer.json()["error"]["code"] == "service_unavailable"


def test_a_page_answers_503_in_persian(database_down: None) -> None:
    answer = Client(raise_request_exception=False).get("/services/", {"q": "گذرنامه"})
    page = answer.content.decode()
    assert answer.status_code == 503 and 'dir="rtl"' in page and "در دسترس نیست" in page
    assert answer["Cache-Control"] == "no-store"


def test_any_other_fault_is_still_a_500(monkeypatch: pytest.MonkeyPatch) -> None:
    def broken(*args: Any, **kwargs: Any) -> Any:
        raise RuntimeError("a bug")

    monkeypatch.setattr("panjereh.portal.views.home_summary", broken)
    answer = Client(raise_request_exception=False).get("/")
    assert answer.status_code == 500
