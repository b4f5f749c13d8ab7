"""A service definition's form, declared as data, and the validation of what a person sends.

A field: {"name", "type", "label", "help"?, "required"? (default true), "choices"? [{"value", "label"}],
"min"?, "max"?, "max_length"?}. Types: text, number, choice, boolean, date (Jalali YYYY/MM/DD),
national_code, mobile, postal_code. Input in Persian, Arabic or Latin digits is normalised once,
here, through panjereh.persian; errors are Persian sentences keyed by field name.
"""

from __future__ import annotations

import re
from typing import Any

from panjereh.persian import (
    InvalidMobile,
    InvalidNationalCode,
    clean_input,
    normalize_mobile,
    normalize_national_code,
    parse_date,
    to_ascii_digits,
    to_persian_digits,
)

FIELD_TYPES = ("text", "number", "choice", "boolean", "date", "national_code", "mobile", "postal_code")
TEXT_MAX_LENGTH = 500
POSTAL_CODE = re.compile(r"^[1-9]{5}[0-9]{5}$")  # Iranian postal codes: no 0 (or 2) in the first five digits


class FormInvalid(Exception):
    def __init__(self, errors: dict[str, str]) -> None:
        super().__init__(errors)
        self.errors = errors


def definition_form_errors(fields: Any) -> list[str]:
    """What is wrong with a form declaration (for the back office and the sample loader)."""
    if not isinstance(fields, list):
        return ["فرم باید فهرستی از فیلدها باشد."]
    errors: list[str] = []
    seen: set[str] = set()
    for i, field in enumerate(fields, start=1):
        if not isinstance(field, dict):
            errors.append(f"فیلد {i} باید شیء باشد.")
            continue
        name = field.get("name")
        if not isinstance(name, str) or not re.fullmatch(r"[a-z][a-z0-9_]{0,63}", name):
            errors.append(f"نام فیلد {i} باید با حروف کوچک لاتین، رقم و _ باشد.")
        elif name in seen:
            errors.append(f"نام فیلد «{name}» تکراری است.")
        else:
            seen.add(name)
        if field.get("type") not in FIELD_TYPES:
            errors.append(f"نوع فیلد {i} باید یکی از {', '.join(FIELD_TYPES)} باشد.")
        if not isinstance(field.get("label"), str) or not field["label"].strip():
            errors.append(f"فیلد {i} برچسب فارسی ندارد.")
        if field.get("type") == "choice":
            choices = field.get("choices")
            if (
                not isinstance(choices, list)
                or not choices
                or not all(
                    isinstance(c, dict) and isinstance(c.get("value"), str) and isinstance(c.get("label"), str)
                    for c in choices
                )
            ):
                errors.append(f"فیلد {i} از نوع گزینه‌ای باید گزینه‌هایی با value و label داشته باشد.")
        extra = set(field) - {"name", "type", "label", "help", "required", "choices", "min", "max", "max_length"}
        if extra:
            errors.append(f"فیلد {i} ویژگی ناشناخته دارد: {', '.join(sorted(extra))}.")
    return errors


def clean_form(fields: list[dict[str, Any]], data: Any) -> dict[str, Any]:
    """The person's data, normalised, or FormInvalid with a Persian message per field."""
    if not isinstance(data, dict):
        raise FormInvalid({"data": "داده‌های فرم باید یک شیء JSON باشد."})
    known = {field["name"] for field in fields}
    errors = {name: "این فیلد در فرم این خدمت نیست." for name in data if name not in known}
    clean: dict[str, Any] = {}
    for field in fields:
        name, label = field["name"], field["label"]
        value = data.get(name)
        if value is None or (isinstance(value, str) and not value.strip()):
            if field.get("required", True):
                errors[name] = f"«{label}» را وارد کنید."
            continue
        try:
            clean[name] = _clean_value(field, value)
        except ValueError as error:
            errors[name] = str(error)
    if errors:
        raise FormInvalid(errors)
    return clean


def _clean_value(field: dict[str, Any], value: Any) -> Any:
    kind, label = field["type"], field["label"]
    if kind == "boolean":
        if not isinstance(value, bool):
            raise ValueError(f"«{label}» باید بله یا خیر باشد.")
        return value
    if kind == "number":
        return _clean_number(field, value)
    if not isinstance(value, str | int) or isinstance(value, bool):
        raise ValueError(f"«{label}» باید متن باشد.")
    text = clean_input(str(value))
    if kind == "text":
        limit = min(int(field.get("max_length", TEXT_MAX_LENGTH)), TEXT_MAX_LENGTH)
        if len(text) > limit:
            raise ValueError(f"«{label}» حداکثر {to_persian_digits(str(limit))} نویسه است.")
        return text
    if kind == "choice":
        values = {choice["value"] for choice in field["choices"]}
        if str(value) not in values:
            raise ValueError(f"گزینه «{label}» از میان گزینه‌های فهرست نیست.")
        return str(value)
    if kind == "date":
        try:
            return parse_date(text).isoformat()
        except ValueError:
            raise ValueError(f"«{label}» باید تاریخ شمسی درست مانند ۱۴۰۳/۰۷/۱۵ باشد.") from None
    if kind == "national_code":
        try:
            return normalize_national_code(text)
        except InvalidNationalCode:
            raise ValueError(f"«{label}» کد ملی درستی نیست.") from None
    if kind == "mobile":
        try:
            return normalize_mobile(text)
        except InvalidMobile:
            raise ValueError(f"«{label}» شماره همراه درستی نیست.") from None
    # postal_code
    if not POSTAL_CODE.fullmatch(text.replace("-", "")):
        raise ValueError(f"«{label}» باید کد پستی ده‌رقمی درست باشد.")
    return text.replace("-", "")


def _clean_number(field: dict[str, Any], value: Any) -> int | float:
    label = field["label"]
    if isinstance(value, bool):
        raise ValueError(f"«{label}» باید عدد باشد.")
    if isinstance(value, str):
        try:
            value = float(to_ascii_digits(value).strip().replace("٫", "."))
        except ValueError:
            raise ValueError(f"«{label}» باید عدد باشد.") from None
    if not isinstance(value, int | float) or value != value or value in (float("inf"), float("-inf")):
        raise ValueError(f"«{label}» باید عدد باشد.")
    number: int | float = int(value) if float(value).is_integer() else float(value)
    if "min" in field and number < field["min"]:
        raise ValueError(f"«{label}» نباید کمتر از {to_persian_digits(str(field['min']))} باشد.")
    if "max" in field and number > field["max"]:
        raise ValueError(f"«{label}» نباید بیشتر از {to_persian_digits(str(field['max']))} باشد.")
    return number
