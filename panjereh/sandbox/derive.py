"""Deterministic draws: every synthetic fact is a function of (national code, field name).

``Draw(code).pick("first_name", names)`` hashes ``code + "first_name"`` with SHA-256 and maps
the digest onto the choice, so the same code always gets the same value, in any process, on
any machine, and two fields never share randomness. No global random state, no clock: the
sandbox's "today" is the constant ``TODAY``.
"""

from __future__ import annotations

import datetime
import hashlib
from collections.abc import Sequence
from typing import TypeVar

import jdatetime

from panjereh.persian import format_date, to_jalali

T = TypeVar("T")

_SPAN = 1 << 256  # SHA-256 digests are uniform over [0, 2**256)

# The sandbox's fixed "today", Jalali 1404/01/01. Statuses ("valid", "expired", ...) and every
# date are judged against it, never against the clock, so answers do not change over time.
TODAY = datetime.date(2025, 3, 21)


class Draw:
    """Deterministic choices for one national code; ``scope`` prefixes every field name."""

    def __init__(self, national_code: str, scope: str = "") -> None:
        self.national_code = national_code
        self.scope = scope

    def number(self, field: str) -> int:
        """The field's 256-bit number: ``sha256(code + scope + field)``."""
        key = self.national_code + self.scope + field
        return int.from_bytes(hashlib.sha256(key.encode("utf-8")).digest(), "big")

    def fraction(self, field: str) -> float:
        """A number in [0, 1)."""
        return self.number(field) / _SPAN

    def between(self, field: str, low: int, high: int) -> int:
        """An integer in [low, high], both ends included."""
        return low + self.number(field) % (high - low + 1)

    def chance(self, field: str, probability: float) -> bool:
        """True for about ``probability`` of all national codes."""
        return self.fraction(field) < probability

    def pick(self, field: str, options: Sequence[T]) -> T:
        return options[self.number(field) % len(options)]

    def weighted(self, field: str, options: Sequence[tuple[T, int]]) -> T:
        """One of ``options``, each ``(value, weight)`` chosen in proportion to its weight."""
        point = self.number(field) % sum(weight for _, weight in options)
        for value, weight in options:
            if point < weight:
                return value
            point -= weight
        raise AssertionError("unreachable: the point is below the total weight")

    def digits(self, field: str, count: int, first: str = "123456789") -> str:
        """``count`` decimal digits; the first one from ``first`` (no leading zero by default)."""
        rest = str(self.number(field + ".rest") % 10 ** (count - 1)).zfill(count - 1) if count > 1 else ""
        return self.pick(field, first) + rest

    def date_between(self, field: str, start: datetime.date, end: datetime.date) -> datetime.date:
        """A day in [start, end]."""
        return start + datetime.timedelta(days=self.between(field, 0, (end - start).days))


def jalali(day: datetime.date) -> str:
    """``YYYY/MM/DD`` in the Jalali calendar with ASCII digits, as every answer writes dates."""
    return format_date(day, persian_digits=False)


def from_jalali(year: int, month: int, day: int) -> datetime.date:
    result: datetime.date = jdatetime.date(year, month, day).togregorian()
    return result


def month_index(day: datetime.date) -> int:
    """Months since Jalali year 0: consecutive Jalali months have consecutive indices."""
    jd = to_jalali(day)
    return int(jd.year) * 12 + int(jd.month) - 1


def month_start(index: int) -> datetime.date:
    """The first day of the Jalali month with this ``month_index``."""
    return from_jalali(index // 12, index % 12 + 1, 1)


def month_end(index: int) -> datetime.date:
    """The last day of the Jalali month with this ``month_index``."""
    return month_start(index + 1) - datetime.timedelta(days=1)


def anniversary(day: datetime.date, years: int) -> datetime.date:
    """The same calendar day ``years`` later (29 February falls back to the 28th)."""
    try:
        return day.replace(year=day.year + years)
    except ValueError:
        return day.replace(year=day.year + years, day=28)
