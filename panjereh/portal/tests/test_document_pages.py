"""The public verification page, and a person's own document page, QR code and PDF."""

from __future__ import annotations

import re
import zlib
from typing import Any
from urllib.parse import quote

import pytest
from django.test import Client

from panjereh.applications.documents import signing, verification
from panjereh.applications.tests.conftest import citizen, client_for, issue

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def keys_in_tmp(settings: Any, tmp_path: Any) -> None:
    settings.VAR_DIR = tmp_path


def page(client: Client, path: str, expect: int = 200) -> str:
    response = client.get(path)
    assert response.status_code == expect, response.status_code
    return response.content.decode()


def test_the_verify_page_says_a_genuine_document_is_genuine_with_the_national_code_masked(client: Client) -> None:
    document = issue()
    html = page(client, f"/verify/{document.id}")
    assert '<html lang="fa" dir="rtl">' in html
    assert 'data-status="valid"' in html and "سند اصیل و معتبر است" in html
    assert "*******۶۷۹" in html
    assert "0012345679" not in html and "۰۰۱۲۳۴۵۶۷۹" not in html
    assert "گواهی عدم سوء پیشینه" in html and "سارا رضایی" in html


def test_the_verify_page_checks_the_qr_payload_and_says_when_it_was_tampered_with(client: Client) -> None:
    document = issue()
    payload = signing.compact_payload(document)
    good = page(client, f"/verify/{document.id}?p={quote(payload)}")
    assert 'data-status="valid"' in good
    bad = page(client, f"/verify/{document.id}?p={quote(payload[:-4] + 'AAAA')}")
    assert 'data-status="bad_signature"' in bad and "دست‌کاری شده است" in bad
    garbage = page(client, f"/verify/{document.id}?p=%ff<script>")
    assert 'data-status="bad_signature"' in garbage and "<script>" not in garbage
    assert client.get(f"/verify/{document.id}?p=%00abc").status_code == 400  # a NUL: refused at the door


def test_the_verify_page_says_revoked_expired_and_not_found_in_persian(client: Client) -> None:
    document = issue()
    verification.document_revoke(document=document, reason="صدور به اشتباه")
    revoked = page(client, f"/verify/{document.id}")
    assert 'data-status="revoked"' in revoked and "این سند باطل شده است" in revoked and "صدور به اشتباه" in revoked
    unknown = page(client, "/verify/NOSUCHDOCUMENT234")
    assert 'data-status="not_found"' in unknown and "سندی با این شناسه پیدا نشد" in unknown


def test_the_verify_form_sends_a_typed_id_to_its_page(client: Client) -> None:
    assert 'name="id"' in page(client, "/verify/")
    response = client.get("/verify/", {"id": " abcd-efgh-jklm-npqr "})
    assert response.status_code == 302 and response["Location"] == "/verify/ABCDEFGHJKLMNPQR"
    assert "شناسه سند باید" in page(client, "/verify/?id=123", expect=400)


def test_my_document_page_shows_the_claims_in_persian_and_the_qr_code_to_its_owner_only(client: Client) -> None:
    owner = citizen()
    document = issue(owner)
    html = page(client_for(owner), f"/me/documents/{document.id}/")
    assert "<svg" in html and 'class="document-qr"' in html
    assert "دارنده" in html and "کد ملی" in html and "فاقد سابقه کیفری مؤثر" in html and "بله" in html
    assert f"/me/documents/{document.id}/pdf" in html
    assert "style=" not in html.split("<svg", 1)[1].split("</svg>", 1)[0]

    other = citizen("0012345687", "09120005687")
    assert client_for(other).get(f"/me/documents/{document.id}/").status_code == 404
    assert client_for(other).get(f"/me/documents/{document.id}/pdf").status_code == 404
    assert client_for(owner).get("/me/documents/NOSUCHDOCUMENT234/").status_code == 404
    anonymous = client.get(f"/me/documents/{document.id}/")
    assert anonymous.status_code == 302 and anonymous["Location"].startswith("/login/?next=")
    assert client.get(f"/me/documents/{document.id}/pdf").status_code == 302


