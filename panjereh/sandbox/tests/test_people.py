"""The person generator: pure, deterministic, plausible, and one source of truth."""

from __future__ import annotations

import datetime

import pytest
from hypothesis import given
from hypothesis import strategies as st

from panjereh.persian import InvalidNationalCode, make_national_code, to_persian_digits
from panjereh.sandbox import data
from panjereh.sandbox.derive import TODAY, Draw, from_jalali, jalali
from panjereh.sandbox.people import BORN_FROM, BORN_UNTIL, person

from .conftest import national_codes

CODES = list(national_codes(2000))


def test_the_same_code_is_always_the_same_person() -> None:
    code = CODES[0]
    assert person(code) == person(code)
    # Not a cache artefact: the draw itself is a pure function of the code and field.
    assert Draw(code).number("first_name") == Draw(code).number("first_name")


def test_any_spelling_of_a_code_is_the_same_person() -> None:
    code = CODES[1]
    assert person(to_persian_digits(code)) == person(code) == person(f"  {code}\n")
    assert person(to_persian_digits(code)).national_code == code


def test_invalid_codes_are_refused() -> None:
    for text in ["", "123", "1234567890", "0000000000", "12345678a1", "۰۰۱2345679"]:
        with pytest.raises(InvalidNationalCode):
            person(text)


def test_different_codes_are_different_people() -> None:
    people = [person(code) for code in CODES[:200]]
    records = {(p.first_name, p.last_name, p.father_name, p.birth_date, p.birth_place) for p in people}
    assert len(records) == len(people)


def test_fields_come_from_the_tables_and_match_the_gender() -> None:
    for code in CODES[:500]:
        p = person(code)
        names = data.MALE_FIRST_NAMES if p.gender == "male" else data.FEMALE_FIRST_NAMES
        assert p.first_name in names
        assert p.last_name in data.LAST_NAMES
        assert p.father_name in data.FATHER_NAMES
        assert p.birth_place in data.CITIES
        assert p.full_name == f"{p.first_name} {p.last_name}"


def test_birth_dates_fall_between_1320_and_1385() -> None:
    assert jalali(BORN_FROM) == "1320/01/01"
    assert jalali(BORN_UNTIL).startswith("1385/12/")
    assert jalali(BORN_UNTIL + datetime.timedelta(days=1)) == "1386/01/01"
    for code in CODES:
        p = person(code)
        assert BORN_FROM <= p.birth_date <= BORN_UNTIL
        assert 1320 <= int(p.birth_date_jalali[:4]) <= 1385
        assert 18 <= p.age_on(TODAY) <= 85


def test_shares_are_plausible_over_many_people() -> None:
    people = [person(code) for code in CODES]
    men = sum(p.gender == "male" for p in people)
    dead = sum(not p.alive for p in people)
    assert 0.45 < men / len(people) < 0.55
    assert 0.005 < dead / len(people) < 0.04  # about 2%
    assert len({p.first_name for p in people}) > 60


def test_age_and_anniversaries() -> None:
    p = person(CODES[2])
    assert p.age_on(p.turned(30)) == 30
    assert p.age_on(p.turned(30) - datetime.timedelta(days=1)) == 29
    assert from_jalali(1404, 1, 1) == TODAY


@given(st.text(alphabet="0123456789", min_size=9, max_size=9))
def test_every_valid_code_is_a_person(prefix: str) -> None:
    try:
        code = make_national_code(prefix)
    except InvalidNationalCode:
        return
    p = person(code)
    assert p.national_code == code and p.gender in ("male", "female")


def test_draw_helpers_stay_in_range() -> None:
    draw = Draw(CODES[3], "test.")
    for i in range(300):
        assert 5 <= draw.between(f"b{i}", 5, 9) <= 9
        digits = draw.digits(f"d{i}", 13)
        assert len(digits) == 13 and digits.isdigit() and digits[0] != "0"
        assert draw.weighted(f"w{i}", [("a", 1), ("b", 0), ("c", 3)]) in ("a", "c")
        assert 0 <= draw.fraction(f"f{i}") < 1
