"""The evaluation's public pages render a published round from its snapshot: every number on a report
card next to its inputs and formula; refusals are Persian pages."""

from __future__ import annotations

import datetime
import re

import pytest
from django.test import Client

from panjereh.evaluation.models import AgencyResult
from panjereh.evaluation.services import round_compute, round_publish
from panjereh.evaluation.tests.conftest import AFTER, History, history  # noqa: F401 (the fixture)


def latin_digits_shown(page: str) -> list[str]:
    """Text a person reads in the page's main part that has Latin digits (attributes and SVG geometry aside)."""
    main = page.split("<main")[1].split("</main>")[0]
    return [text for text in re.findall(r">([^<>]*)<", main) if re.search(r"[0-9]", text)]


@pytest.fixture
def published(history: History) -> History:  # noqa: F811
    round_compute(code="1403-Q2", now=AFTER)
    round_publish(code="1403-Q2", now=AFTER)
    return history


def test_before_any_round_is_published_the_page_says_so(db: None, client: Client) -> None:
    page = client.get("/evaluation/").content.decode()
    assert "هنوز کارنامه‌ای منتشر نشده است" in page


def test_the_rankings_page(published: History, client: Client) -> None:
    page = client.get("/evaluation/").content.decode()
    assert "کارنامه دولت الکترونیکی: تابستان ۱۴۰۳" in page
    good = AgencyResult.objects.get(agency__code="good")
    assert re.search(r'سازمان خوب</a></th>\s*<td data-label="امتیاز"><strong>', page)
    assert "بنیاد کم‌داده" in page.split("داده کافی نیست")[-1] and "شرکت غایب" in page.split("شرکت نکردند")[-1]
    assert '<svg class="chart"' in page and "<desc" in page  # the chart and its text alternative
    assert not latin_digits_shown(page)
    assert good.rank == 1


def test_sorting_by_a_pillar(published: History, client: Client) -> None:
    page = client.get("/evaluation/1403-Q2/?sort=participatory").content.decode()
    assert page.index("سازمان خوب</a></th>") < page.index("وزارت کند</a></th>")
    assert '<th scope="col" aria-sort="descending"><span>مشارکتی</span></th>' in page


def test_a_report_card_shows_each_indicator_with_its_inputs(published: History, client: Client) -> None:
    page = client.get("/evaluation/1403-Q2/poor").content.decode()
    assert "وزارت کند" in page and "کارنامه تابستان ۱۴۰۳" in page
    availability = page.split('id="indicator-availability"')[1].split("</tr>")[0]
    assert (
        "۴۰٪" in availability and "استعلام‌های پاسخ‌داده: ۱۰" in availability and "استعلام‌های رسیده: ۲۵" in availability
    )
    latency = page.split('id="indicator-latency"')[1].split("</tr>")[0]
    assert "صدک ۹۵ زمان پاسخ (میلی‌ثانیه): ۳۰۰۰" in latency
    window = page.split('id="indicator-window_connected"')[1].split("</tr>")[0]
    assert "مهلت اتصال: ۱۴۰۳/۱۰/۳۰" in window  # dates in Jalali
    assert latin_digits_shown(page) == []
    assert '<bdi dir="ltr">—</bdi>' in page  # no previous round: no change
    thin = client.get("/evaluation/1403-Q2/thin").content.decode()
    assert "داده کافی نیست (پایه ۰ از کمینه ۵)" in thin


def test_the_lists_of_quality_transparency_and_windows(published: History, client: Client) -> None:
    AgencyResult.objects.filter(agency__code="good").update(user_centric=95.5)  # the page reads the snapshot
    page = client.get("/evaluation/1403-Q2/").content.decode()

    def section(heading_id: str) -> str:
        return page.split(f'id="{heading_id}"')[1].split("</section>")[0]

    quality = section("h-quality")
    assert "سازمان خوب" in quality and "۹۵٫۵" in quality and "وزارت کند" not in quality
    assert section("h-transparent").index("سازمان خوب") < section("h-transparent").index("وزارت کند")
    best = section("h-best-windows")  # connected by the deadline, and logs people in through the national window
    assert "سازمان خوب" in best and "وزارت کند" not in best
    lacking = section("h-non-standard")  # launched after its deadline, never connected, no sign-on
    assert "وزارت کند" in lacking and "سازمان خوب" not in lacking and "بنیاد کم‌داده" not in lacking
    assert "در مهلت به پنجره ملی متصل نشد؛ ورود یکپارچه پنجره ملی را نمی‌پذیرد" in lacking


@pytest.mark.parametrize(
    ("path", "status", "says"),
    [
        ("/evaluation/1403-Q1/", 404, "منتشر نشده"),
        ("/evaluation/nonsense/", 422, "دوره‌ای با این نام نیست"),
        ("/evaluation/1403-Q2/nobody", 404, "دستگاهی با این کد"),
    ],
)
def test_unknown_rounds_and_agencies_are_persian_pages(
    published: History, client: Client, path: str, status: int, says: str
) -> None:
    answer = client.get(path)
    assert answer.status_code == status and says in answer.content.decode()


def test_the_methodology_lists_every_indicator(db: None, client: Client) -> None:
    page = client.get("/evaluation/methodology/").content.decode()
    assert page.count('<tr><th scope="row">') == 15 and "کاربرمحور: ۳۰" in page


def test_the_change_names_the_published_round_it_is_measured_from(published: History, client: Client) -> None:
    assert (
        '<div class="text-body-secondary small">تغییر</div>' in client.get("/evaluation/1403-Q2/poor").content.decode()
    )
    later = AFTER + datetime.timedelta(days=120)  # winter 1403 is over
    round_compute(code="1403-Q3", now=later)  # computed, not published: nothing is measured from it
    round_compute(code="1403-Q4", now=later)
    round_publish(code="1403-Q4", now=later)
    card = client.get("/evaluation/1403-Q4/poor").content.decode()
    assert "تغییر از تابستان ۱۴۰۳" in card and "پاییز ۱۴۰۳" not in card.split("تغییر از")[1][:40]
    assert "بیشترین پیشرفت از تابستان ۱۴۰۳" in client.get("/evaluation/1403-Q4/").content.decode()
