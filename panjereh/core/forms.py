"""Form fields the back office shares."""

from __future__ import annotations

import datetime
import re
from typing import Any

from django import forms

from panjereh.persian import format_date, parse_date, to_ascii_digits

_DATE = re.compile(r"(\d{4})[/\-]\d{1,2}[/\-]\d{1,2}")
GREGORIAN_FROM = 1700  # a year from here on is Gregorian (panjereh.persian.parse_date)


class JalaliDateField(forms.Field):
    """A day typed in the solar calendar, in any digits (with `gregorian`, a Gregorian date too), and
    shown back in the solar calendar in Persian digits. `years`: the solar years it may be in."""

    widget = forms.TextInput

    def __init__(
        self, *, years: tuple[int, int] | None = None, gregorian: bool = False, example: str = "۱۴۰۵/۰۱/۱۳",
        **kwargs: Any,
    ) -> None:  # fmt: skip
        also = " (تاریخ میلادی هم پذیرفته است)" if gregorian else ""
        kwargs.setdefault("help_text", f"تاریخ خورشیدی، مانند {example}{also}")
        super().__init__(**kwargs)
        self.years, self.gregorian, self.example = years, gregorian, example

    def prepare_value(self, value: Any) -> Any:
        return format_date(value) if isinstance(value, datetime.date) else value

    def to_python(self, value: Any) -> datetime.date | None:
        text = re.sub(r"\s", "", to_ascii_digits(str(value or "")))
        if not text:
            return None
        match = _DATE.fullmatch(text)
        year = int(match[1]) if match else 0
        solar = year < GREGORIAN_FROM
        in_years = self.years is None or self.years[0] <= year <= self.years[1]
        if match is None or (solar and not in_years) or (not solar and not self.gregorian):
            raise forms.ValidationError(f"روز را به شکل تاریخ خورشیدی بنویسید، مانند {self.example}.")
        try:
            return parse_date(text)
        except ValueError:
            raise forms.ValidationError("این روز در تقویم نیست؛ ماه و روز را دوباره ببینید.") from None
