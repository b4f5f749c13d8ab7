"""The installable app: a valid manifest with its icons, a service worker that keeps the shell and the
offline page, the page shown offline; every page links the manifest and loads the worker's script."""

from __future__ import annotations

import json
import re

from django.contrib.staticfiles import finders
from django.test import Client
from PIL import Image


def test_the_manifest(db: None, client: Client) -> None:
    answer = client.get("/manifest.webmanifest")
    assert answer["Content-Type"] == "application/manifest+json"
    manifest = json.loads(answer.content)
    assert manifest["name"] == "پنجره ملی خدمات دولت" and manifest["short_name"] == "پنجره"
    shown = (manifest["lang"], manifest["dir"], manifest["display"], manifest["start_url"])
    assert shown == ("fa", "rtl", "standalone", "/?source=app")
    sizes = set()
    for icon in manifest["icons"]:
        found = finders.find(icon["src"].removeprefix("/static/"))
        assert found, icon["src"]
        with Image.open(found) as image:
            assert f"{image.width}x{image.height}" == icon["sizes"] and image.format == "PNG"
        sizes.add((icon["sizes"], icon["purpose"]))
    assert {("192x192", "any"), ("512x512", "any"), ("512x512", "maskable")} <= sizes


def test_the_service_worker_keeps_the_shell_and_the_offline_page(db: None, client: Client) -> None:
    answer = client.get("/sw.js")
    script = answer.content.decode()
    assert answer["Content-Type"].startswith("text/javascript") and answer["Cache-Control"] == "no-cache"
    assets = json.loads(re.search(r"const ASSETS = (\[.*\]);", script).group(1))  # type: ignore[union-attr]
    assert "/offline/" in assets and any(a.endswith("site.css") for a in assets)
    for asset in assets:
        assert asset == "/offline/" or finders.find(asset.removeprefix("/static/")), asset
    assert re.search(r'const SHELL = "panjereh-shell-[0-9a-f]{12}"', script)
    offline = client.get("/offline/").content.decode()
    assert "اکنون به اینترنت وصل نیستید" in offline and 'data-offline-page="1"' in offline


def test_every_page_links_the_manifest_and_the_app_script(db: None, client: Client) -> None:
    page = client.get("/").content.decode()
    assert '<link rel="manifest" href="/manifest.webmanifest">' in page and "portal/app.js" in page
    assert 'id="menu-toggle"' in page and 'aria-controls="site-menu"' in page and 'data-signed-out="1"' in page
