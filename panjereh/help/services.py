"""Recording what a person says of a page."""

from __future__ import annotations

import datetime
from urllib.parse import parse_qsl, urlsplit

from django.utils.http import url_has_allowed_host_and_scheme

from panjereh.accounts.proof_of_work import proof_accept
from panjereh.core import ratelimit
from panjereh.core.errors import InvalidInput, NotAccepted, TooMany
from panjereh.help.models import PageFeedback

MAX_TEXT = 2000
# Feedback recorded from one address: anonymous writes anyone may make, so one script must not fill the
# supervisor's list. A person says a word about a few pages an hour. Many people share a carrier's
# address, so past the free allowance feedback is still taken with a proof of work (ALTCHA, as for
# login codes: accounts/proof_of_work.py), up to a ceiling proofs cannot lift.
RECORDED_PER_ADDRESS = "20/h"
RECORDED_PER_ADDRESS_PROVEN = "500/h"
PROOF_REQUIRED = "proof_of_work_required"


# The query kept with a feedback: the search's own words and filters, nothing else. Elsewhere a query
# may carry what is nobody else's business (a document's signed claims after /verify/…?p=, a payment's
# id), and the supervisors read every feedback.
KEPT_QUERY = {"/services/": ("q", "category", "agency", "maturity", "audience", "smart")}


def safe_path(path: str) -> str:
    """The page's own path (and query), never another site: what a redirect back may go to."""
    path = path.strip()
    parts = urlsplit(path)
    if (
        parts.scheme or parts.netloc or not parts.path.startswith("/") or parts.path.startswith("//")
        or "\\" in path or any(ord(character) < 32 or ord(character) == 127 for character in path)
        or not url_has_allowed_host_and_scheme(path, allowed_hosts=None)
    ):  # fmt: skip
        return "/"
    return (parts.path + (f"?{parts.query}" if parts.query else ""))[:300]


def kept_path(path: str) -> str:
    """What a feedback records of the page: its path, and for the search its words and filters only."""
    parts = urlsplit(safe_path(path))
    kept = KEPT_QUERY.get(parts.path, ())
    query = "&".join(f"{key}={_escaped(value)}" for key, value in parse_qsl(parts.query) if key in kept)
    return (parts.path + (f"?{query}" if query else ""))[:300]


def _escaped(value: str) -> str:
    """A query value as readable as typed (the supervisors read Persian, not %D8%…), only what would
    break the query escaped."""
    for character, code in (("%", "%25"), ("&", "%26"), ("=", "%3D"), ("#", "%23"), ("+", "%2B")):
        value = value.replace(character, code)
    return value


def feedback_record(
    *, path: str, useful: bool | None, text: str, address: str, now: datetime.datetime, proof: str | None = None
) -> PageFeedback:
    """Counted per address only once it would be recorded: a refused form costs the address nothing, and
    past the limit nothing is written unless `proof` is a solved challenge (each taken once)."""
    text = text.strip()
    if useful is None and not text:
        raise InvalidInput("feedback_empty", "بگویید صفحه سودمند بود یا مشکلی را که دیدید بنویسید.", "text")
    if len(text) > MAX_TEXT:
        raise InvalidInput("feedback_too_long", "گزارش حداکثر ۲۰۰۰ نویسه است.", "text")
    if not ratelimit.allow("page-feedback", address, RECORDED_PER_ADDRESS):
        if not proof:
            raise TooMany(PROOF_REQUIRED, "از نشانی اینترنتی شما بازخورد بسیاری رسیده است؛ "
                          "«من ربات نیستم» را تأیید کنید و دوباره بفرستید.")  # fmt: skip
        if not proof_accept(proof):
            raise NotAccepted("proof_of_work_invalid", "تأیید «من ربات نیستم» پذیرفته نشد؛ دوباره تأیید کنید.")
        if not ratelimit.allow("page-feedback-proven", address, RECORDED_PER_ADDRESS_PROVEN):
            raise TooMany("too_much_feedback", "از این نشانی بازخورد بسیاری رسیده است؛ ساعتی دیگر دوباره بفرستید.")
    return PageFeedback.objects.create(path=kept_path(path), useful=useful, text=text, created_at=now)
