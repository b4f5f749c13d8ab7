"""Tracking codes: 12 digits, the last a Verhoeff check digit, so a mistyped code is caught before
any lookup. Random, not sequential: a code says nothing about how many people applied."""

from __future__ import annotations

import secrets

from panjereh.core.checkdigit import verhoeff_digit, verhoeff_valid
from panjereh.persian import to_ascii_digits

LENGTH = 12


def new_tracking_code() -> str:
    body = str(secrets.randbelow(9 * 10 ** (LENGTH - 2)) + 10 ** (LENGTH - 2))  # no leading zero
    return body + verhoeff_digit(body)


def clean_tracking_code(text: str) -> str | None:
    """The code in ASCII digits (any digit script, spaces and dashes allowed), or None if malformed."""
    code = to_ascii_digits(text).replace("-", "").replace(" ", "")
    return code if len(code) == LENGTH and verhoeff_valid(code) else None
