"""Iranian mobile numbers: one canonical form, ``09xxxxxxxxx``.

People write the same number as +98 912 ..., 0098912..., 0912-..., or with
Persian digits; logins and SMS need one spelling. Separators people use for
readability are forgiven, but anything invisible or alphabetic is refused so
that a number cannot hide characters that make it look like another.
"""

from __future__ import annotations

from .digits import (
    ARABIC_DIGITS,
    LATIN_DIGITS,
    PERSIAN_DIGITS,
    digit_script,
    to_ascii_digits,
)

_DIGITS = frozenset(LATIN_DIGITS + PERSIAN_DIGITS + ARABIC_DIGITS)
_SEPARATORS = frozenset(" -()")

# The numbers of synthetic people: 09120000000 to 09120009999. The sandbox gives every person
# ``0912000`` + the last four digits of their national code (``panjereh.sandbox.people``), and a
# real SMS provider is never asked to send to this range (``panjereh.notifications.backends``).
SANDBOX_MOBILE_PREFIX = "0912000"


class InvalidMobile(ValueError):
    """The text is not an Iranian mobile number."""


def _check_parentheses(text: str) -> None:
    # Parentheses may only wrap a digit group, e.g. "+98 (912) 123 4567".
    depth = 0
    group_has_digit = False
    for ch in text:
        if ch == "(":
            if depth:
                raise InvalidMobile("nested parentheses")
            depth, group_has_digit = 1, False
        elif ch == ")":
            if not depth or not group_has_digit:
                raise InvalidMobile("unbalanced parentheses")
            depth = 0
        elif ch in _DIGITS:
            group_has_digit = True
    if depth:
        raise InvalidMobile("unbalanced parentheses")


def _national_part(digits: str, international: bool) -> str:
    """Strip the country or trunk prefix, leaving the 10 national digits."""
    if international:  # written with "+": only +98 is ours
        if not digits.startswith("98"):
            raise InvalidMobile("not an Iranian (+98) number")
        rest = digits[2:]
    elif digits.startswith("0098"):
        rest = digits[4:]
    elif len(digits) == 12 and digits.startswith("98"):
        rest = digits[2:]  # "98" alone is ambiguous: 0981... numbers exist
    elif digits.startswith("0"):
        rest = digits[1:]
    else:
        rest = digits
    if len(rest) != 10:
        raise InvalidMobile("wrong number of digits")
    return rest


def normalize_mobile(text: str) -> str:
    """Return the number as ``09xxxxxxxxx`` or raise ``InvalidMobile``.

    Accepts +98, 0098, 98, 0 or no prefix; any single digit script; and
    spaces, dashes and parentheses between digit groups.
    """
    text = text.strip()
    international = text.startswith("+")
    body = text[1:] if international else text
    if any(ch not in _DIGITS and ch not in _SEPARATORS for ch in body):
        raise InvalidMobile("only digits, spaces, dashes and parentheses are allowed")
    # Separators go between digit groups, not before or after the number.
    if not body or body[0] not in _DIGITS | {"("} or body[-1] not in _DIGITS | {")"}:
        raise InvalidMobile("must start and end with a digit")
    _check_parentheses(body)
    raw_digits = "".join(ch for ch in body if ch in _DIGITS)
    if len(digit_script(raw_digits)) != 1:
        raise InvalidMobile("digits must all be of one script")
    rest = _national_part(to_ascii_digits(raw_digits), international)
    if not rest.startswith("9"):
        raise InvalidMobile("not a mobile number (must start with 9)")
    return "0" + rest


def is_valid_mobile(text: str) -> bool:
    """Whether ``text`` is an Iranian mobile number (see ``normalize_mobile``)."""
    try:
        normalize_mobile(text)
    except InvalidMobile:
        return False
    return True


def mask_mobile(mobile: str) -> str:
    """Hide the middle of a mobile number: ``0912***4567`` (ASCII digits).

    The input is normalised first, so any accepted spelling masks the same;
    raises ``InvalidMobile`` rather than masking (and leaking) garbage.
    """
    number = normalize_mobile(mobile)
    return f"{number[:4]}***{number[-4:]}"


def is_sandbox_mobile(text: str) -> bool:
    """Whether ``text`` is a synthetic person's number (``SANDBOX_MOBILE_PREFIX``), in any accepted
    spelling; text that is not a mobile number is not one."""
    try:
        return normalize_mobile(text).startswith(SANDBOX_MOBILE_PREFIX)
    except InvalidMobile:
        return False
