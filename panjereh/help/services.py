"""Recording what a person says of a page."""

from __future__ import annotations

import datetime
from urllib.parse import urlsplit

from panjereh.core.errors import InvalidInput
from panjereh.help.models import PageFeedback

MAX_TEXT = 2000


def safe_path(path: str) -> str:
    """The page's own path (and query), never another site: what a redirect back may go to."""
    parts = urlsplit(path.strip())
    if parts.scheme or parts.netloc or not parts.path.startswith("/") or parts.path.startswith("//"):
        return "/"
    return (parts.path + (f"?{parts.query}" if parts.query else ""))[:300]


def feedback_record(*, path: str, useful: bool | None, text: str, now: datetime.datetime) -> PageFeedback:
    text = text.strip()
    if useful is None and not text:
        raise InvalidInput("feedback_empty", "بگویید صفحه سودمند بود یا مشکلی را که دیدید بنویسید.", "text")
    if len(text) > MAX_TEXT:
        raise InvalidInput("feedback_too_long", "گزارش حداکثر ۲۰۰۰ نویسه است.", "text")
    return PageFeedback.objects.create(path=safe_path(path), useful=useful, text=text, created_at=now)
