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

LATIN, PERSIAN, ARABIC = "0123456789", "۰۱۲۳۴۵۶۷۸۹", "٠١٢٣٤٥٦٧٨٩"

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


# What people type or copy from the card (which prints ۰۰۱-۲۳۴۵۶۷-۹), with separators=True.

CARD_SPELLINGS = [
    "001-234567-9",
    "۰۰۱-۲۳۴۵۶۷-۹",
    "٠٠١-٢٣٤٥٦٧-٩",
    "001 234567 9",
    "0012 3456 79",
    " 001 - 234567 - 9 ",
    "001\u2013234567\u20139",  # en dashes
    "001\u2010234567\u20119",  # hyphen, non-breaking hyphen
    "001\u2212234567\u22129",  # minus signs
    "001\u00a0234567\u00a09",  # no-break spaces
    "001.234567.9",
    "001/234567/9",
    "0012345679",
]


@pytest.mark.parametrize("text", CARD_SPELLINGS)
def test_the_separators_people_write_between_digit_groups_are_forgiven_when_asked(text: str) -> None:
    assert normalize_national_code(text, separators=True) == "0012345679"
    assert is_valid_national_code(text, separators=True)


@pytest.mark.parametrize("text", [t for t in CARD_SPELLINGS if t.strip() != "0012345679"])
def test_without_asking_inner_separators_are_still_refused(text: str) -> None:
    with pytest.raises(InvalidNationalCode):
        normalize_national_code(text)


@pytest.mark.parametrize(
    "text",
    [
        "0012\u200c345679",  # zero-width non-joiner
        "\u202e0012345679",  # right-to-left override
        "0012345679\u200f",  # right-to-left mark
        "001-234567-9\u200b",  # zero-width space
        "\u2066001-234567-9\u2069",  # bidi isolate
        "001_234567_9",
        "001+234567+9",
        "00123456790",
        "001-234567",
        "\u0967499370899",  # Devanagari digit
        "abc",
        "",
        " - ",
    ],
)
def test_separators_forgive_nothing_invisible_and_nothing_but_ten_digits(text: str) -> None:
    with pytest.raises(InvalidNationalCode) as refused:
        normalize_national_code(text, separators=True)
    assert refused.value.kind == "shape"


@pytest.mark.parametrize("text", ["۰۰۱۲۳۴5679", "۰۰۱-۲۳۴۵۶۷-9", "٠۰۱۲۳۴۵۶۷۹"])
def test_ten_digits_of_mixed_scripts_are_refused_as_mixed(text: str) -> None:
    with pytest.raises(InvalidNationalCode) as refused:
        normalize_national_code(text, separators=True)
    assert refused.value.kind == "mixed"


@pytest.mark.parametrize("text", ["0012345678", "1111111111", "۰۰۰۰۰۰۰۰۰۰", "001-234567-8", "111-111111-1"])
def test_ten_digits_that_no_national_code_can_be_are_refused_as_not_issued(text: str) -> None:
    with pytest.raises(InvalidNationalCode) as refused:
        normalize_national_code(text, separators=True)
    assert refused.value.kind == "not_issued"


@pytest.mark.parametrize(
    ("text", "kind"), [("0012345678", "not_issued"), ("1111111111", "not_issued"), ("001234567", "shape"),
                       ("001-234567-9", "shape"), ("۰499370899", "mixed")],
)  # fmt: skip
def test_the_strict_form_says_which_way_too(text: str, kind: str) -> None:
    with pytest.raises(InvalidNationalCode) as refused:
        normalize_national_code(text)
    assert refused.value.kind == kind


separator = st.sampled_from(" -\u2013\u2212\u00a0./")


@given(nine_digits, st.sampled_from([LATIN, PERSIAN, ARABIC]), st.lists(st.tuples(st.integers(0, 10), separator)))
def test_any_separators_anywhere_in_a_valid_code_of_one_script_give_the_code(
    prefix: str, script: str, inserts: list[tuple[int, str]]
) -> None:
    assume(len(set(prefix)) > 1)
    code = make_national_code(prefix)
    text = code.translate(str.maketrans(LATIN, script))
    for position, mark in sorted(inserts, reverse=True):
        text = text[:position] + mark + text[position:]
    assert normalize_national_code(text, separators=True) == code


@given(any_text)
def test_with_separators_the_validator_raises_nothing_but_invalid_national_code(text: str) -> None:
    try:
        code = normalize_national_code(text, separators=True)
    except InvalidNationalCode as refused:
        assert refused.kind in ("shape", "mixed", "not_issued")
        assert not is_valid_national_code(text, separators=True)
    else:
        assert len(code) == 10 and code.isascii() and code.isdigit()
        assert normalize_national_code(code) == code
