"""A round is a Jalali quarter, named like `1403-Q2` (Tir to Shahrivar 1403), from its first midnight
in Tehran to the next quarter's."""

from __future__ import annotations

import datetime
import re
import zoneinfo
from dataclasses import dataclass

import jdatetime
from django.conf import settings

from panjereh.core.errors import InvalidInput
from panjereh.persian import to_ascii_digits, to_persian_digits

NAME = re.compile(r"^(1[34]\d\d)-Q([1-4])$")
ROUND_PATTERN = r"^\s*[1۱١][34۳۴٣٤][0-9۰-۹٠-٩]{2}-[Qq][1-4۱-۴١-٤]\s*$"  # the same, in any digits (OpenAPI)
SEASONS = {1: "بهار", 2: "تابستان", 3: "پاییز", 4: "زمستان"}
# The refusal of a malformed name: in words and Persian digits (a code with Latin digits would need a
# <bdi dir="ltr"> a plain message cannot carry, and an example might name a round that does not exist).
NAME_IN_WORDS = "نام دوره سال خورشیدی چهاررقمی است، سپس خط تیره، حرف Q و شماره فصل از ۱ تا ۴."


@dataclass(frozen=True, order=True)
class Quarter:
    year: int
    number: int

    @property
    def code(self) -> str:
        return f"{self.year}-Q{self.number}"

    @property
    def name(self) -> str:
        """In words: «تابستان ۱۴۰۳»."""
        return f"{SEASONS[self.number]} {to_persian_digits(str(self.year))}"

    @property
    def start(self) -> datetime.datetime:
        return _midnight(self.year, 3 * self.number - 2)

    @property
    def end(self) -> datetime.datetime:
        """The next quarter's start: the round covers [start, end)."""
        return self.next().start

    def next(self) -> Quarter:
        return Quarter(self.year + 1, 1) if self.number == 4 else Quarter(self.year, self.number + 1)

    def previous(self) -> Quarter:
        return Quarter(self.year - 1, 4) if self.number == 1 else Quarter(self.year, self.number - 1)


def quarter_parse(text: str) -> Quarter:
    """`1403-Q2`, in any digits, any case; anything else is refused in Persian."""
    match = NAME.fullmatch(to_ascii_digits(str(text)).strip().upper())
    if match is None:
        raise InvalidInput("invalid_round", NAME_IN_WORDS, "round")
    return Quarter(int(match.group(1)), int(match.group(2)))


def quarter_of(moment: datetime.datetime) -> Quarter:
    local = jdatetime.datetime.fromgregorian(datetime=moment.astimezone(_tehran()))
    return Quarter(local.year, (local.month - 1) // 3 + 1)


def last_ended(now: datetime.datetime) -> Quarter:
    """The newest quarter that is over at `now`."""
    return quarter_of(now).previous()


def _midnight(year: int, month: int) -> datetime.datetime:
    day = jdatetime.date(year, month, 1).togregorian()
    return datetime.datetime(day.year, day.month, day.day, tzinfo=_tehran())


def _tehran() -> zoneinfo.ZoneInfo:
    return zoneinfo.ZoneInfo(settings.TIME_ZONE)
