"""Tests for Iranian mobile number normalisation."""

from __future__ import annotations

import re

import pytest
from hypothesis import given
from hypothesis import strategies as st

from panjereh.persian import (
    SANDBOX_MOBILE_PREFIX,
    InvalidMobile,
    is_sandbox_mobile,
    is_valid_mobile,
    mask_mobile,
    normalize_mobile,
    to_persian_digits,
)

from .strategies import any_text

CANONICAL = re.compile(r"09[0-9]{9}")


@pytest.mark.parametrize(
    "text",
    [
        "09121234567",
        "+989121234567",
        "00989121234567",
        "989121234567",
        "9121234567",
        "0912 123 4567",
        "0912-123-4567",
        "+98 (912) 123-4567",
        "(0912) 123 4567",
        "  09121234567\n",
        "۰۹۱۲۱۲۳۴۵۶۷",
        "+۹۸ ۹۱۲ ۱۲۳ ۴۵۶۷",
        "٠٩١٢١٢٣٤٥٦٧",
    ],
)
def test_every_accepted_spelling_gives_the_canonical_number(text: str) -> None:
    assert normalize_mobile(text) == "09121234567"
    assert is_valid_mobile(text)


@pytest.mark.parametrize(
    ("text", "reason"),
    [
        ("0912abc4567", "only digits"),
        ("09121234567\u200c", "only digits"),  # zero-width non-joiner
        ("\u200e09121234567", "only digits"),  # left-to-right mark
        ("0912\u200f1234567", "only digits"),  # right-to-left mark
        ("0912\u200b1234567", "only digits"),  # zero-width space
        ("0912_123_4567", "only digits"),
        ("0912+1234567", "only digits"),
        ("۰۹۱۲1234567", "one script"),
        ("0912123456", "digits"),  # too short
        ("009891212345678", "digits"),
        ("912123456", "digits"),
        ("091212345678", "digits"),  # too long
        ("+9809121234567", "digits"),  # trunk zero after the country code
        ("02112345678", "start with 9"),  # Tehran landline
        ("+98 21 1234 5678", "start with 9"),
        ("+442071234567", "+98"),
        ("", "start"),
        ("+", "start"),
        ("-09121234567", "start"),
        ("09121234567-", "end"),
        ("(0912 1234567", "parentheses"),
        ("0912) 1234567", "parentheses"),
        ("((0912)) 1234567", "parentheses"),
        ("()09121234567", "parentheses"),
    ],
)
def test_malformed_numbers_are_refused_with_a_reason(text: str, reason: str) -> None:
    with pytest.raises(InvalidMobile, match=re.escape(reason)):
        normalize_mobile(text)
    assert not is_valid_mobile(text)


def test_invalid_mobile_is_a_value_error() -> None:
    assert issubclass(InvalidMobile, ValueError)


def test_mask_hides_the_middle_three_digits() -> None:
    assert mask_mobile("09121234567") == "0912***4567"


def test_mask_normalizes_first() -> None:
    assert mask_mobile("+۹۸ ۹۱۲ ۱۲۳ ۴۵۶۷") == "0912***4567"


def test_mask_refuses_what_is_not_a_mobile_number() -> None:
    with pytest.raises(InvalidMobile):
        mask_mobile("not a number")


@pytest.mark.parametrize("text", ["09120000000", "09120005679", "09120009999", "+98 912 000 5679", "۰۹۱۲۰۰۰۵۶۷۹"])
def test_the_sandbox_range_is_0912000_and_any_spelling_of_it(text: str) -> None:
    assert SANDBOX_MOBILE_PREFIX == "0912000"
    assert is_sandbox_mobile(text)


@pytest.mark.parametrize("text", ["09120010000", "09121234567", "09350005679", "0912000567", "not a number", ""])
def test_numbers_outside_the_sandbox_range_and_non_numbers_are_not_sandbox_numbers(text: str) -> None:
    assert not is_sandbox_mobile(text)


@given(any_text)
def test_normalize_mobile_raises_nothing_but_invalid_mobile(text: str) -> None:
    try:
        number = normalize_mobile(text)
    except InvalidMobile:
        assert not is_valid_mobile(text)
    else:
        assert CANONICAL.fullmatch(number)


@given(st.text(st.sampled_from("0123456789۰۹٠٩+-() \u200c"), max_size=20))
def test_normalize_mobile_is_total_on_number_like_text(text: str) -> None:
    assert isinstance(is_valid_mobile(text), bool)


subscriber = st.text(st.sampled_from("0123456789"), min_size=9, max_size=9)
prefix = st.sampled_from(["+98", "0098", "98", "0", "", "+98 ", "0"])


@given(subscriber, prefix, st.sampled_from(["latin", "persian", "arabic"]))
def test_normalize_mobile_round_trips_its_own_output(digits: str, country: str, script: str) -> None:
    text = f"{country}9{digits}"
    if script == "persian":
        text = to_persian_digits(text)
    elif script == "arabic":
        text = text.translate(str.maketrans("0123456789", "٠١٢٣٤٥٦٧٨٩"))
    number = normalize_mobile(text)
    assert number == f"09{digits}"
    assert normalize_mobile(number) == number
    assert mask_mobile(number) == f"09{digits[:2]}***{digits[-4:]}"
