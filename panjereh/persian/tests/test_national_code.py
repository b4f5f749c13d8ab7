"""Tests for Iranian national code validation."""

from __future__ import annotations

import pytest
from hypothesis import assume, given
from hypothesis import strategies as st

from panjereh.persian import (
    InvalidNationalCode,
    is_valid_national_code,
    make_national_code,
    normalize_national_code,
    to_persian_digits,
)

from .strategies import any_text

# Each checked by hand against the mod-11 algorithm.
VALID_CODES = ["0499370899", "0790419904", "0084575948", "0067749828", "0013542419"]

nine_digits = st.text(st.sampled_from("0123456789"), min_size=9, max_size=9)


@pytest.mark.parametrize("code", VALID_CODES)
def test_known_valid_codes_are_accepted(code: str) -> None:
    assert normalize_national_code(code) == code
    assert is_valid_national_code(code)


def test_persian_digits_are_accepted_and_returned_as_ascii() -> None:
    assert normalize_national_code("۰۴۹۹۳۷۰۸۹۹") == "0499370899"


def test_arabic_indic_digits_are_accepted_and_returned_as_ascii() -> None:
    assert normalize_national_code("٠٤٩٩٣٧٠٨٩٩") == "0499370899"


def test_surrounding_whitespace_is_ignored() -> None:
    assert normalize_national_code(" \t0499370899\n\u00a0") == "0499370899"


@pytest.mark.parametrize("code", ["0000000000", "1111111111", "5555555555"])
def test_codes_of_one_repeated_digit_are_refused(code: str) -> None:
    with pytest.raises(InvalidNationalCode, match="same"):
        normalize_national_code(code)


def test_a_wrong_check_digit_is_refused() -> None:
    with pytest.raises(InvalidNationalCode, match="check digit"):
        normalize_national_code("0499370898")


@pytest.mark.parametrize(
    "text",
    [
        "۰499370899",  # mixed Persian and Latin digits
        "٠۴۹۹۳۷۰۸۹۹",  # mixed Arabic-Indic and Persian digits
        "049937089",  # too short
        "04993708990",  # too long
        "",
        "049937089a",
        "0499 370899",
        "049-9370899",
        "0499370899\u200c",  # zero-width non-joiner
        "\u200e0499370899",  # left-to-right mark
        "04993\u200f70899",  # right-to-left mark
        "\u20660499370899\u2069",  # bidi isolate
        "0499370899\u200b",  # zero-width space
        "\u0967499370899",  # Devanagari digit
        "¹499370899",  # superscript one is not a digit here
    ],
)
def test_anything_but_ten_digits_of_one_script_is_refused(text: str) -> None:
    with pytest.raises(InvalidNationalCode):
        normalize_national_code(text)
    assert not is_valid_national_code(text)


def test_invalid_national_code_is_a_value_error() -> None:
    assert issubclass(InvalidNationalCode, ValueError)


def test_make_national_code_appends_the_check_digit() -> None:
    assert make_national_code("049937089") == "0499370899"
    assert make_national_code("۰۰۱۳۵۴۲۴۱") == "0013542419"


@pytest.mark.parametrize("prefix", ["000000000", "777777777"])
def test_make_national_code_refuses_a_repeated_digit_prefix(prefix: str) -> None:
    with pytest.raises(InvalidNationalCode):
        make_national_code(prefix)


@pytest.mark.parametrize("prefix", ["04993708", "0499370899", "04993708a", "۰499370۸9"])
def test_make_national_code_refuses_anything_but_nine_digits(prefix: str) -> None:
    with pytest.raises(InvalidNationalCode):
        make_national_code(prefix)


@given(any_text)
def test_the_validator_raises_nothing_but_invalid_national_code(text: str) -> None:
    try:
        code = normalize_national_code(text)
    except InvalidNationalCode:
        assert not is_valid_national_code(text)
    else:
        assert is_valid_national_code(text)
        assert len(code) == 10
        assert code.isascii()
        assert code.isdigit()


@given(st.text(st.sampled_from("0123456789۰۱۲۳۴۵۶۷۸۹٠١٢٣٤٥٦٧٨٩"), max_size=12))
def test_the_validator_raises_nothing_else_on_digit_strings(text: str) -> None:
    assert isinstance(is_valid_national_code(text), bool)


@given(nine_digits)
def test_make_national_code_yields_a_valid_code_for_any_varied_prefix(
    prefix: str,
) -> None:
    assume(len(set(prefix)) > 1)
    code = make_national_code(prefix)
    assert code.startswith(prefix)
    assert normalize_national_code(code) == code
    assert normalize_national_code(to_persian_digits(code)) == code


@given(nine_digits, st.sampled_from("0123456789"))
def test_only_one_check_digit_fits_each_prefix(prefix: str, last: str) -> None:
    assume(len(set(prefix)) > 1)
    assert is_valid_national_code(prefix + last) == (make_national_code(prefix) == prefix + last)
