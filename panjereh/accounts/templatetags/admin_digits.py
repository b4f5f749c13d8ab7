"""Persian digits in the Django admin's own chrome, for the templates in accounts/templates/admin/.

Most of it needs only the `fa` filter; these two cover what Django builds in Python: the paginator's
page links, whose addresses must keep their Latin digits, and the counts a list filter appends to its
choices when «نمایش تعداد» is on."""

from __future__ import annotations

import re

from django import template
from django.contrib.admin.templatetags.admin_list import paginator_number
from django.contrib.admin.views.main import ChangeList
from django.utils.safestring import SafeString, mark_safe

from panjereh.persian import to_persian_digits

register = template.Library()

FACET_COUNT = re.compile(r"\((\d+)\)$")


@register.simple_tag
def fa_paginator_number(cl: ChangeList, i: int | str) -> SafeString:
    """Django's own page link (`admin_list.paginator_number`), with only the page's number, the link's
    text, in Persian digits: `<a href="?p=3">۳</a>`."""
    link = paginator_number(cl, i)  # type: ignore[arg-type]  # the stubs forget the ellipsis, a str
    # Django's link, escaped by it; only the digits of its text are swapped.
    return mark_safe(link.replace(f">{i}<", f">{to_persian_digits(i)}<"))  # noqa: S308


@register.filter
def fa_facet_count(display: object) -> str:
    """«تمام الکترونیکی (37)» → «تمام الکترونیکی (۳۷)»: the count only, the choice's own text as it is."""
    return FACET_COUNT.sub(lambda match: f"({to_persian_digits(match.group(1))})", str(display))
