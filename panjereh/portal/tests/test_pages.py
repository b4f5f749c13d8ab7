"""The citizen pages, rendered by Django (the browser journeys are in e2e/)."""

from __future__ import annotations

import re
from urllib.parse import quote

import pytest
from django.test import Client

from panjereh.accounts.tests.staff_world import logged_in

pytestmark = pytest.mark.usefixtures("catalog")

PERSIAN_DIGITS = re.compile("[۰-۹]")


def html(client: Client, path: str, expect: int = 200, **params: str) -> str:
    response = client.get(path, params)
    assert response.status_code == expect, response.status_code
    return response.content.decode()


def test_every_page_is_persian_and_right_to_left(client: Client) -> None:
    for path in ["/", "/services/", "/services/faraja-passport-renewal/", "/agencies/", "/agencies/faraja/"]:
        page = html(client, path)
        assert '<html lang="fa" dir="rtl">' in page
        assert "bootstrap.rtl.min.css" in page and "cdn" not in page.lower()


def test_home_has_the_search_box_categories_and_persian_counts(client: Client) -> None:
    page = html(client, "/")
    assert 'role="search"' in page and 'name="q"' in page
    assert "هویت و اسناد سجلی" in page
    assert "۱۰ خدمت" in page  # ten services, in Persian digits


def test_search_results_list_the_service_with_a_link_to_its_profile(client: Client) -> None:
    page = html(client, "/services/", q="پاسپورت")
    assert "۱ خدمت پیدا شد" in page
    assert 'href="/services/faraja-passport-renewal/"' in page


def test_a_hostile_query_is_shown_escaped(client: Client) -> None:
    page = html(client, "/services/", q="<script>alert('x')</script>")
    assert "<script>alert" not in page
    assert "&lt;script&gt;alert" in page


def test_a_query_of_spaces_is_no_query(client: Client) -> None:
    page = html(client, "/services/", q="   ")
    assert '<h1 class="h3 mb-3">همه خدمات</h1>' in page and "نتیجه جستجوی" not in page


def test_an_overlong_query_or_a_bad_filter_gets_a_persian_400(client: Client) -> None:
    assert "بیش از حد بلند" in html(client, "/services/", 400, q="ا" * 1001)
    assert "این گزینه مجاز نیست" in html(client, "/services/", 400, maturity="digital")


def test_filters_and_htmx_partial(client: Client) -> None:
    response = client.get("/services/", {"agency": "welfare"}, HTTP_HX_REQUEST="true")
    page = response.content.decode()
    assert response.status_code == 200
    assert "<html" not in page  # only the results fragment
    assert "۳ خدمت پیدا شد" in page


def test_the_profile_shows_fee_time_and_approval_date_in_jalali_with_persian_digits(client: Client) -> None:
    page = html(client, "/services/faraja-passport-renewal/")
    assert "تمدید گذرنامه" in page
    assert "۱٬۲۵۰٬۰۰۰ ریال" in page
    assert "۳ روز کاری" in page
    assert "۱۵ اردیبهشت ۱۴۰۳" in page
    assert "تمام الکترونیکی" in page and "هوشمند" in page


def test_the_agency_page_lists_its_services_and_window_status(client: Client) -> None:
    page = html(client, "/agencies/welfare/")
    assert "سازمان بهزیستی کشور" in page and "راه‌اندازی نشده" in page
    assert "ثبت‌نام یارانه" in page and "۳ خدمت" in page
    assert "onboarding-checklist" not in page and "✘" not in page  # one status for the public: the badge
    staff = logged_in("council", "supervisor", None)
    assert "onboarding-checklist" in staff.get("/agencies/welfare/").content.decode()  # the checklist is theirs


def test_the_agency_directory_filters_by_window_status(client: Client) -> None:
    assert "۵ دستگاه" in html(client, "/agencies/")
    assert "۰ دستگاه" in html(client, "/agencies/", status="connected")


def test_the_agency_directory_finds_by_name_however_spelled_and_by_province(client: Client) -> None:
    from panjereh.agencies.models import Agency

    Agency.objects.create(code="shiraz-municipality", name="شهرداری شیراز", province="فارس")
    Agency.objects.create(code="tabriz-municipality", name="شهرداری تبریز", province="آذربایجان شرقی")
    assert "۳ دستگاه" in html(client, "/agencies/", q="شهرداري")  # Arabic yeh; with Tehran's
    found = html(client, "/agencies/", q="شهر داری  شیراز")  # spaced differently
    assert "۱ دستگاه" in found and "شهرداری شیراز" in found and "شهرداری تبریز" not in found
    in_fars = html(client, "/agencies/", province="فارس")
    assert "۱ دستگاه" in in_fars and '<option value="فارس" selected>' in in_fars
    assert "۵ دستگاه" in html(client, "/agencies/", province="national")  # the agencies of the whole country
    nowhere = html(client, "/agencies/", q="ناموجود")
    assert "۰ دستگاه" in nowhere and "دستگاهی با این نام و پالایه‌ها پیدا نشد" in nowhere


