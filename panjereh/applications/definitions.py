"""Validation of a service definition as a whole (back office and sample loader): the form, the
inquiries, the rules, the document's claims, and what the decision mode needs."""

from __future__ import annotations

import re
from typing import Any

from panjereh.applications.constants import DecisionMode
from panjereh.applications.forms import definition_form_errors
from panjereh.applications.rules import rules_errors, unknown_operations
from panjereh.persian import to_persian_digits

SLUG = re.compile(r"^[a-z0-9][a-z0-9-]{0,63}$")


def definition_errors(spec: dict[str, Any]) -> list[str]:
    """Every problem found, as Persian sentences; empty when the definition can be used."""
    errors = definition_form_errors(spec.get("form", []))
    errors += inquiries_errors(spec.get("inquiries", []))
    errors += rules_errors(spec.get("rules", []))
    errors += document_errors(spec.get("document"))
    mode = spec.get("decision_mode")
    if mode not in DecisionMode.values:
        errors.append("شیوه تصمیم باید automatic، human یا forwarded باشد.")
    if mode == DecisionMode.AUTOMATIC and not spec.get("document"):
        errors.append("خدمت هوشمند باید سندی صادر کند.")
    if mode == DecisionMode.FORWARDED and not (
        spec.get("forward_system") and spec.get("forward_path", "").startswith("/")
    ):
        errors.append("خدمتی که به سامانه دستگاه فرستاده می‌شود سامانه و مسیر (آغاز با /) لازم دارد.")
    return [to_persian_digits(error) for error in errors]


def inquiries_errors(inquiries: Any) -> list[str]:
    if not isinstance(inquiries, list):
        return ["استعلام‌ها باید فهرست باشند."]
    errors, names = [], set()
    for i, spec in enumerate(inquiries, start=1):
        if not isinstance(spec, dict):
            errors.append(f"استعلام {i} باید شیء باشد.")
            continue
        for key in ("name", "provider", "service"):
            if not isinstance(spec.get(key), str) or not SLUG.fullmatch(spec[key]):
                errors.append(f"استعلام {i}: «{key}» باید کد لاتین کوچک باشد.")
        if spec.get("name") in names:
            errors.append(f"نام استعلام {i} تکراری است.")
        names.add(spec.get("name"))
        if "purpose" in spec and not (isinstance(spec["purpose"], str) and SLUG.fullmatch(spec["purpose"])):
            errors.append(f"استعلام {i}: هدف باید کد لاتین کوچک باشد.")
        body = spec.get("body", {})
        if not isinstance(body, dict) or any(unknown_operations(v) for v in body.values()):
            errors.append(f"استعلام {i}: بدنه باید شیئی از عبارت‌های JSON Logic معتبر باشد.")
        extra = set(spec) - {"name", "provider", "service", "purpose", "body"}
        if extra:
            errors.append(f"استعلام {i} ویژگی ناشناخته دارد: {', '.join(sorted(extra))}.")
    return errors


def document_errors(document: Any) -> list[str]:
    if document is None:
        return []
    if not isinstance(document, dict) or not isinstance(document.get("title"), str) or not document["title"].strip():
        return ["سند باید عنوان فارسی داشته باشد."]
    errors = []
    claims = document.get("claims", {})
    if not isinstance(claims, dict) or not claims:
        errors.append("سند باید دست‌کم یک ادعا (claims) داشته باشد.")
    elif any(unknown_operations(expr) for expr in claims.values()):
        errors.append("یکی از ادعاهای سند عملگر ناشناخته دارد.")
    days = document.get("valid_days")
    if days is not None and (not isinstance(days, int) or isinstance(days, bool) or not 1 <= days <= 3650):
        errors.append("مدت اعتبار سند باید عددی از ۱ تا ۳۶۵۰ روز باشد.")
    extra = set(document) - {"title", "claims", "valid_days"}
    if extra:
        errors.append(f"سند ویژگی ناشناخته دارد: {', '.join(sorted(extra))}.")
    return errors
