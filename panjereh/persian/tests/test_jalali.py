"""Tests for Jalali date conversion, formatting and parsing."""

from __future__ import annotations

import contextlib
import datetime
from zoneinfo import ZoneInfo

import jdatetime  # type: ignore[import-untyped,unused-ignore]
import pytest
from hypothesis import given
from hypothesis import strategies as st

from panjereh.persian import (
    PERSIAN_MONTHS,
    format_date,
    format_date_long,
    format_datetime,
    parse_date,
    to_jalali,
    to_persian_digits,
)

from .strategies import any_text

UTC = datetime.UTC
TEHRAN = ZoneInfo("Asia/Tehran")

# Dates whose Jalali year is below 1700, where parse_date reads Jalali.
representable_dates = st.dates(min_value=datetime.date(1900, 1, 1), max_value=datetime.date(2300, 12, 31))


def test_a_gregorian_date_converts_to_its_jalali_date() -> None:
    assert to_jalali(datetime.date(2024, 5, 4)) == jdatetime.date(1403, 2, 15)


def test_nowruz_starts_the_jalali_year() -> None:
    assert format_date(datetime.date(2025, 3, 21), persian_digits=False) == "1404/01/01"


def test_the_last_day_of_a_leap_year_is_esfand_30() -> None:
    assert format_date(datetime.date(2025, 3, 20), persian_digits=False) == "1403/12/30"


def test_aware_datetimes_are_converted_to_tehran_time_first() -> None:
    late_evening_utc = datetime.datetime(2024, 5, 4, 21, 0, tzinfo=UTC)  # 00:30 Tehran
    jd = to_jalali(late_evening_utc)
    assert (jd.year, jd.month, jd.day, jd.hour, jd.minute) == (1403, 2, 16, 0, 30)


def test_naive_datetimes_are_taken_as_utc() -> None:
    naive = datetime.datetime(2024, 5, 4, 21, 0)  # noqa: DTZ001 - naive on purpose
    aware = naive.replace(tzinfo=UTC)
    assert format_datetime(naive) == format_datetime(aware)
    assert format_date(naive) == "۱۴۰۳/۰۲/۱۶"


def test_datetimes_in_other_zones_are_shown_in_tehran_time() -> None:
    tokyo = datetime.datetime(2024, 5, 4, 20, 0, tzinfo=ZoneInfo("Asia/Tokyo"))
    assert format_datetime(tokyo) == "۱۴۰۳/۰۲/۱۵ ساعت ۱۴:۳۰"


def test_format_date_uses_persian_digits_by_default() -> None:
    assert format_date(datetime.date(2024, 5, 4)) == "۱۴۰۳/۰۲/۱۵"
    assert format_date(datetime.date(2024, 5, 4), persian_digits=False) == "1403/02/15"


def test_format_date_long_names_the_month() -> None:
    assert format_date_long(datetime.date(2024, 5, 4)) == "۱۵ اردیبهشت ۱۴۰۳"
    assert format_date_long(datetime.date(2024, 3, 24)) == "۵ فروردین ۱۴۰۳"
    assert format_date_long(datetime.date(2024, 3, 24), persian_digits=False) == "5 فروردین 1403"


@pytest.mark.parametrize("month", range(1, 13))
def test_every_month_has_its_persian_name(month: int) -> None:
    gregorian = jdatetime.date(1403, month, 1).togregorian()
    assert format_date_long(gregorian) == f"۱ {PERSIAN_MONTHS[month - 1]} ۱۴۰۳"


def test_format_datetime_shows_tehran_wall_clock_time() -> None:
    moment = datetime.datetime(2024, 5, 4, 11, 0, tzinfo=UTC)
    assert format_datetime(moment) == "۱۴۰۳/۰۲/۱۵ ساعت ۱۴:۳۰"
    assert format_datetime(moment, persian_digits=False) == "1403/02/15 ساعت 14:30"


@pytest.mark.parametrize(
    "text",
    [
        "1403/02/15",
        "1403-02-15",
        "1403/2/15",
        "۱۴۰۳/۰۲/۱۵",
        "١٤٠٣-٠٢-١٥",
        " 1403/02/15 ",
        "2024-05-04",
        "2024/05/04",
        "۲۰۲۴-۰۵-۰۴",
    ],
)
def test_parse_date_accepts_jalali_and_gregorian_in_any_digit_script(
    text: str,
) -> None:
    assert parse_date(text) == datetime.date(2024, 5, 4)


def test_parse_date_accepts_esfand_30_in_a_leap_year() -> None:
    assert parse_date("1403/12/30") == datetime.date(2025, 3, 20)


@pytest.mark.parametrize(
    "text",
    [
        "1402/12/30",  # 1402 is not a leap year
        "1403/12/31",  # Esfand never has 31 days
        "1403/07/31",  # the second half of the year has 30-day months
        "1403/13/01",
        "1403/00/10",
        "1403/01/00",
        "0000/01/01",
        "2023-02-29",
        "2024/13/01",
    ],
)
def test_parse_date_refuses_dates_that_do_not_exist(text: str) -> None:
    with pytest.raises(ValueError, match="not a valid"):
        parse_date(text)


@pytest.mark.parametrize(
    "text",
    [
        "",
        "1403/02",
        "1403-02/15",  # mixed separators
        "14030215",
        "03/02/15",
        "1403/02/15 10:00",
        "1403/002/15",
        "۱۴۰۳/۰۲/۱۵\u200f",  # right-to-left mark
        "fifteen",
    ],
)
def test_parse_date_refuses_text_that_is_not_a_date(text: str) -> None:
    with pytest.raises(ValueError, match="YYYY"):
        parse_date(text)


@given(representable_dates, st.booleans())
def test_formatted_jalali_dates_parse_back_to_the_same_day(day: datetime.date, persian: bool) -> None:
    assert parse_date(format_date(day, persian_digits=persian)) == day


@given(st.dates(min_value=datetime.date(1700, 1, 1)))
def test_iso_gregorian_dates_parse_to_themselves(day: datetime.date) -> None:
    assert parse_date(day.isoformat()) == day
    assert parse_date(to_persian_digits(day.isoformat())) == day


@given(
    st.datetimes(
        min_value=datetime.datetime(1900, 1, 1),  # noqa: DTZ001 - hypothesis wants naive bounds
        max_value=datetime.datetime(2300, 1, 1),  # noqa: DTZ001
        timezones=st.just(UTC),
    )
)
def test_format_datetime_agrees_with_the_tehran_date(moment: datetime.datetime) -> None:
    local = moment.astimezone(TEHRAN)
    date_part = format_date(local.date())
    assert format_datetime(moment) == (f"{date_part} ساعت {to_persian_digits(local.strftime('%H:%M'))}")


@given(
    st.one_of(
        any_text,
        st.from_regex(r"\A[0-9۰-۹٠-٩]{1,5}[-/][0-9۰-۹]{1,3}[-/][0-9]{1,3}\Z"),
    )
)
def test_parse_date_raises_nothing_but_value_error(text: str) -> None:
    with contextlib.suppress(ValueError):
        parse_date(text)
