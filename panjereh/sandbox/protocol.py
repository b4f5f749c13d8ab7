"""What every sandbox endpoint shares: the error envelope, JSON in and out, request checks.

Errors use the project's envelope ``{"error": {"code", "message", "field"}}`` with a Persian
message; the codes for 400/404/405/413/500 are the project's defaults (``panjereh.core.errors``,
not imported: the sandbox stays free of Django).
"""

from __future__ import annotations

import json
import math
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

from panjereh.persian import InvalidMobile, InvalidNationalCode, normalize_mobile, normalize_national_code

JSONObject = dict[str, Any]

MAX_BODY_BYTES = 1024 * 1024  # 1 MB
MAX_FIELD_ECHO = 100  # an unknown field's name is echoed back at most this long

MESSAGES: dict[str, str] = {
    "bad_request": "بدنه درخواست باید یک شیء JSON با کدگذاری UTF-8 باشد.",
    "not_found": "موردی با این نشانی پیدا نشد.",
    "method_not_allowed": "این روش درخواست برای این نشانی پذیرفته نیست.",
    "payload_too_large": "حجم درخواست بیش از حد مجاز (یک مگابایت) است.",
    "invalid_request": "داده‌های درخواست معتبر نیستند.",
    "invalid_national_code": "کد ملی معتبر نیست.",
    "invalid_mobile": "شماره تلفن همراه معتبر نیست.",
    "internal_error": "خطایی در سامانه دستگاه رخ داد؛ لطفاً بعداً دوباره تلاش کنید.",
    "service_unavailable": "سامانه دستگاه در دسترس نیست.",
}


class ApiError(Exception):
    """An error answered with its status and the envelope."""

    def __init__(self, status: int, code: str, message: str | None = None, field: str | None = None) -> None:
        self.status = status
        self.code = code
        self.message = message or MESSAGES[code]
        self.field = field
        super().__init__(self.message)

    def body(self) -> JSONObject:
        return error_body(self.code, self.message, self.field)


def error_body(code: str, message: str, field: str | None = None) -> JSONObject:
    return {"error": {"code": code, "message": message, "field": field}}


def encode(value: object) -> bytes:
    """UTF-8 JSON with Persian left readable; lone surrogates (from ``"\\ud800"`` in a
    request) cannot be UTF-8, so such a value is written with ASCII escapes instead."""
    try:
        return json.dumps(value, ensure_ascii=False, separators=(",", ":")).encode("utf-8")
    except UnicodeEncodeError:
        return json.dumps(value, separators=(",", ":")).encode("ascii")


def _refuse_constant(name: str) -> float:
    raise ValueError(f"{name} is not JSON")  # NaN, Infinity, -Infinity


def decode_object(body: bytes) -> JSONObject:
    """The body as a JSON object, or ``ApiError`` 400."""
    try:
        value = json.loads(body.decode("utf-8"), parse_constant=_refuse_constant)
    except (ValueError, RecursionError) as exc:  # bad UTF-8, bad JSON, absurd nesting or numbers
        raise ApiError(400, "bad_request", "بدنه درخواست JSON معتبر با کدگذاری UTF-8 نیست.") from exc
    if not isinstance(value, dict):
        raise ApiError(400, "bad_request", "بدنه درخواست باید یک شیء JSON باشد.")
    return value


# How each request field is checked and put in canonical form.
_FIELDS: dict[str, tuple[Callable[[str], str], type[ValueError], str]] = {
    "national_code": (normalize_national_code, InvalidNationalCode, "invalid_national_code"),
    "mobile": (normalize_mobile, InvalidMobile, "invalid_mobile"),
}

Handler = Callable[[Mapping[str, str]], JSONObject]


@dataclass(frozen=True)
class Service:
    name: str  # the last part of the path
    title: str  # Persian
    fields: tuple[str, ...]  # all required; each must be a key of _FIELDS
    handler: Handler  # gets the fields in canonical form

    def __post_init__(self) -> None:
        unknown = set(self.fields) - set(_FIELDS)
        assert not unknown, f"no parser for request fields {unknown}"


@dataclass(frozen=True)
class Agency:
    slug: str  # the first part of the path
    title: str  # Persian
    services: tuple[Service, ...]


def validate(service: Service, body: JSONObject) -> dict[str, str]:
    """The request's fields in canonical form, or ``ApiError`` 422.

    Unknown fields first, then missing ones, then wrong types, then invalid values; each
    in a stable order so that the same request always gets the same answer.
    """
    for name in sorted(body):
        if name not in service.fields:
            shown = name[:MAX_FIELD_ECHO]
            raise ApiError(422, "invalid_request", "این فیلد در درخواست پذیرفته نیست.", shown)
    for name in service.fields:
        if name not in body:
            raise ApiError(422, "invalid_request", "این فیلد لازم است.", name)
    for name in service.fields:
        if not isinstance(body[name], str):
            raise ApiError(422, "invalid_request", "مقدار این فیلد باید متن باشد.", name)
    clean: dict[str, str] = {}
    for name in service.fields:
        parse, error, code = _FIELDS[name]
        try:
            clean[name] = parse(body[name])
        except error as exc:
            raise ApiError(422, code, field=name) from exc
    return clean


def finite_number(value: object) -> bool:
    """An int or float that is not a bool, NaN or infinite."""
    return isinstance(value, int | float) and not isinstance(value, bool) and math.isfinite(value)
