"""The official calendar's form in the back office: solar dates in any digits, a day that is not in the
calendar or a year out of range refused in Persian, nothing announced for a Friday or opened that is
not closed. (Saving it as a supervisor: accounts/tests/test_calendar_as_supervisor.py.)"""

from __future__ import annotations

import datetime

import pytest

from panjereh.core.calendar_admin import AnnouncedDayForm

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def frozen(monkeypatch: pytest.MonkeyPatch) -> None:
    """The form judges a day by today: today is 14 Azar 1405 (a Saturday)."""
    from django.utils import timezone

    monkeypatch.setattr(timezone, "now", lambda: datetime.datetime(2026, 12, 5, 9, 0, tzinfo=datetime.UTC))


def form(day: str, closed: bool = True, reason: str = "آلودگی هوا") -> AnnouncedDayForm:
    return AnnouncedDayForm(data={"day": day, "reason": reason, **({"closed": "on"} if closed else {})})


@pytest.mark.parametrize(
    ("typed", "says"),
    [
        ("1404/12/30", "این روز در تقویم نیست"),  # 1404 is not a leap year
        ("1405/13/01", "این روز در تقویم نیست"),
        ("2026/12/11", "تاریخ خورشیدی"),  # a Gregorian date is not taken for a solar one
        ("0001/01/01", "تاریخ خورشیدی"),
        ("فردا", "تاریخ خورشیدی"),
        ("", "این فیلد لازم است"),
        ("1405/09/20", "جمعه همیشه تعطیل است"),
        ("1405/09/05", "بیش از ۷ روز از آن گذشته"),  # a Thursday nine days ago
    ],
)
def test_what_the_form_refuses(typed: str, says: str) -> None:
    refused = form(typed)
    assert not refused.is_valid()
    assert says in " ".join(str(error) for errors in refused.errors.values() for error in errors)


def test_a_province_may_be_closed_but_not_opened() -> None:
    closed = AnnouncedDayForm(data={"day": "1405/09/16", "province": "خوزستان", "closed": "on", "reason": "گرما"})
    assert closed.is_valid(), closed.errors
    opened = AnnouncedDayForm(data={"day": "1405/10/02", "province": "خوزستان", "reason": "جابه‌جایی"})
    assert not opened.is_valid() and "تنها برای سراسر کشور" in str(opened.errors)
    assert not AnnouncedDayForm(data={"day": "1405/09/16", "province": "آتلانتیس", "closed": "on",
                                      "reason": "گرما"}).is_valid()  # fmt: skip


def test_a_day_is_taken_in_any_digits_and_only_a_holiday_can_be_announced_open() -> None:
    taken = form("۱۴۰۵/۰۹/۱۶")
    assert taken.is_valid(), taken.errors
    assert taken.cleaned_data["day"] == datetime.date(2026, 12, 7)
    assert not form("1405/09/16", closed=False).is_valid()  # an ordinary Monday: already a working day
    assert form("1405/10/02", closed=False).is_valid()  # a computed holiday (ولادت امام علی) may be opened


@pytest.mark.parametrize("reason", ["https://evil.example", "ببینید bit.ly/x", "تعطیل www"])
def test_a_reason_is_words_never_a_link(reason: str) -> None:
    refused = form("1405/09/16", reason=reason)
    assert not refused.is_valid() and "بی نشانی اینترنتی" in str(refused.errors["reason"])


def test_a_late_correction_within_the_week_is_taken() -> None:
    late = form("1405/09/09", reason="  آلودگی   هوا ")  # a Sunday six days ago
    assert late.is_valid(), late.errors
    assert late.cleaned_data["reason"] == "آلودگی هوا"
