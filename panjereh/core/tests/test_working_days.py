"""Working days: Fridays, the computed public holidays, the announced days, and deadlines counted on them."""

from __future__ import annotations

import datetime

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from panjereh.core.models import AnnouncedDay
from panjereh.core.working_days import TEHRAN, Calendar, calendar_from, tehran_date, working_deadline

COMPUTED = Calendar({})
HOUR = datetime.timedelta(hours=1)


def tehran(*args: int) -> datetime.datetime:
    return datetime.datetime(*args, tzinfo=TEHRAN)  # type: ignore[misc]


def test_fridays_and_public_holidays_are_not_working_days_and_have_persian_names() -> None:
    assert COMPUTED.closed_for(datetime.date(2026, 12, 4)) == "جمعه"
    assert COMPUTED.is_working_day(datetime.date(2026, 12, 5))  # Saturday, 14 Azar 1405
    assert "نوروز" in (COMPUTED.closed_for(datetime.date(2026, 3, 21)) or "")  # 1 Farvardin 1405
    assert COMPUTED.closed_for(datetime.date(2026, 6, 5)) == "قیام ۱۵ خرداد"  # digits in Persian
    assert COMPUTED.holiday_of(datetime.date(2026, 12, 4)) is None  # a Friday is not a holiday
    coming = COMPUTED.holidays_between(datetime.date(2026, 3, 18), datetime.date(2026, 3, 26))
    assert [day.day for day, _ in coming] == [20, 21, 22, 23, 24]  # oil day, then Nowruz (Fridays not listed)


def test_a_deadline_stops_its_clock_over_fridays_and_nowruz() -> None:
    # Wednesday 27 Esfand 1404, 10:00: 14 h that day, 24 on Thursday, then Friday and four days of
    # Nowruz off, 24 on Wednesday 5 Farvardin, and the last 10 h on Thursday.
    assert working_deadline(tehran(2026, 3, 18, 10), 72 * HOUR, COMPUTED) == tehran(2026, 3, 26, 10)
    # The same on an ordinary week: only the Friday is skipped.
    assert working_deadline(tehran(2026, 12, 2, 10), 72 * HOUR, COMPUTED) == tehran(2026, 12, 6, 10)
    # Started on a Friday, it first waits for Saturday.
    assert working_deadline(tehran(2026, 12, 4, 15), HOUR, COMPUTED) == tehran(2026, 12, 5, 1)
    assert working_deadline(tehran(2026, 12, 4, 15), datetime.timedelta(0), COMPUTED) == tehran(2026, 12, 5)
    # Within one working day nothing changes.
    assert working_deadline(tehran(2026, 12, 5, 9), 5 * HOUR, COMPUTED) == tehran(2026, 12, 5, 14)


def test_announced_days_close_and_open_days(db: None) -> None:
    AnnouncedDay.objects.create(day=datetime.date(2026, 12, 6), closed=True, reason="آلودگی هوا")
    AnnouncedDay.objects.create(day=datetime.date(2026, 12, 23), closed=False, reason="جابه‌جایی مناسبت")
    calendar = calendar_from(datetime.date(2026, 12, 5))
    assert calendar.closed_for(datetime.date(2026, 12, 6)) == "آلودگی هوا"
    assert calendar.is_working_day(datetime.date(2026, 12, 23))  # computed as a holiday, announced open
    assert not COMPUTED.is_working_day(datetime.date(2026, 12, 23))
    # Saturday 09:00 + 24 h: Sunday is closed by the announcement, so Monday 09:00.
    assert working_deadline(tehran(2026, 12, 5, 9), 24 * HOUR) == tehran(2026, 12, 7, 9)
    assert calendar_from(datetime.date(2026, 12, 7)).is_working_day(datetime.date(2026, 12, 6)) is True  # not read


# Hypothesis takes naive bounds and gives each value the zone asked for.
NAIVE_SPAN = {"min_value": datetime.datetime(2024, 1, 1), "max_value": datetime.datetime(2030, 12, 31)}  # noqa: DTZ001


@settings(max_examples=300, deadline=None)
@given(
    start=st.datetimes(**NAIVE_SPAN, timezones=st.just(datetime.UTC)),
    hours=st.integers(min_value=1, max_value=24 * 60),
)
def test_a_deadline_counts_exactly_the_promised_time_on_working_days(start: datetime.datetime, hours: int) -> None:
    deadline = working_deadline(start, hours * HOUR, COMPUTED)
    assert deadline >= start + hours * HOUR
    assert COMPUTED.is_working_day(tehran_date(deadline - datetime.timedelta(microseconds=1)))
    counted, at = datetime.timedelta(0), start  # add up the working time between start and the deadline
    while at < deadline:
        midnight = datetime.datetime.combine(tehran_date(at) + datetime.timedelta(days=1), datetime.time(), TEHRAN)
        step = min(midnight.astimezone(datetime.UTC), deadline) - at
        if COMPUTED.is_working_day(tehran_date(at)):
            counted += step
        at += step
    assert counted == hours * HOUR


@pytest.mark.parametrize("year", [1403, 1404, 1405, 1406])
def test_every_year_has_its_nowruz_and_a_plausible_number_of_holidays(year: int) -> None:
    import jdatetime

    first = jdatetime.date(year, 1, 1).togregorian()
    last = jdatetime.date(year + 1, 1, 1).togregorian() - datetime.timedelta(days=1)
    coming = COMPUTED.holidays_between(first, last)
    assert first in dict(coming)
    assert 20 <= len(coming) <= 40  # Iran has about 26 public holidays a year (some on Fridays)


def test_a_friday_stays_closed_whatever_is_announced() -> None:
    friday = datetime.date(2027, 8, 20)  # an estimated lunar holiday on a Friday
    announced = Calendar({friday: (False, "جابه‌جایی مناسبت")})
    assert announced.holiday_of(friday) is None and announced.closed_for(friday) == "جمعه"
    assert working_deadline(tehran(2027, 8, 19, 10), 24 * HOUR, announced) == tehran(2027, 8, 21, 10)


def test_the_computed_names_read_as_persian() -> None:
    names = dict(COMPUTED.holidays_between(datetime.date(2026, 3, 22), datetime.date(2026, 8, 12)))
    assert "عید نوروز" in names[datetime.date(2026, 3, 22)] and "عیدنوروز" not in names[datetime.date(2026, 3, 23)]
    assert "؛ " in names[datetime.date(2026, 8, 12)]  # two occasions on one day, spaced


def test_a_provinces_closure_closes_its_offices_and_stops_no_promise(db: None) -> None:
    AnnouncedDay.objects.create(day=datetime.date(2026, 12, 7), province="تهران", reason="آلودگی هوا")
    calendar = calendar_from(datetime.date(2026, 12, 5))
    assert calendar.holiday_of(datetime.date(2026, 12, 7), "تهران") == "آلودگی هوا"
    assert calendar.holiday_of(datetime.date(2026, 12, 7), "تهران ") == "آلودگی هوا"  # as an office may spell it
    assert calendar.holiday_of(datetime.date(2026, 12, 7), "اصفهان") is None
    assert calendar.is_working_day(datetime.date(2026, 12, 7))  # for the country's promises
    assert working_deadline(tehran(2026, 12, 6, 9), 48 * HOUR) == tehran(2026, 12, 8, 9)
