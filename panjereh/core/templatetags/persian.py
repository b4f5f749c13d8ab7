"""Template filters for Persian output: Persian digits, Jalali dates, rial amounts.

Loaded as a builtin (settings.TEMPLATES), so every template can use `{{ value|fa }}`.
"""

from __future__ import annotations

import datetime

from django import template

from panjereh.persian import format_date, format_date_long, format_datetime, to_persian_digits

register = template.Library()


@register.filter
def fa(value: object) -> str:
    """Persian digits: {{ 1403|fa }} → ۱۴۰۳."""
    return to_persian_digits("" if value is None else value)


@register.filter
def fa_number(value: object) -> str:
    """Grouped Persian digits: {{ 1250000|fa_number }} → ۱٬۲۵۰٬۰۰۰."""
    try:
        number = int(str(value))
    except (TypeError, ValueError):
        return to_persian_digits(value)
    return to_persian_digits(f"{number:,}").replace(",", "٬")


@register.filter
def shorten(text: str, limit: int) -> str:
    """Cut at a word boundary with «…»; cheaper than truncatechars, which walks every character."""
    if len(text) <= limit:
        return text
    return text[:limit].rsplit(" ", 1)[0] + "…"


@register.filter
def jalali(value: datetime.date | datetime.datetime | None) -> str:
    return format_date(value) if value else ""


@register.filter
def jalali_long(value: datetime.date | datetime.datetime | None) -> str:
    return format_date_long(value) if value else ""


@register.filter
def jalali_datetime(value: datetime.datetime | None) -> str:
    return format_datetime(value) if value else ""