def test_my_document_pdf_is_a_pdf_with_the_document_id(client: Client) -> None:
    owner = citizen()
    document = issue(owner)
    response = client_for(owner).get(f"/me/documents/{document.id}/pdf")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response.content.startswith(b"%PDF")
    assert document.id.encode() in response.content
    assert f"({document.key_id})".encode() in drawn_text(response.content)  # Latin, left to right


def drawn_text(pdf: bytes) -> bytes:
    """The PDF's streams, inflated (those that are not zlib left out). Each is cut by the /Length its
    dictionary gives: compressed bytes may end in a byte that reads as an end of line."""
    drawn = []
    for found in re.finditer(rb"/Length (\d+)\b[^>]*>>\s*stream\r?\n", pdf):
        stream = pdf[found.end() : found.end() + int(found.group(1))]
        try:
            drawn.append(zlib.decompress(stream))
        except zlib.error:
            continue
    return b"".join(drawn)


def test_my_account_lists_my_documents_with_links_to_them() -> None:
    owner = citizen()
    document = issue(owner)
    html = page(client_for(owner), "/me/")
    assert "اسناد من" in html and f"/me/documents/{document.id}/" in html


def test_the_verify_page_gives_the_signed_payload_only_to_one_who_types_the_holders_national_code() -> None:
    from django.test import Client as Browser

    document = issue()
    visitor = Browser(enforce_csrf_checks=False)
    assert "PJ1." not in page(visitor, f"/verify/{document.id}")  # the short URL alone shows no payload
    wrong = visitor.post(f"/verify/{document.id}/signed", {"national_code": "0012345687"})
    body = wrong.content.decode()
    assert wrong.status_code == 404 and "سندی با این شناسه و این کد ملی دارنده پیدا نشد." in body
    assert 'class="alert alert-danger error-summary" role="alert"' in body and "PJ1." not in body
    right = visitor.post(f"/verify/{document.id}/signed", {"national_code": "۰۰۱۲۳۴۵۶۷۹"})
    body = right.content.decode()
    assert right.status_code == 200 and f"<code>{signing.compact_payload(document)}</code>" in body
    assert f'href="/verify/{document.id}?p=PJ1.' in body
    owner = client_for(document.citizen)
    own = page(owner, f"/me/documents/{document.id}/")
    assert f"<code>{signing.compact_payload(document)}</code>" in own
    assert f'class="d-block mt-1 qr-target" href="http://testserver/verify/{document.id}"' in own


@pytest.mark.parametrize("typed", ["", "   ", " - "])
def test_the_verify_form_sent_empty_asks_for_the_documents_id(client: Client, typed: str) -> None:
    html = page(client, f"/verify/?id={quote(typed)}", expect=400)
    assert 'class="alert alert-danger error-summary" role="alert"' in html
    assert html.count("شناسه سند را از روی سند بنویسید.") == 2  # in the summary and under the field
    assert 'aria-invalid="true" aria-describedby="document-id-error"' in html
    plain = page(client, "/verify/")  # only opened, not sent: nothing to fix yet
    assert "error-summary" not in plain and "شناسه سند را از روی سند بنویسید." not in plain
    assert "novalidate" in plain  # a browser sends it empty too, to be answered in Persian rather than in its own words


def test_a_malformed_id_is_said_so_under_the_field_too(client: Client) -> None:
    html = page(client, "/verify/?id=123", expect=400)
    message = "شناسه سند باید ۱۶ نویسه از حروف لاتین بزرگ و رقم باشد؛ آن را دوباره از روی سند بخوانید."
    assert html.count(message) == 2 and 'value="123"' in html


def test_the_verify_page_says_how_much_of_the_national_code_it_shows(client: Client) -> None:
    html = page(client, f"/verify/{issue().id}")
    shown = re.search(r"<bdi>(\*+[۰-۹]+)</bdi>", html)
    assert shown is not None and shown.group(1) == "*******۶۷۹"  # the last three digits, nothing else
    assert "از کد ملی دارنده تنها سه رقم پایانی نشان داده می‌شود." in html
    assert "سه رقم نخست" not in html
