"""Iranian national code (کد ملی): validation and canonical form.

The code is 10 digits whose last digit is a mod-11 check digit. Validation is
strict on purpose: a national code identifies a person, so we refuse anything
that could make two different-looking strings mean the same code (mixed digit
scripts, invisible or bidi characters). The one thing forgiven, and only when
the caller asks (``separators=True``, for what people type), is the visible
separators they write between digit groups: the card prints ``۰۰۱-۲۳۴۵۶۷-۹``.

A refusal says which way the text failed (``InvalidNationalCode.kind``), so
that a person who typed ten digits is not asked to type ten digits.
"""

from __future__ import annotations

from typing import Literal

from .digits import ARABIC_DIGITS, LATIN_DIGITS, PERSIAN_DIGITS, to_ascii_digits

_SCRIPTS = (LATIN_DIGITS, PERSIAN_DIGITS, ARABIC_DIGITS)
_DIGITS = frozenset(LATIN_DIGITS + PERSIAN_DIGITS + ARABIC_DIGITS)

# What people write between digit groups, or copy with them: spaces (any width, no-break too), the dash
# and its look-alikes (hyphen, non-breaking hyphen, figure/en/em dash, minus sign, small and full-width
# hyphen-minus), dots and slashes. All visible: invisible characters are never forgiven.
_SEPARATORS = frozenset(" \t\u00a0\u2007\u202f\u3000-\u2010\u2011\u2012\u2013\u2014\u2212\ufe63\uff0d./")

# Which way a text is not a national code:
#   "shape": not ten digits (too few, too many, or something besides digits and allowed separators);
#   "mixed": ten digits, but not all of one script (a Persian ۰ among Latin digits);
#   "not_issued": ten digits that no national code can be: a wrong check digit, or one digit ten times.
Kind = Literal["shape", "mixed", "not_issued"]


class InvalidNationalCode(ValueError):
    """The text is not a valid Iranian national code; ``kind`` says which way (see ``Kind``)."""

    def __init__(self, reason: str, kind: Kind = "shape") -> None:
        super().__init__(reason)
        self.kind: Kind = kind


def _single_script_digits(text: str, length: int) -> str:
    """``text`` as ASCII if it is exactly ``length`` digits of one script."""
    if len(text) != length or any(ch not in _DIGITS for ch in text):
        raise InvalidNationalCode(f"must be exactly {length} digits")
    if not any(all(ch in script for ch in text) for script in _SCRIPTS):
        raise InvalidNationalCode("digits must all be of one script", "mixed")
    return to_ascii_digits(text)


def _check_digit(prefix9: str) -> int:
    s = sum(int(d) * (10 - i) for i, d in enumerate(prefix9)) % 11
    return s if s < 2 else 11 - s


def _drop_separators(text: str) -> str:
    """``text`` without the separators people write between digit groups (``_SEPARATORS``)."""
    return "".join(ch for ch in text.strip() if ch not in _SEPARATORS)


def normalize_national_code(text: str, *, separators: bool = False) -> str:
    """Return the code as 10 ASCII digits, or raise ``InvalidNationalCode``.

    Surrounding whitespace is ignored. With ``separators=True`` (for what a
    person types or copies from the card) so are spaces, dashes, dots and
    slashes anywhere: ``۰۰۱-۲۳۴۵۶۷-۹`` is ``0012345679``. Nothing else is
    forgiven.

    >>> normalize_national_code("۰۰۱-۲۳۴۵۶۷-۹", separators=True)
    '0012345679'
    """
    text = _drop_separators(text) if separators else text.strip()
    code = _single_script_digits(text, 10)
    if len(set(code)) == 1:
        raise InvalidNationalCode("all ten digits are the same", "not_issued")
    if _check_digit(code[:9]) != int(code[9]):
        raise InvalidNationalCode("check digit does not match", "not_issued")
    return code


def is_valid_national_code(text: str, *, separators: bool = False) -> bool:
    """Whether ``text`` is a valid national code (see ``normalize_national_code``)."""
    try:
        normalize_national_code(text, separators=separators)
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
