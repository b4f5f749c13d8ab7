from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from panjereh.core.checkdigit import verhoeff_digit, verhoeff_valid

digits = st.text(alphabet="0123456789", min_size=2, max_size=20)


def test_known_verhoeff_values() -> None:
    assert verhoeff_digit("236") == "3"
    assert verhoeff_valid("2363")
    assert not verhoeff_valid("2364")
    assert not verhoeff_valid("۲۳۶۳")  # ASCII only: callers convert digits first


@given(digits)
def test_a_number_with_its_check_digit_is_valid(body: str) -> None:
    assert verhoeff_valid(body + verhoeff_digit(body))


@given(digits, st.data())
def test_every_single_digit_error_is_caught(body: str, data: st.DataObject) -> None:
    number = body + verhoeff_digit(body)
    i = data.draw(st.integers(0, len(number) - 1))
    wrong = data.draw(st.sampled_from([d for d in "0123456789" if d != number[i]]))
    assert not verhoeff_valid(number[:i] + wrong + number[i + 1 :])


@given(digits, st.data())
def test_every_swap_of_neighbours_is_caught(body: str, data: st.DataObject) -> None:
    number = body + verhoeff_digit(body)
    i = data.draw(st.integers(0, len(number) - 2))
    swapped = number[:i] + number[i + 1] + number[i] + number[i + 2 :]
    assert swapped == number or not verhoeff_valid(swapped)
