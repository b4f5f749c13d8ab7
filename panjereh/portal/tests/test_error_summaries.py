"""Every form sent back with mistakes says what to fix at its top, each item linking to its field, in an
element screen readers read out (role="alert"; app.js gives it the focus)."""

from __future__ import annotations

import re

import pytest
from django.test import Client

pytestmark = pytest.mark.usefixtures("catalog")


def summary_of(body: str) -> str:
    summary = r'<div class="alert alert-danger error-summary" role="alert" tabindex="-1"[^>]*>(.*?)</div>'
    found = re.search(summary, body, re.S)
    assert found, "no error summary"
    return found.group(1)


def test_the_login_form(client: Client) -> None:
    body = client.post("/login/", {"national_code": "123", "mobile": "0912"}).content.decode()
    summary = summary_of(body)
    assert '<a href="#id_national_code">کد ملی معتبر نیست' in summary
    assert body.index("error-summary") < body.index('name="national_code"')


def test_the_tracking_form(client: Client) -> None:
    body = client.post("/track/", {"tracking_code": "123", "last_digits": "1"}).content.decode()
    assert '<a href="#tracking-code">کد رهگیری درست نیست' in summary_of(body)


def test_the_document_id_form(client: Client) -> None:
    body = client.get("/verify/", {"id": "not-an-id!"}).content.decode()
    assert '<a href="#document-id">شناسه سند باید' in summary_of(body)


def test_the_search_form(client: Client) -> None:
    body = client.get("/services/", {"q": "گذرنامه", "audience": "nobody"}).content.decode()
    assert '<a href="#f-audience">این گزینه مجاز نیست.</a>' in summary_of(body)


def test_a_page_without_mistakes_has_no_summary(client: Client) -> None:
    for path in ("/login/", "/track/", "/verify/", "/services/?q=گذرنامه", "/agencies/"):
        assert "error-summary" not in client.get(path).content.decode(), path
