"""Recording what a person says of a page."""

from __future__ import annotations

import datetime
from urllib.parse import urlsplit

from panjereh.core import ratelimit
from panjereh.core.errors import InvalidInput, TooMany
from panjereh.help.models import PageFeedback

MAX_TEXT = 2000
# Feedback recorded from one address: anonymous writes anyone may make, so one script must not fill the
# supervisor's list. A person says a word about a few pages an hour; people sharing a carrier's address
# past it wait the hour for their feedback, and for nothing else.
RECORDED_PER_ADDRESS = "20/h"


def safe_path(path: str) -> str:
    """The page's own path (and query), never another site: what a redirect back may go to."""
    parts = urlsplit(path.strip())
    if parts.scheme or parts.netloc or not parts.path.startswith("/") or parts.path.startswith("//"):
        return "/"
    return (parts.path + (f"?{parts.query}" if parts.query else ""))[:300]


def feedback_record(*, path: str, useful: bool | None, text: str, address: str, now: datetime.datetime) -> PageFeedback:
    """Counted per address only once it would be recorded: a refused form costs the address nothing, and
    past the limit nothing is written."""
    text = text.strip()
    if useful is None and not text:
        raise InvalidInput("feedback_empty", "بگویید صفحه سودمند بود یا مشکلی را که دیدید بنویسید.", "text")
    if len(text) > MAX_TEXT:
        raise InvalidInput("feedback_too_long", "گزارش حداکثر ۲۰۰۰ نویسه است.", "text")
    if not ratelimit.allow("page-feedback", address, RECORDED_PER_ADDRESS):
        raise TooMany("too_much_feedback", "از این نشانی بازخورد بسیاری رسیده است؛ ساعتی دیگر دوباره بفرستید.")
    return PageFeedback.objects.create(path=safe_path(path), useful=useful, text=text, created_at=now)
