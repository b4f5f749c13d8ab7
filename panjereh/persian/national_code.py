"""Iranian national code (کد ملی): validation and canonical form.

The code is 10 digits whose last digit is a mod-11 check digit. Validation is
strict on purpose: a national code identifies a person, so we refuse anything
that could make two different-looking strings mean the same code (mixed digit
scripts, invisible or bidi characters, inner separators).
"""

from __future__ import annotations

from .digits import ARABIC_DIGITS, LATIN_DIGITS, PERSIAN_DIGITS, to_ascii_digits

_SCRIPTS = (LATIN_DIGITS, PERSIAN_DIGITS, ARABIC_DIGITS)


class InvalidNationalCode(ValueError):
    """The text is not a valid Iranian national code."""


def _single_script_digits(text: str, length: int) -> str:
    """``text`` as ASCII if it is exactly ``length`` digits of one script."""
    if len(text) != length:
        raise InvalidNationalCode(f"must be exactly {length} digits")
    if not any(all(ch in script for ch in text) for script in _SCRIPTS):
        raise InvalidNationalCode("must contain only digits, all of one script")
    return to_ascii_digits(text)


def _check_digit(prefix9: str) -> int:
    s = sum(int(d) * (10 - i) for i, d in enumerate(prefix9)) % 11
    return s if s < 2 else 11 - s


def normalize_national_code(text: str) -> str:
    """Return the code as 10 ASCII digits, or raise ``InvalidNationalCode``.

    Surrounding whitespace is ignored; nothing else is forgiven.
    """
    code = _single_script_digits(text.strip(), 10)
    if len(set(code)) == 1:
        raise InvalidNationalCode("all ten digits are the same")
    if _check_digit(code[:9]) != int(code[9]):
        raise InvalidNationalCode("check digit does not match")
    return code


def is_valid_national_code(text: str) -> bool:
    """Whether ``text`` is a valid national code (see ``normalize_national_code``)."""
    try:
        normalize_national_code(text)
    except InvalidNationalCode:
        return False
    return True


def make_national_code(prefix9: str) -> str:
    """Append the check digit to 9 digits (for tests and synthetic people).

    Raises ``InvalidNationalCode`` if ``prefix9`` is not 9 digits of one
    script, or is one digit repeated (its code would be all the same digit).
    """
    prefix = _single_script_digits(prefix9, 9)
    return normalize_national_code(prefix + str(_check_digit(prefix)))
