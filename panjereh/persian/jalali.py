"""Jalali (Solar Hijri) dates for display and input, in Iran's time zone.

Times are stored in UTC; people read them as Tehran wall-clock time in the
Jalali calendar. Naive datetimes are taken as UTC (that is what Django with
USE_TZ hands out when tzinfo is missing), never as server-local time.
"""

from __future__ import annotations

import datetime
import re
from functools import cache
from zoneinfo import ZoneInfo

import jdatetime  # type: ignore[import-untyped,unused-ignore]  # ships without type hints

from .digits import to_ascii_digits, to_persian_digits

PERSIAN_MONTHS = (
    "فروردین",
    "اردیبهشت",
    "خرداد",
    "تیر",
    "مرداد",
    "شهریور",
    "مهر",
    "آبان",
    "آذر",
    "دی",
    "بهمن",
    "اسفند",
)

# Below this a year must be Jalali: no form of ours asks for Gregorian years
# before 1700, and Jalali years will not reach 1700 until 2321.
JALALI_YEAR_LIMIT = 1700

_DATE = re.compile(r"([0-9]{4})([-/])([0-9]{1,2})\2([0-9]{1,2})")


@cache
def _tehran() -> ZoneInfo:
    # Looked up lazily so that a host without tz data can still import the
    # package (normalisation and validation do not need it).
    return ZoneInfo("Asia/Tehran")


def _in_tehran(value: datetime.datetime) -> datetime.datetime:
    if value.tzinfo is None:
        value = value.replace(tzinfo=datetime.UTC)
    return value.astimezone(_tehran())


def to_jalali(
    value: datetime.date | datetime.datetime,
) -> jdatetime.date | jdatetime.datetime:
    """Convert to the Jalali calendar.

    Aware datetimes are first converted to Asia/Tehran; naive datetimes are
    taken as UTC, then converted. Plain dates are converted as they are.
    """
    if isinstance(value, datetime.datetime):
        return jdatetime.datetime.fromgregorian(datetime=_in_tehran(value))
    return jdatetime.date.fromgregorian(date=value)


def _digits(text: str, persian_digits: bool) -> str:
    return to_persian_digits(text) if persian_digits else text


def _jalali_date_text(value: datetime.date | datetime.datetime) -> str:
    jd = to_jalali(value)
    return f"{int(jd.year):04d}/{int(jd.month):02d}/{int(jd.day):02d}"


def format_date(value: datetime.date | datetime.datetime, *, persian_digits: bool = True) -> str:
    """Jalali date as ``۱۴۰۳/۰۲/۱۵`` (``1403/02/15`` without Persian digits)."""
    return _digits(_jalali_date_text(value), persian_digits)


def format_date_long(value: datetime.date | datetime.datetime, *, persian_digits: bool = True) -> str:
    """Jalali date with the month's name, as ``۱۵ اردیبهشت ۱۴۰۳``."""
    jd = to_jalali(value)
    month = PERSIAN_MONTHS[int(jd.month) - 1]
    return _digits(f"{int(jd.day)} {month} {int(jd.year)}", persian_digits)


def format_datetime(value: datetime.datetime, *, persian_digits: bool = True) -> str:
    """Jalali date and Tehran time, as ``۱۴۰۳/۰۲/۱۵ ساعت ۱۴:۳۰``."""
    local = _in_tehran(value)
    text = f"{_jalali_date_text(local)} ساعت {local.hour:02d}:{local.minute:02d}"
    return _digits(text, persian_digits)


def parse_date(text: str) -> datetime.date:
    """Parse ``YYYY-MM-DD`` or ``YYYY/MM/DD`` (any digit script) to a date.

    Years below 1700 are Jalali and converted to Gregorian; others are
    Gregorian. Raises ``ValueError`` for anything else, including dates that
    do not exist (e.g. 1402/12/30: 1402 is not a Jalali leap year).
    """
    match = _DATE.fullmatch(to_ascii_digits(text.strip()))
    if match is None:
        raise ValueError(f"not a date in YYYY/MM/DD or YYYY-MM-DD form: {text!r}")
    year, month, day = int(match[1]), int(match[3]), int(match[4])
    try:
        if year < JALALI_YEAR_LIMIT:
            result: datetime.date = jdatetime.date(year, month, day).togregorian()
        else:
            result = datetime.date(year, month, day)
    except (ValueError, OverflowError) as exc:
        calendar = "Jalali" if year < JALALI_YEAR_LIMIT else "Gregorian"
        raise ValueError(f"not a valid {calendar} date: {text!r} ({exc})") from exc
    return result
