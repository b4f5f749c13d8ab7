"""The installable phone app (a progressive web app): its manifest, its service worker and the page it
shows offline. The worker keeps the site's shell (styles, fonts, icons, the offline page) and, for
showing offline, the person's own document pages once seen; they are forgotten when no one is logged in."""

from __future__ import annotations

import hashlib
import json

from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render
from django.templatetags.static import static
from django.views.decorators.http import require_GET

ICONS = [("portal/icons/icon-192.png", "192x192", "any"), ("portal/icons/icon-512.png", "512x512", "any"),
         ("portal/icons/icon-maskable-192.png", "192x192", "maskable"),
         ("portal/icons/icon-maskable-512.png", "512x512", "maskable")]  # fmt: skip
SHELL = ["vendor/bootstrap/bootstrap.rtl.min.css", "portal/site.css", "portal/app.js", "vendor/htmx/htmx.min.js",
         "vendor/vazirmatn/Vazirmatn-Regular.woff2", "vendor/vazirmatn/Vazirmatn-Bold.woff2", "portal/favicon.svg",
         *(path for path, _, _ in ICONS)]  # fmt: skip


@require_GET
def manifest(request: HttpRequest) -> HttpResponse:
    body = {
        "name": "پنجره ملی خدمات دولت", "short_name": "پنجره", "lang": "fa", "dir": "rtl",
        "description": "همه خدمات دولت در یک پنجره: یافتن، درخواست، پرداخت و پیگیری",
        "id": "/", "start_url": "/?source=app", "scope": "/", "display": "standalone",
        "background_color": "#ffffff", "theme_color": "#0d6efd",
        "icons": [{"src": static(path), "sizes": sizes, "type": "image/png", "purpose": purpose}
                  for path, sizes, purpose in ICONS],
    }  # fmt: skip
    response = JsonResponse(body, json_dumps_params={"ensure_ascii": False})
    response["Content-Type"] = "application/manifest+json"
    return response


@require_GET
def service_worker(request: HttpRequest) -> HttpResponse:
    assets = [static(path) for path in SHELL] + ["/offline/"]
    version = hashlib.sha256("\n".join(assets).encode()).hexdigest()[:12]  # new assets, a new shell cache
    response = render(request, "portal/sw.js", {"assets": json.dumps(assets), "version": version},
                      content_type="text/javascript; charset=utf-8")  # fmt: skip
    response["Cache-Control"] = "no-cache"  # the browser checks for a new worker at every visit
    return response


@require_GET
def offline(request: HttpRequest) -> HttpResponse:
    return render(request, "portal/offline.html", {})
