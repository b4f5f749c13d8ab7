"""The exchange's pages of the back office speak Persian to staff: the audit log's columns, filters and
labels, its times in the solar calendar and its response times rounded, in Persian digits."""

from __future__ import annotations

import datetime
import re

import pytest
from django.test import Client

from conftest import staff_signed_in
from panjereh.agencies.services import agency_upsert
from panjereh.exchange.audit.store import append_batch
from panjereh.exchange.models import AuditRecord

pytestmark = pytest.mark.django_db

AT = datetime.datetime(2026, 12, 6, 12, 48, tzinfo=datetime.UTC)  # 16:18 in Tehran, 15 Azar 1405
ENGLISH = re.compile(r"[A-Za-z]{2,}")


@pytest.fixture
def record() -> AuditRecord:
    agency_upsert(code="faraja", name="فرماندهی انتظامی")
    agency_upsert(code="ict", name="وزارت ارتباطات")
    append_batch([{
        "at": AT, "consumer": "ict-portal", "consumer_agency": "ict", "provider": "faraja",
        "data_service": "passport", "purpose": "identity-check", "subject": "", "application": "",
        "outcome": "ok", "status": 200, "latency_ms": 83.78813470384301, "request_hash": "a" * 64,
        "response_hash": "b" * 64, "jti": "",
    }])  # fmt: skip
    return AuditRecord.objects.get()


logged_in = staff_signed_in


def column_titles(page: str) -> list[str]:
    head = page.split('<table id="result_list">')[1].split("</thead>")[0]
    return [re.sub(r"<[^>]+>", "", text).strip() for text in re.findall(r'<div class="text">(.*?)</div>', head)]


def labels(page: str) -> list[str]:
    return [re.sub(r"<[^>]+>", "", text).strip() for text in re.findall(r"<label[^>]*>(.*?)</label>", page, re.S)]


def test_the_audit_logs_columns_and_filters_are_persian(record: AuditRecord, operator: Client) -> None:
    page = operator.get("/admin/exchange/auditrecord/").content.decode()
    titles = column_titles(page)
    assert titles == ["شماره", "زمان", "سامانه مصرف‌کننده", "دستگاه ارائه‌دهنده", "خدمت داده", "هدف", "نتیجه",
                      "کد وضعیت HTTP", "زمان پاسخ"]  # fmt: skip
    filters = re.findall(r"<summary>\s*(.*?)\s*</summary>", page, re.S)
    assert filters == ["براساس نتیجه", "براساس دستگاه ارائه‌دهنده"]
    assert ">فرماندهی انتظامی</a>" in page  # the provider filter names the agency, not its code
    row = page.split("<tbody>")[1].split("</tbody>")[0]
    assert '<td class="field-when">۱۴۰۵/۰۹/۱۵ ساعت ۱۶:۱۸</td>' in row
    assert '<td class="field-latency">۸۳٫۸ میلی‌ثانیه</td>' in row
    assert "83.788" not in page and "دسامبر" not in page


def test_the_audit_records_page_is_persian(record: AuditRecord, operator: Client) -> None:
    page = operator.get(f"/admin/exchange/auditrecord/{record.pk}/change/").content.decode()
    shown = labels(page)
    assert "زمان پاسخ:" in shown and "چکیده درخواست:" in shown and "چکیده رکورد پیشین:" in shown
    assert [label for label in shown if ENGLISH.search(label) and "HTTP" not in label and "jti" not in label] == []
    assert "۸۳٫۸ میلی‌ثانیه" in page and "۱۴۰۵/۰۹/۱۵ ساعت ۱۶:۱۸" in page
    assert "<title>رکورد ۱: ict-portal → faraja/passport (پاسخ داده شد)" in page


def test_an_officer_filters_only_by_the_providers_they_may_see(record: AuditRecord) -> None:
    append_batch([{
        "at": AT, "consumer": "moi-portal", "consumer_agency": "moi", "provider": "moi", "data_service": "x",
        "purpose": "p", "subject": "", "application": "", "outcome": "ok", "status": 200, "latency_ms": 1.0,
        "request_hash": "", "response_hash": "", "jti": "",
    }])  # fmt: skip
    officer = logged_in("officer-ict", "officer", "ict")
    page = officer.get("/admin/exchange/auditrecord/").content.decode()
    assert ">فرماندهی انتظامی</a>" in page and "moi" not in page
    filtered = officer.get("/admin/exchange/auditrecord/", {"provider": "faraja"}).content.decode()
    assert filtered.count('class="field-provider"') == 1


def test_the_grant_and_consent_pages_have_no_english_labels(operator: Client) -> None:
    for path in ("/admin/exchange/grant/add/", "/admin/exchange/consent/add/", "/admin/exchange/auditcheckpoint/"):
        page = operator.get(path).content.decode()
        assert [label for label in labels(page) if ENGLISH.search(label)] == [], path
    assert "audit checkpoint" not in operator.get("/admin/exchange/auditcheckpoint/").content.decode().lower()
