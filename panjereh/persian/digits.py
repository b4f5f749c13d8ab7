"""Digit conversion between Latin (ASCII), Persian and Arabic-Indic scripts.

Persian users type digits in whichever script their keyboard gives them, so
anything that compares or stores numbers must fold them first, and anything
that shows numbers to people should show Persian digits.
"""

from __future__ import annotations

import re

LATIN_DIGITS = "0123456789"
PERSIAN_DIGITS = "۰۱۲۳۴۵۶۷۸۹"  # U+06F0..U+06F9
ARABIC_DIGITS = "٠١٢٣٤٥٦٧٨٩"  # U+0660..U+0669 (Arabic-Indic)

# Persian decimal separator (U+066B), used instead of "." in Persian numbers.
PERSIAN_DECIMAL_SEPARATOR = "٫"

_DIGIT_SCRIPTS: dict[str, str] = {
    **dict.fromkeys(LATIN_DIGITS, "latin"),
    **dict.fromkeys(PERSIAN_DIGITS, "persian"),
    **dict.fromkeys(ARABIC_DIGITS, "arabic"),
}

_TO_ASCII = str.maketrans(PERSIAN_DIGITS + ARABIC_DIGITS, LATIN_DIGITS * 2)
_TO_PERSIAN = str.maketrans(LATIN_DIGITS + ARABIC_DIGITS, PERSIAN_DIGITS * 2)

# A "." counts as a decimal point only when it sits between two digits, so
# sentences ending in "." and version-like text keep their full stops.
_ANY_DIGIT = f"[{LATIN_DIGITS}{PERSIAN_DIGITS}{ARABIC_DIGITS}]"
_DECIMAL_POINT = re.compile(rf"(?<={_ANY_DIGIT})\.(?={_ANY_DIGIT})")


def to_ascii_digits(text: str) -> str:
    """Turn Persian and Arabic-Indic digits into ASCII; leave everything else."""
    return text.translate(_TO_ASCII)


def _safe_str(value: object) -> str:
    # A broken __str__ must not take a page down with it: display helpers are
    # called from templates, where an exception is worse than a plain repr.
    try:
        return str(value)
    except Exception:
        return object.__repr__(value)


def to_persian_digits(value: object) -> str:
    """Return ``str(value)`` with ASCII and Arabic-Indic digits made Persian.

    A "." between two digits becomes the Persian decimal separator "٫".
    Never raises (a failing ``__str__`` falls back to the default repr).
    """
    text = _DECIMAL_POINT.sub(PERSIAN_DECIMAL_SEPARATOR, _safe_str(value))
    return text.translate(_TO_PERSIAN)


def digit_script(text: str) -> set[str]:
    """Which digit scripts occur in ``text``: any of "latin", "persian", "arabic".

    Digits of other scripts (Devanagari, etc.) are not reported.
    """
    return {_DIGIT_SCRIPTS[ch] for ch in text if ch in _DIGIT_SCRIPTS}


def format_decimal(value: float, places: int = 2) -> str:
    """A number with at most `places` decimals, no trailing zeros, in Persian digits with the Persian
    decimal mark and minus sign: 56.25 → ۵۶٫۲۵, -3.0 → −۳."""
    text = f"{round(value, places):.{places}f}"
    if places:
        text = text.rstrip("0").rstrip(".")
    if text in ("-0", ""):
        text = "0"
    return to_persian_digits(text).replace("-", "−")
