"""Template filters for Persian output: Persian digits, Jalali dates, rial amounts.

Loaded as a builtin (settings.TEMPLATES), so every template can use `{{ value|fa }}`.
"""

from __future__ import annotations

import datetime
from zoneinfo import ZoneInfo

from django import template

from panjereh.persian import (
    format_date,
    format_date_long,
    format_datetime,
    format_decimal,
    to_persian_digits,
    with_leading_word,
)

register = template.Library()
TEHRAN = ZoneInfo("Asia/Tehran")


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


@register.filter
def led_by(text: str, word: str) -> str:
    """{{ "درخواست انشعاب برق"|led_by:"درخواست" }} → «درخواست انشعاب برق», not a doubled word."""
    return with_leading_word(word, str(text))


@register.filter
def jalali_time(value: datetime.datetime | None) -> str:
    """The time of day in Tehran, in Persian digits: ۰۹:۱۵."""
    if not value:
        return ""
    local = value.astimezone(TEHRAN)
    return to_persian_digits(f"{local.hour:02d}:{local.minute:02d}")


@register.filter
def fa_decimal(value: object, places: int = 2) -> str:
    """{{ 56.25|fa_decimal }} → ۵۶٫۲۵; nothing → «—»."""
    if value is None or value == "":
        return "—"
    try:
        return format_decimal(float(str(value)), places)
    except ValueError:
        return to_persian_digits(value)


@register.filter
def fa_percent(value: object) -> str:
    """A share between 0 and 1 as a Persian percentage: 0.755 → ۷۵٫۵٪; nothing → «—»."""
    if value is None or value == "":
        return "—"
    return format_decimal(float(str(value)) * 100, 1) + "٪"


@register.filter
def fa_signed(value: object) -> str:
    """A change with its sign, for a left-to-right isolate: 3.65 → +۳٫۶۵, -0.5 → −۰٫۵; nothing → «—»."""
    if value is None or value == "":
        return "—"
    number = float(str(value))
    return ("+" if number > 0 else "") + format_decimal(number, 2)