def test_the_agency_directory_pages_and_refuses_a_bad_filter_with_a_summary_of_what_to_fix(client: Client) -> None:
    from panjereh.agencies.models import Agency

    Agency.objects.bulk_create(Agency(code=f"office-{n}", name=f"اداره شماره {n}") for n in range(40))
    first = html(client, "/agencies/")
    assert "۴۵ دستگاه — صفحه ۱ از ۲" in first and first.count('<th scope="row">') == 30
    second = html(client, "/agencies/", page="2")
    assert "صفحه ۲ از ۲" in second and second.count('<th scope="row">') == 15
    assert "صفحه ۲ از ۲" in html(client, "/agencies/", page="99")  # past the end: the last page
    bad = client.get("/agencies/", {"status": "bogus", "province": "<script>"})
    body = bad.content.decode()
    assert bad.status_code == 400 and 'class="alert alert-danger error-summary" role="alert"' in body
    assert '<a href="#id_status">این گزینه مجاز نیست.</a>' in body and "<script>" not in body


def test_unknown_service_and_agency_pages_are_persian_404s(client: Client) -> None:
    assert "پیدا نشد" in html(client, "/services/nope/", 404)
    assert "پیدا نشد" in html(client, "/agencies/nope/", 404)


def test_pages_send_security_headers(client: Client) -> None:
    response = client.get("/")
    assert "default-src 'self'" in response["Content-Security-Policy"]
    assert response["X-Frame-Options"] == "DENY"
    assert response["X-Content-Type-Options"] == "nosniff"


def test_a_search_found_only_by_guessing_says_there_is_no_exact_result_and_offers_the_word_meant(
    client: Client,
) -> None:
    body = client.get("/services/", {"q": "تمدید گذرنمه"}).content.decode()
    assert "خدمتی دقیقاً با «تمدید گذرنمه» پیدا نشد" in body
    meant = quote("تمدید گذرنامه")
    assert f'آیا منظورتان <a href="?q={meant}">تمدید گذرنامه</a> بود؟' in body
    exact = client.get("/services/", {"q": "تمدید گذرنامه"}).content.decode()
    assert "پیدا نشد" not in exact and "منظورتان" not in exact


def test_a_life_event_page_lists_its_services_in_the_order_a_person_needs_them(client: Client) -> None:
    from conftest import import_records, profile
    from panjereh.catalog.sample.taxonomy import LIFE_EVENTS
    from panjereh.catalog.services import taxonomy_upsert

    taxonomy_upsert(categories=[], life_events=[event for event in LIFE_EVENTS if event["code"] == "birth"])
    birth = [  # imported in an order that is not the order of the steps
        ("welfare-child-support", "کمک هزینه فرزندآوری"),
        ("sabt-national-card-newborn", "صدور کارت ملی نوزاد"),
        ("sabt-birth-registration", "ثبت ولادت و صدور شناسنامه"),
        ("welfare-nursery-permit", "پروانه مهدکودک"),
        ("post-parcel", "ارسال بسته"),  # in the event, under no step
        ("sabt-birth-certificate-fix", "اصلاح مندرجات شناسنامه"),  # step 1 by its second word: after «ولادت»
    ]
    report = import_records([profile(code, title, life_events=["birth"]) for code, title in birth])
    assert not report.rejected, report.rejected
    body = html(client, "/life-events/birth/")
    assert '<h1 class="h3 mb-2">تولد فرزند</h1>' in body and "۶ خدمت" in body
    headings = re.findall(r'<h2 class="h5">([^<]+)</h2>', body)
    assert headings == ["گام ۱: ثبت ولادت و صدور شناسنامه", "گام ۲: کارت ملی نوزاد",
                        "گام ۳: حمایت‌های فرزندآوری", "گام ۴: مهدکودک و نگهداری کودک", "خدمات دیگر"]  # fmt: skip
    titles = re.findall(r'<h3 class="h5 card-title mb-1"><a href="/services/([^/]+)/">', body)
    assert titles == ["sabt-birth-registration", "sabt-birth-certificate-fix", "sabt-national-card-newborn",
                      "welfare-child-support", "welfare-nursery-permit", "post-parcel"]  # fmt: skip
    assert 'href="/life-events/birth/"' in html(client, "/")  # the home page leads here, not to a filter
    assert "پیدا نشد" in html(client, "/life-events/nope/", 404)
