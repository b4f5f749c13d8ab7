"""Where an application stands, without logging in: its tracking code and the last four digits of the
applicant's national code show its status, and nothing personal. A field left empty or malformed is
said so under it, and counts as no guess (it names no application). Wrong guesses are counted per
address and per tracking code; past either limit the page says to log in instead (the owner can
always see it there). Thin: the lookup is panjereh.applications.selectors.status_by_tracking."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_http_methods

from panjereh.applications.selectors import status_by_tracking
from panjereh.core import ratelimit
from panjereh.core.client_address import request_address_key
from panjereh.portal.forms import TrackForm

MISSES_PER_ADDRESS = "20/h"
MISSES_PER_CODE = "10/h"


@require_http_methods(["GET", "POST"])
def track(request: HttpRequest) -> HttpResponse:
    form = TrackForm(request.POST or None)
    context: dict[str, object] = {"form": form, "code": "", "digits": ""}
    if request.method == "GET":
        return render(request, "portal/track.html", context)
    context.update(code=request.POST.get("tracking_code", "")[:40], digits=request.POST.get("last_digits", "")[:10])
    if not form.is_valid():
        return render(request, "portal/track.html", context, status=400)
    key, digits = form.cleaned_data["tracking_code"], form.cleaned_data["last_digits"]
    # Counted as a miss before it is looked up (many at once cannot all pass the check), given back on a hit.
    misses = [("track-miss-address", request_address_key(request), MISSES_PER_ADDRESS),
              ("track-miss-code", key, MISSES_PER_CODE)]  # fmt: skip
    if not ratelimit.take(misses):
        context["error"] = "تلاش‌های نادرست بیش از اندازه بود؛ برای دیدن وضعیت درخواست وارد پنجره ملی شوید."
        return render(request, "portal/track.html", context, status=429)
    found = status_by_tracking(key, digits)
    if found is None:  # the same answer whether the code or the digits are wrong: which codes exist stays unsaid
        context["error"] = "درخواستی با این کد رهگیری و این چهار رقم پیدا نشد؛ هر دو را دوباره بررسی کنید."
        return render(request, "portal/track.html", context, status=404)
    ratelimit.give_back_all(misses)
    context["found"] = found
    return render(request, "portal/track.html", context)
