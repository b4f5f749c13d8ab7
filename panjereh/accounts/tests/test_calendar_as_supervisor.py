"""The council's supervisors keep the official calendar in the back office: a saved or deleted day is
passed on to the apps once committed; a new reason alone is not."""

from __future__ import annotations

import datetime
from typing import Any

import pytest

from panjereh.accounts.tests.staff_world import logged_in
from panjereh.core import working_days
from panjereh.core.models import AnnouncedDay

pytestmark = pytest.mark.django_db


def test_saving_and_deleting_pass_the_day_on_once_committed(
    monkeypatch: pytest.MonkeyPatch, django_capture_on_commit_callbacks: Any
) -> None:
    from django.utils import timezone

    today = datetime.datetime(2026, 12, 5, 9, 0, tzinfo=datetime.UTC)  # the form judges a day by today
    admin_client = logged_in("council-calendar", "supervisor", None)  # the supervisors keep the calendar
    monkeypatch.setattr(timezone, "now", lambda: today)
    told: list[datetime.date] = []
    monkeypatch.setattr(working_days, "_LISTENERS", [told.append])
    with django_capture_on_commit_callbacks(execute=True):
        answer = admin_client.post("/admin/core/announcedday/add/", {"day": "1405/09/16", "closed": "on",
                                                                     "reason": "آلودگی هوا"})  # fmt: skip
    assert answer.status_code == 302 and told == [datetime.date(2026, 12, 7)]
    saved = AnnouncedDay.objects.get()
    assert str(saved) == "۱۶ آذر ۱۴۰۵: آلودگی هوا"
    with django_capture_on_commit_callbacks(execute=True):  # a new reason alone moves nothing
        admin_client.post(f"/admin/core/announcedday/{saved.pk}/change/", {"day": "1405/09/16", "closed": "on",
                                                                          "reason": "آلودگی شدید هوا"})  # fmt: skip
    assert told == [datetime.date(2026, 12, 7)]
    with django_capture_on_commit_callbacks(execute=True):
        admin_client.post(f"/admin/core/announcedday/{saved.pk}/delete/", {"post": "yes"})
    assert told == [datetime.date(2026, 12, 7)] * 2 and not AnnouncedDay.objects.exists()
