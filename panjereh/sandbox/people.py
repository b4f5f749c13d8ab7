"""Synthetic people: every valid national code is one person, always the same one.

``person(code)`` is the single source of a person's name, gender, birth date and birth place;
every simulated agency asks it, so the civil registry, the conscription office and the rest
agree about who the person is (a woman is never called up for military service).
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from functools import lru_cache
from typing import Literal

from panjereh.persian import SANDBOX_MOBILE_PREFIX, normalize_national_code

from . import data
from .derive import TODAY, Draw, anniversary, from_jalali, jalali

Gender = Literal["male", "female"]

# Born between 1320/01/01 and 1385/12/end (Jalali), so everyone is an adult on TODAY.
BORN_FROM = from_jalali(1320, 1, 1)
BORN_UNTIL = from_jalali(1386, 1, 1) - datetime.timedelta(days=1)

DEATH_RATE = 0.02


@dataclass(frozen=True)
class Person:
    national_code: str  # 10 ASCII digits
    first_name: str
    last_name: str
    father_name: str
    gender: Gender
    birth_date: datetime.date  # Gregorian
    alive: bool
    birth_place: str

    @property
    def mobile(self) -> str:
        """The person's mobile, in the range kept for synthetic people (``panjereh.persian``'s
        ``SANDBOX_MOBILE_PREFIX``): ``0912000`` + the national code's last four digits. The telecom
        registry says it is theirs, and a real SMS provider never gets it."""
        return SANDBOX_MOBILE_PREFIX + self.national_code[-4:]

    @property
    def full_name(self) -> str:
        return f"{self.first_name} {self.last_name}"

    @property
    def birth_date_jalali(self) -> str:
        """``YYYY/MM/DD`` (Jalali, ASCII digits)."""
        return jalali(self.birth_date)

    def turned(self, years: int) -> datetime.date:
        """The day the person turned ``years`` old."""
        return anniversary(self.birth_date, years)

    def age_on(self, day: datetime.date = TODAY) -> int:
        years = day.year - self.birth_date.year
        return years - 1 if day < self.turned(years) else years


def person(national_code: str) -> Person:
    """The person with this national code (any accepted spelling, e.g. Persian digits).

    Raises ``panjereh.persian.InvalidNationalCode`` if the code is not valid.
    """
    return _person(normalize_national_code(national_code))


@lru_cache(maxsize=4096)
def _person(code: str) -> Person:
    draw = Draw(code)
    gender: Gender = draw.pick("gender", ("male", "female"))
    first_names = data.MALE_FIRST_NAMES if gender == "male" else data.FEMALE_FIRST_NAMES
    return Person(
        national_code=code,
        first_name=draw.pick("first_name", first_names),
        last_name=draw.pick("last_name", data.LAST_NAMES),
        father_name=draw.pick("father_name", data.FATHER_NAMES),
        gender=gender,
        birth_date=draw.date_between("birth_date", BORN_FROM, BORN_UNTIL),
        alive=not draw.chance("deceased", DEATH_RATE),
        birth_place=draw.pick("birth_place", data.CITIES),
    )
