"""The forms of the applications' back office: a service definition (its JSON fields bounded and checked
as a whole) and an officer's decision. The admin pages that use them are in `admin.py`."""

from __future__ import annotations

import re
from typing import Any

from django import forms
from django.forms.fields import InvalidJSONInput

from panjereh.applications.definitions import definition_errors
from panjereh.applications.models import ServiceDefinition
from panjereh.persian import to_persian_digits

# A definition's JSON is a few levels deep (a rule's JSON Logic inside a list inside an object); 50 is far
# beyond any real one and far below where Python's JSON reader and writer run out of stack.
MAX_JSON_DEPTH = 50
_JSON_STRING = re.compile(r'"(?:[^"\\]|\\.)*"', re.DOTALL)
_JSON_BRACKET = re.compile(r"[\[\]{}]")
TOO_DEEP = f"ساختار JSON بیش از {to_persian_digits(MAX_JSON_DEPTH)} لایه تودرتو دارد؛ آن را ساده‌تر بنویسید."

FORM_HELP = (
    "فهرست فیلدهای فرمی که متقاضی پر می‌کند، به شکل JSON. هر فیلد یک شیء است با name (نام لاتین کوچک)، "
    "type (یکی از text، number، choice، boolean، date برای تاریخ شمسی، national_code، mobile، postal_code) و "
    "label (برچسب فارسی)؛ و اگر لازم است: help (راهنمای فارسی)، required (پیش‌فرض true)، choices (برای choice)، "
    'min و max (برای number)، max_length (برای text). نمونه: [{"name": "floors", "type": "number", '
    '"label": "تعداد طبقات", "min": 1}]'
)


def json_too_deep(text: str, limit: int = MAX_JSON_DEPTH) -> bool:
    """Whether `text` nests arrays and objects more than `limit` deep, counted without recursion (brackets
    inside strings do not count), so it answers before a parser could run out of stack."""
    depth = 0
    for bracket in _JSON_BRACKET.findall(_JSON_STRING.sub('""', text)):
        depth += 1 if bracket in "[{" else -1
        if depth > limit:
            return True
    return False


class DefinitionJSONField(forms.JSONField):
    """Django's JSON field, refusing JSON nested too deep with a Persian message instead of a 500
    (RecursionError inside the JSON reader, or later writing the value back into the page)."""

    def to_python(self, value: Any) -> Any:
        if isinstance(value, str) and json_too_deep(value):
            raise forms.ValidationError(TOO_DEEP, code="too_deep")
        try:
            return super().to_python(value)
        except RecursionError:  # deep in a way the count above did not foresee: still a message, not a 500
            raise forms.ValidationError(TOO_DEEP, code="too_deep") from None

    def bound_data(self, data: Any, initial: Any) -> Any:
        # The page with the error shows what was typed, as typed: never read (or written back) as JSON.
        if isinstance(data, str) and not self.disabled and json_too_deep(data):
            return InvalidJSONInput(data)
        return super().bound_data(data, initial)


class ServiceDefinitionForm(forms.ModelForm):  # type: ignore[type-arg]
    class Meta:
        model = ServiceDefinition
        fields = ["code", "active", "service", "agency", "title", "decision_mode", "form", "inquiries", "rules",
                  "approve_reason", "document", "sla_hours", "forward_system", "forward_path"]  # fmt: skip
        field_classes = {"form": DefinitionJSONField, "inquiries": DefinitionJSONField, "rules": DefinitionJSONField,
                         "document": DefinitionJSONField}  # fmt: skip
        help_texts = {"form": FORM_HELP}

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        json_fields = ("form", "inquiries", "rules", "document")
        if any(name in self.errors for name in json_fields):
            return cleaned  # malformed JSON already has its own message on the field
        spec = {name: cleaned.get(name) for name in json_fields}
        spec["form"] = spec["form"] or []
        spec["inquiries"] = spec["inquiries"] or []
        spec["rules"] = spec["rules"] or []
        spec.update(decision_mode=cleaned.get("decision_mode"), forward_system=cleaned.get("forward_system"),
                    forward_path=cleaned.get("forward_path") or "")  # fmt: skip
        errors = definition_errors(spec)
        if errors:
            raise forms.ValidationError([to_persian_digits(error) for error in errors])
        return cleaned


class DecideForm(forms.Form):
    """An officer's decision. The reason's rules (not empty, at least ten characters once spaces are
    collapsed) are the service's, `application_decide`; its refusal is shown on the reason field."""

    outcome = forms.ChoiceField(
        label="تصمیم",
        choices=[("approve", "تأیید و صدور"), ("reject", "رد درخواست")],
        widget=forms.RadioSelect,
        error_messages={"required": "تأیید یا رد را برگزینید."},
    )
    reason = forms.CharField(
        label="دلیل تصمیم",
        widget=forms.Textarea(attrs={"rows": 4}),
        max_length=2000,
        help_text="متقاضی این متن را می‌بیند: دست‌کم ده نویسه، روشن و مشخص.",
        error_messages={"required": "دلیل تصمیم را بنویسید؛ متقاضی آن را می‌بیند."},
    )
