"""Where an application stands, without logging in: its tracking code and the last four digits of the
applicant's national code show its status, and nothing personal. Wrong guesses are counted per address
and per tracking code; past either limit the page says to log in instead (the owner can always see it
there). Thin: the lookup is panjereh.applications.selectors.status_by_tracking."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_http_methods

from panjereh.applications.selectors import status_by_tracking
from panjereh.applications.tracking import clean_tracking_code
from panjereh.core import ratelimit

MISSES_PER_ADDRESS = "20/h"
MISSES_PER_CODE = "10/h"


@require_http_methods(["GET", "POST"])
def track(request: HttpRequest) -> HttpResponse:
    context: dict[str, object] = {"code": "", "digits": ""}
    if request.method == "GET":
        return render(request, "portal/track.html", context)
    code, digits = request.POST.get("tracking_code", "")[:40], request.POST.get("last_digits", "")[:10]
    context.update(code=code, digits=digits)
    address = request.META.get("REMOTE_ADDR") or "-"
    key = clean_tracking_code(code)  # a malformed code names no application: counted per address only
    if not ratelimit.room("track-miss-address", address, MISSES_PER_ADDRESS) or (
        key is not None and not ratelimit.room("track-miss-code", key, MISSES_PER_CODE)
    ):
        context["error"] = "تلاش‌های نادرست بیش از اندازه بود؛ برای دیدن وضعیت درخواست وارد پنجره ملی شوید."
        return render(request, "portal/track.html", context, status=429)
    found = status_by_tracking(code, digits)
    if found is None:
        ratelimit.allow("track-miss-address", address, MISSES_PER_ADDRESS)
        if key is not None:
            ratelimit.allow("track-miss-code", key, MISSES_PER_CODE)
        context["error"] = "درخواستی با این کد رهگیری و این چهار رقم پیدا نشد؛ هر دو را دوباره بررسی کنید."
        return render(request, "portal/track.html", context, status=404)
    context["found"] = found
    return render(request, "portal/track.html", context)
