"""Template helpers of the portal."""

from __future__ import annotations

from django import template
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

register = template.Library()


@register.simple_tag
def select_options(choices: list[tuple[str, str]], selected: str) -> SafeString:
    """`<option>` elements for a menu, every value and label escaped.

    Built in Python: a template loop over the ~170 agencies was most of the results page's time.
    """
    parts = [
        f'<option value="{escape(value)}"{" selected" if value == selected else ""}>{escape(label)}</option>'
        for value, label in choices
    ]
    return mark_safe("".join(parts))  # noqa: S308 - every piece above is escaped


STATUS_COLOURS = {
    "awaiting_payment": "warning",
    "submitted": "secondary",
    "in_progress": "info",
    "waiting_for_agency": "warning",
    "forwarded": "warning",
    "issued": "success",
    "rejected": "danger",
}


@register.filter
def status_colour(status: str) -> str:
    """The Bootstrap colour of an application's status badge."""
    return STATUS_COLOURS.get(status, "secondary")


@register.filter
def pick(mapping: dict[str, object], key: str) -> object:
    """`mapping[key]`, or None: a row's value for one column."""
    return mapping.get(key)
