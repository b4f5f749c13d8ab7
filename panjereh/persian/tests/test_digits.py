"""Tests for digit conversion between Latin, Persian and Arabic-Indic."""

from __future__ import annotations

import decimal

from hypothesis import given
from hypothesis import strategies as st

from panjereh.persian import digit_script, to_ascii_digits, to_persian_digits

from .strategies import any_text


def test_persian_and_arabic_indic_digits_become_ascii() -> None:
    assert to_ascii_digits("۰۱۲۳۴۵۶۷۸۹") == "0123456789"
    assert to_ascii_digits("٠١٢٣٤٥٦٧٨٩") == "0123456789"


def test_to_ascii_digits_changes_nothing_but_digits() -> None:
    assert to_ascii_digits("قيمت ۱۲۳ و ٤٥٦ ريال،") == "قيمت 123 و 456 ريال،"


def test_integers_are_shown_with_persian_digits() -> None:
    assert to_persian_digits(1403) == "۱۴۰۳"
    assert to_persian_digits(-25) == "-۲۵"


def test_arabic_indic_digits_become_persian_digits() -> None:
    assert to_persian_digits("٤٥٦") == "۴۵۶"


def test_a_dot_between_digits_becomes_the_persian_decimal_separator() -> None:
    assert to_persian_digits(3.25) == "۳٫۲۵"
    assert to_persian_digits(decimal.Decimal("12.50")) == "۱۲٫۵۰"


def test_other_dots_are_left_alone() -> None:
    assert to_persian_digits("ساعت 5.") == "ساعت ۵."
    assert to_persian_digits(".5") == ".۵"
    assert to_persian_digits("a.b") == "a.b"


def test_non_numbers_are_converted_with_str() -> None:
    assert to_persian_digits(None) == "None"
    assert to_persian_digits(["1", 2]) == "['۱', ۲]"


def test_a_broken_str_does_not_make_to_persian_digits_raise() -> None:
    class Broken:
        def __str__(self) -> str:
            raise RuntimeError("boom")

    assert "Broken" in to_persian_digits(Broken())


def test_digit_script_reports_each_script_present() -> None:
    assert digit_script("abc") == set()
    assert digit_script("12") == {"latin"}
    assert digit_script("۱۲") == {"persian"}
    assert digit_script("١٢") == {"arabic"}
    assert digit_script("1۲٣") == {"latin", "persian", "arabic"}


def test_digit_script_ignores_digits_of_other_scripts() -> None:
    assert digit_script("\u0967") == set()  # Devanagari one


@given(
    st.one_of(
        any_text,
        st.integers(),
        st.floats(),
        st.decimals(),
        st.none(),
        st.lists(st.integers()),
    )
)
def test_to_persian_digits_is_total_and_leaves_no_latin_or_arabic_digits(
    value: object,
) -> None:
    result = to_persian_digits(value)
    assert digit_script(result) <= {"persian"}


@given(st.integers())
def test_persian_integers_convert_back_to_ascii(number: int) -> None:
    assert to_ascii_digits(to_persian_digits(number)) == str(number)


@given(any_text)
def test_to_ascii_digits_keeps_length_and_leaves_only_latin_digits(text: str) -> None:
    result = to_ascii_digits(text)
    assert len(result) == len(text)
    assert digit_script(result) <= {"latin"}
    assert to_ascii_digits(result) == result
