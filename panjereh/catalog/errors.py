"""Persian reasons for what the import format refuses."""

from __future__ import annotations

from typing import Any

from pydantic import ValidationError

MESSAGES = {
    "missing": "فیلد «{field}» لازم است.",
    "extra_forbidden": "فیلد «{field}» در قالب ورود شناخته نیست.",
    "string_type": "فیلد «{field}» باید متن باشد.",
    "string_too_short": "فیلد «{field}» خالی یا بیش از حد کوتاه است.",
    "string_too_long": "فیلد «{field}» بیش از حد بلند است.",
    "string_pattern_mismatch": "فیلد «{field}» فقط حروف کوچک لاتین، رقم و خط تیره می‌پذیرد.",
    "enum": "مقدار «{input}» برای فیلد «{field}» مجاز نیست.",
    "int_type": "فیلد «{field}» باید عدد صحیح باشد.",
    "int_parsing": "فیلد «{field}» باید عدد صحیح باشد.",
    "int_from_float": "فیلد «{field}» باید عدد صحیح باشد.",
    "greater_than_equal": "فیلد «{field}» نباید منفی یا کمتر از حد مجاز باشد.",
    "less_than_equal": "فیلد «{field}» از حد مجاز بزرگ‌تر است.",
    "bool_type": "فیلد «{field}» باید true یا false باشد.",
    "bool_parsing": "فیلد «{field}» باید true یا false باشد.",
    "list_type": "فیلد «{field}» باید فهرست باشد.",
    "too_long": "فیلد «{field}» بیش از حد مجاز عضو دارد.",
    "model_type": "فیلد «{field}» باید شیء JSON باشد.",
    "model_attributes_type": "فیلد «{field}» باید شیء JSON باشد.",
    "date_type": "فیلد «{field}» باید تاریخ باشد.",
}


def persian_reason(error: ValidationError) -> tuple[str, str | None]:
    """The first problem of a validation error as (Persian sentence, field path or None)."""
    first: dict[str, Any] = dict(error.errors(include_url=False)[0])
    field = ".".join(str(part) for part in first.get("loc", ())) or None
    kind = first.get("type", "")
    if kind in ("value_error", "assertion_error"):
        message = str(first.get("ctx", {}).get("error", first.get("msg", "")))
        return message, field
    template = MESSAGES.get(kind, "مقدار فیلد «{field}» نادرست است.")
    return template.format(field=field or "", input=str(first.get("input", ""))[:50]), field
